package dev.redraw.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shared inputs: a minimal valid file and an environment whose secrets are easy to spot in output. */
final class Fixtures {

    static final String NEBULA_KEY = "nebula-key-SECRET-7f3a9c";
    static final String TELEGRAM_TOKEN = "123456:telegram-SECRET-b81e";
    static final String DISCORD_TOKEN = "discord-SECRET-token-4d2c";
    static final String DB_PASSWORD = "db-SECRET-password-91aa";

    /** Every secret value in {@link #env()}; none may ever show up in a message or toString. */
    static final List<String> SECRETS = List.of(NEBULA_KEY, TELEGRAM_TOKEN, DISCORD_TOKEN, DB_PASSWORD);

    static final String MINIMAL = """
            providers:
              - name: nebula
                dialect: contents
                base-url: https://llm.example.com
                api-key: ${NEBULA_API_KEY}
                models: [gemini-2.5-flash-image]
            """;

    private Fixtures() {}

    static Map<String, String> env() {
        return Map.of(
                "NEBULA_API_KEY", NEBULA_KEY,
                "TELEGRAM_BOT_TOKEN", TELEGRAM_TOKEN,
                "DISCORD_TOKEN", DISCORD_TOKEN,
                "REDRAW_DB_PASSWORD", DB_PASSWORD);
    }

    static Map<String, String> envWith(String... pairs) {
        Map<String, String> env = new HashMap<>(env());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    static Map<String, String> envWithout(String... names) {
        Map<String, String> env = new HashMap<>(env());
        for (String name : names) {
            env.remove(name);
        }
        return env;
    }

    static RedrawConfig load(String yaml) {
        return load(yaml, env());
    }

    static RedrawConfig load(String yaml, Map<String, String> env) {
        return new ConfigLoader(env).load(yaml, "config/redraw.yml");
    }

    /** Loads {@code yaml}, expecting failure, and checks the properties every failure must have. */
    static ConfigException failure(String yaml, Map<String, String> env) {
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> load(yaml, env));
        assertThat(error).as("loading should fail").isNotNull();
        assertThat(error.getMessage()).doesNotContain("\n", "\r");
        assertNoSecretIn(error.getMessage());
        assertNoSecretIn(String.valueOf(error.getCause()));
        return error;
    }

    static ConfigException failure(String yaml) {
        return failure(yaml, env());
    }

    /** Loads {@code yaml}, expecting it to fail with exactly {@code problem} at {@code keyPath}. */
    static void assertRefusedAt(String yaml, String keyPath, String problem) {
        ConfigException error = failure(yaml);
        assertThat(error.keyPath()).as(error.getMessage()).contains(keyPath);
        assertThat(error).hasMessage(keyPath + ": " + problem);
    }

    static void assertNoSecretIn(String text) {
        for (String secret : SECRETS) {
            assertThat(text).doesNotContain(secret);
        }
    }
}

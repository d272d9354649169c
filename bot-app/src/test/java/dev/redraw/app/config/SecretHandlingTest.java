package dev.redraw.app.config;

import static dev.redraw.app.config.Fixtures.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretHandlingTest {

    private static final String PASTED_KEY = "sk-pasted-SECRET-0000";

    @Test
    void literalApiKeyIsRefusedWithoutEchoingIt() {
        // Given a key pasted straight into the file
        String yaml = MINIMAL.replace("${NEBULA_API_KEY}", PASTED_KEY);

        // When it is loaded
        ConfigException error = Fixtures.failure(yaml);

        // Then the message points at the key, says what to write instead, and hides the value
        assertThat(error.getMessage())
                .startsWith("providers[0].api-key: ")
                .contains("environment")
                .contains("${NEBULA_API_KEY}")
                .doesNotContain(PASTED_KEY);
    }

    @Test
    void secretMixedWithTextIsRefused() {
        String yaml = MINIMAL.replace("${NEBULA_API_KEY}", "Bearer ${NEBULA_API_KEY}");

        ConfigException error = Fixtures.failure(yaml);

        assertThat(error.getMessage()).startsWith("providers[0].api-key: secrets are read only from the environment");
    }

    @Test
    void secretWithAFallbackValueIsRefusedWithoutEchoingIt() {
        String yaml = MINIMAL.replace("${NEBULA_API_KEY}", "${NEBULA_API_KEY:-" + PASTED_KEY + "}");

        ConfigException error = Fixtures.failure(yaml);

        assertThat(error.getMessage())
                .startsWith("providers[0].api-key: a secret cannot have a default value")
                .doesNotContain(PASTED_KEY);
    }

    @Test
    void malformedSecretReferenceIsRefusedWithoutEchoingIt() {
        String yaml = MINIMAL.replace("${NEBULA_API_KEY}", "${" + PASTED_KEY);

        ConfigException error = Fixtures.failure(yaml);

        assertThat(error.getMessage()).startsWith("providers[0].api-key: ").doesNotContain(PASTED_KEY);
    }

    @Test
    void literalPlatformTokenIsRefusedEvenWhenThePlatformIsOff() {
        String yaml = MINIMAL + "telegram:\n  enabled: false\n  token: \"" + PASTED_KEY + "\"\n";

        ConfigException error = Fixtures.failure(yaml);

        assertThat(error.getMessage())
                .startsWith("telegram.token: ")
                .contains("${TELEGRAM_BOT_TOKEN}")
                .doesNotContain(PASTED_KEY);
    }

    @Test
    void literalDatabasePasswordIsRefused() {
        String yaml = MINIMAL + "storage:\n  password: " + PASTED_KEY + "\n";

        ConfigException error = Fixtures.failure(yaml);

        assertThat(error.getMessage()).startsWith("storage.password: ").doesNotContain(PASTED_KEY);
    }

    @Test
    void missingApiKeyVariableIsNamed() {
        ConfigException error = Fixtures.failure(MINIMAL, Fixtures.envWithout("NEBULA_API_KEY"));

        assertThat(error).hasMessage("providers[0].api-key: environment variable NEBULA_API_KEY is not set");
    }

    @Test
    void emptyApiKeyVariableCountsAsUnset() {
        ConfigException error = Fixtures.failure(MINIMAL, Fixtures.envWith("NEBULA_API_KEY", ""));

        assertThat(error).hasMessage("providers[0].api-key: environment variable NEBULA_API_KEY is not set");
    }

    @Test
    void missingApiKeyEntrySuggestsAReferenceNamedAfterTheProvider() {
        String yaml = MINIMAL.replace("    api-key: ${NEBULA_API_KEY}\n", "").replace("nebula", "my-gw");

        ConfigException error = Fixtures.failure(yaml);

        assertThat(error)
                .hasMessage("providers[0].api-key: missing required key; write a reference such as ${MY_GW_API_KEY}");
    }

    @Test
    void enabledTelegramWithoutTokenNamesTheVariableAndTheReason() {
        String yaml = MINIMAL + "telegram:\n  enabled: true\n";

        ConfigException error = Fixtures.failure(yaml, Fixtures.envWithout("TELEGRAM_BOT_TOKEN"));

        assertThat(error)
                .hasMessage("telegram.token: TELEGRAM_BOT_TOKEN is not set (needed because telegram.enabled is true)");
    }

    @Test
    void enabledDiscordWithoutTokenNamesTheVariableTheFileUses() {
        String yaml = MINIMAL + "discord:\n  enabled: true\n  token: ${MY_DISCORD:-}\n";

        ConfigException error = Fixtures.failure(yaml);

        assertThat(error).hasMessage("discord.token: MY_DISCORD is not set (needed because discord.enabled is true)");
    }

    @Test
    void disabledPlatformsLoadWithoutTokens() {
        String yaml = MINIMAL + "telegram:\n  token: ${TELEGRAM_BOT_TOKEN}\ndiscord:\n  token: ${DISCORD_TOKEN:-}\n";

        RedrawConfig config = Fixtures.load(yaml, Fixtures.envWithout("TELEGRAM_BOT_TOKEN", "DISCORD_TOKEN"));

        assertThat(config.telegram().token()).isEmpty();
        assertThat(config.discord().token()).isEmpty();
        assertThat(config.enabledPlatforms()).isEmpty();
    }

    @Test
    void loadedConfigPrintsWithoutAnySecret() {
        // Given a config holding every kind of secret
        String yaml = MINIMAL + """
                telegram:
                  enabled: true
                discord:
                  enabled: true
                storage:
                  password: ${REDRAW_DB_PASSWORD}
                """;
        RedrawConfig config = Fixtures.load(yaml);

        // When it and its parts are turned into text
        String printed = String.join(
                "\n",
                config.toString(),
                config.telegram().toString(),
                config.discord().toString(),
                config.providers().getFirst().toString(),
                config.storage().toString());

        // Then no secret value appears, while the secrets are really there
        Fixtures.assertNoSecretIn(printed);
        assertThat(printed).contains("****");
        assertThat(config.storage().password().map(Secret::value)).contains(Fixtures.DB_PASSWORD);
    }

    @Test
    void secretHidesItsValueButComparesByIt() {
        Secret secret = new Secret(PASTED_KEY);

        assertThat(secret.toString()).isEqualTo("****");
        assertThat(secret.value()).isEqualTo(PASTED_KEY);
        assertThat(secret).isEqualTo(new Secret(PASTED_KEY)).hasSameHashCodeAs(new Secret(PASTED_KEY));
        assertThat(secret).isNotEqualTo(new Secret(PASTED_KEY + "x"));
        assertThat(Optional.of(secret).toString()).doesNotContain(PASTED_KEY);
    }
}

package dev.redraw.app.config;

import static dev.redraw.app.config.Fixtures.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValidationErrorsTest {

    private static final String SECOND_PROVIDER = """
              - name: other
                dialect: openai
                base-url: https://api.example.com
                api-key: ${NEBULA_API_KEY}
                models: [gpt-image-1]
            """;

    static Stream<Arguments> fullMessages() {
        return Stream.of(
                Arguments.of(
                        "misspelt top-level key lists the known keys",
                        MINIMAL + "provders: []\n",
                        "provders: unknown key; known keys are telegram, discord, providers, generation, images,"
                                + " storage, console, jobs, quotas, access, retries, server, logging"),
                Arguments.of(
                        "misspelt nested key is reported with its path",
                        MINIMAL + "telegram:\n  tokn: ${TELEGRAM_BOT_TOKEN}\n",
                        "telegram.tokn: unknown key; known keys are enabled, token, api-url, mode, webhook-url,"
                                + " webhook-secret"),
                Arguments.of(
                        "misspelt provider key is reported with its index",
                        MINIMAL + SECOND_PROVIDER.replace("models:", "model:"),
                        "providers[1].model: unknown key; known keys are name, dialect, base-url, api-key, models,"
                                + " timeout, auth, async, poll-interval, poll-max-interval, max-wait, stream,"
                                + " response-modalities"),
                Arguments.of(
                        "unknown dialect lists the dialects",
                        MINIMAL + SECOND_PROVIDER.replace("openai", "opnai"),
                        "providers[1].dialect: unknown dialect 'opnai'; expected one of contents, openai, gemini,"
                                + " task"),
                Arguments.of(
                        "ratio without a colon is refused",
                        MINIMAL + "generation:\n  default-ratio: 16x9\n",
                        "generation.default-ratio: '16x9' is not a ratio like 16:9"),
                Arguments.of(
                        "base URL must be http",
                        MINIMAL + SECOND_PROVIDER.replace("https://api.example.com", "ftp://api.example.com"),
                        "providers[1].base-url: 'ftp://api.example.com' is not an http or https URL"),
                Arguments.of(
                        "duplicate provider names point at the second use",
                        MINIMAL + SECOND_PROVIDER.replace("other", "nebula"),
                        "providers[1].name: duplicate provider name 'nebula' (already used by providers[0])"),
                Arguments.of(
                        "default model must be listed by a provider",
                        MINIMAL + "generation:\n  default-model: dall-e-9\n",
                        "generation.default-model: 'dall-e-9' is not listed by any provider; listed models are"
                                + " gemini-2.5-flash-image"),
                Arguments.of(
                        "providers are required", "providers: []\n", "providers: at least one provider is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullMessages")
    void mistakeIsReportedWithThisExactMessage(String description, String yaml, String expectedMessage) {
        assertThat(Fixtures.failure(yaml)).hasMessage(expectedMessage);
    }

    @Test
    void unknownKeyIsReportedBeforeProblemsWithValues() {
        // Given a file with both a bad value and a misspelt key further down
        String yaml = MINIMAL.replace("contents", "nope") + "consol:\n  output-dir: x\n";

        // When / Then the structural mistake wins, because it usually explains the other
        failureStartingWith(yaml, "consol: unknown key");
    }

    @Test
    void defaultModelMayComeFromAnyProvider() {
        String yaml = MINIMAL + SECOND_PROVIDER + "generation:\n  default-model: gpt-image-1\n";

        assertThat(Fixtures.load(yaml).generation().defaultModel()).isEqualTo("gpt-image-1");
    }

    static Stream<Arguments> syntaxErrors() {
        // A flow list left open on line 6, so the parser trips on line 7
        String unclosedList = """
                providers:
                  - name: nebula
                    dialect: contents
                    base-url: https://llm.example.com
                    api-key: ${NEBULA_API_KEY}
                    models: [gemini-2.5-flash-image
                    timeout: 90s
                """;
        // A pasted secret on a line the parser rejects; the shared checks in Fixtures.failure prove
        // the value stays out of the message
        String pastedSecret = MINIMAL.replace("${NEBULA_API_KEY}", "'" + Fixtures.NEBULA_KEY);
        return Stream.of(
                Arguments.of(
                        "syntax error reports the line of the problem", unclosedList, "config/redraw.yml line 7: "),
                Arguments.of(
                        "bad indentation reports its line",
                        "telegram:\n  enabled: false\n   token: x\n",
                        "config/redraw.yml line 3: mapping values are not allowed here"),
                Arguments.of(
                        "syntax error on a secret line does not quote the line",
                        pastedSecret,
                        "config/redraw.yml line "),
                Arguments.of(
                        "top-level list is refused",
                        "- a\n- b\n",
                        "config/redraw.yml: the top level must be a mapping"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntaxErrors")
    void unreadableFileIsReportedAgainstTheWholeFile(String description, String yaml, String expectedStart) {
        assertThat(failureStartingWith(yaml, expectedStart).keyPath()).isEmpty();
    }

    @Test
    void duplicateKeyIsASyntaxError() {
        String yaml = MINIMAL + "console:\n  output-dir: a\n  output-dir: b\n";

        assertThat(failureStartingWith(yaml, "config/redraw.yml line 9: ").getMessage())
                .contains("output-dir");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("section given as a value", MINIMAL + "telegram: true\n", "telegram: expected a mapping"),
                Arguments.of(
                        "value given as a list",
                        MINIMAL + "console:\n  output-dir: [a]\n",
                        "console.output-dir: expected a single value"),
                Arguments.of("providers given as a mapping", "providers:\n  name: x\n", "providers: expected a list"),
                Arguments.of(
                        "provider name with capitals",
                        MINIMAL.replace("name: nebula", "name: Nebula"),
                        "providers[0].name: 'Nebula' may only contain"),
                Arguments.of(
                        "provider without a name",
                        MINIMAL.replace("name: nebula", "name: \"\""),
                        "providers[0].name: missing required key"),
                Arguments.of(
                        "provider without a dialect",
                        MINIMAL.replace("    dialect: contents\n", ""),
                        "providers[0].dialect: missing required key"),
                Arguments.of(
                        "provider without a base URL",
                        MINIMAL.replace("    base-url: https://llm.example.com\n", ""),
                        "providers[0].base-url: missing required key"),
                Arguments.of(
                        "base URL without a host",
                        MINIMAL.replace("https://llm.example.com", "llm.example.com"),
                        "providers[0].base-url: 'llm.example.com' is not an http or https URL"),
                Arguments.of(
                        "base URL that does not parse",
                        MINIMAL.replace("https://llm.example.com", "\"https://exa mple.com\""),
                        "providers[0].base-url: 'https://exa mple.com' is not a valid URL"),
                Arguments.of(
                        "empty model list",
                        MINIMAL.replace("[gemini-2.5-flash-image]", "[]"),
                        "providers[0].models: at least one model is required"),
                Arguments.of(
                        "missing model list",
                        MINIMAL.replace("    models: [gemini-2.5-flash-image]\n", ""),
                        "providers[0].models: at least one model is required"),
                Arguments.of(
                        "blank model id",
                        MINIMAL.replace("[gemini-2.5-flash-image]", "[a, \"\"]"),
                        "providers[0].models[1]: cannot be empty"),
                Arguments.of(
                        "empty model entry",
                        MINIMAL.replace("[gemini-2.5-flash-image]", "[a, ~]"),
                        "providers[0].models[1]: cannot be empty"),
                Arguments.of(
                        "empty provider entry",
                        MINIMAL.replace("providers:\n", "providers:\n  - ~\n"),
                        "providers[0]: cannot be empty"),
                Arguments.of(
                        "empty quota override",
                        MINIMAL + "quotas:\n  overrides: [~]\n",
                        "quotas.overrides[0]: cannot be empty"),
                Arguments.of(
                        "model listed twice",
                        MINIMAL.replace("[gemini-2.5-flash-image]", "[a, a]"),
                        "providers[0].models[1]: model 'a' is listed twice"),
                Arguments.of(
                        "timeout without a unit",
                        MINIMAL + "    timeout: 90\n",
                        "providers[0].timeout: '90' is not a duration like 90s, 2m or PT2M"),
                Arguments.of(
                        "zero timeout",
                        MINIMAL + "    timeout: 0s\n",
                        "providers[0].timeout: must be longer than zero"),
                Arguments.of(
                        "ratio with a zero side",
                        MINIMAL + "generation:\n  default-ratio: \"0:9\"\n",
                        "generation.default-ratio: '0:9' is not a ratio like 16:9"),
                Arguments.of(
                        "history budget that is not a size",
                        MINIMAL + "generation:\n  history-byte-budget: lots\n",
                        "generation.history-byte-budget: 'lots' is not a size like 20MB, 512KB or 20971520"),
                Arguments.of(
                        "zero history budget",
                        MINIMAL + "generation:\n  history-byte-budget: 0\n",
                        "generation.history-byte-budget: must be larger than zero"),
                Arguments.of(
                        "negative pixel limit",
                        MINIMAL + "images:\n  max-pixels: -1\n",
                        "images.max-pixels: must be larger than zero"),
                Arguments.of(
                        "fractional pixel limit",
                        MINIMAL + "images:\n  max-pixels: 1.5\n",
                        "images.max-pixels: '1.5' is not a whole number"),
                Arguments.of(
                        "pool size too large",
                        MINIMAL + "storage:\n  pool-size: 101\n",
                        "storage.pool-size: 101 is out of range; expected 1 to 100"),
                Arguments.of(
                        "pool size zero",
                        MINIMAL + "storage:\n  pool-size: 0\n",
                        "storage.pool-size: 0 is out of range; expected 1 to 100"),
                Arguments.of(
                        "pool size not a number",
                        MINIMAL + "storage:\n  pool-size: eight\n",
                        "storage.pool-size: 'eight' is not a whole number"),
                Arguments.of(
                        "storage URL that is not JDBC",
                        MINIMAL + "storage:\n  url: postgres://db/redraw\n",
                        "storage.url: must be a JDBC URL starting with 'jdbc:'"),
                Arguments.of(
                        "enabled flag that is not a boolean",
                        MINIMAL + "discord:\n  enabled: maybe\n",
                        "discord.enabled: 'maybe' is not true or false"),
                Arguments.of(
                        "gateway URL with an http scheme",
                        MINIMAL + "discord:\n  gateway-url: https://gateway.discord.gg/\n",
                        "discord.gateway-url: 'https://gateway.discord.gg/' is not a ws or wss URL"),
                Arguments.of(
                        "telegram API URL with a websocket scheme",
                        MINIMAL + "telegram:\n  api-url: wss://api.telegram.org\n",
                        "telegram.api-url: 'wss://api.telegram.org' is not an http or https URL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeIsReportedAtItsKey(String description, String yaml, String expectedStart) {
        // Given a file with one mistake
        // When it is loaded
        // Then the one-line message starts with the key path and what is wrong
        assertThat(failureStartingWith(yaml, expectedStart).keyPath())
                .hasValueSatisfying(path -> assertThat(expectedStart).startsWith(path + ": "));
    }

    /** Loads {@code yaml}, expecting it to fail with a message that starts with {@code expectedStart}. */
    private static ConfigException failureStartingWith(String yaml, String expectedStart) {
        ConfigException error = Fixtures.failure(yaml);
        assertThat(error.getMessage()).startsWith(expectedStart);
        return error;
    }
}

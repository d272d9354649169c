package dev.redraw.app.config;

import static dev.redraw.app.config.Fixtures.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redraw.core.model.ModelOverride;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The optional provider keys: auth, async, polling, and models written as mappings. */
class ProviderOptionsTest {

    private static final String MODEL_KEYS =
            "id, max-input-images, aspect-ratios, image-sizes, max-image-bytes, max-prompt-chars, native-history";

    /** The minimal file with its model list replaced by {@code entries}, YAML list items written at column 0. */
    @Test
    void aModelIdWrittenAsANumberOrASwitchIsReadAsText() {
        // Given model ids that YAML reads as a number, a decimal and a boolean
        RedrawConfig config = Fixtures.load(withModels("- 3\n- 1.5\n- id: 2\n  max-input-images: 1\n- true"));

        // Then they are the ids as written
        assertThat(config.providers().getFirst().models()).containsExactly("3", "1.5", "2", "true");
    }

    private static String withModels(String entries) {
        return MINIMAL.replace(" [gemini-2.5-flash-image]\n", "\n" + entries.indent(6));
    }

    /** The minimal file with {@code keys} added to its provider. */
    private static String withProviderKeys(String keys) {
        return MINIMAL + keys.indent(4);
    }

    private static String withDialect(String dialect) {
        return MINIMAL.replace("dialect: contents", "dialect: " + dialect);
    }

    @ParameterizedTest(name = "{0} sends the key as {1}")
    @CsvSource({"contents, BEARER", "openai, BEARER", "gemini, GOOGLE_API_KEY", "task, BEARER"})
    void unsetProviderKeysGetTheirDefaults(String dialect, ProviderAuth auth) {
        // Given a provider that sets none of the optional keys
        // When it is loaded
        ProviderConfig provider =
                Fixtures.load(withDialect(dialect)).providers().getFirst();

        // Then the dialect picks the auth, and the rest have their documented defaults
        assertThat(provider.auth()).isEqualTo(auth).isEqualTo(ProviderAuth.defaultFor(provider.dialect()));
        assertThat(provider.async()).isFalse();
        assertThat(provider.pollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(provider.pollMaxInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(provider.maxWait()).isEqualTo(Duration.ofMinutes(10));
        assertThat(provider.modelEntries()).containsExactly(ModelEntries.of("gemini-2.5-flash-image"));
    }

    @ParameterizedTest(name = "{0} with auth {1}")
    @CsvSource({
        "contents, bearer, BEARER",
        "contents, google-api-key, GOOGLE_API_KEY",
        "gemini, bearer, BEARER",
        "openai, Google-Api-Key, GOOGLE_API_KEY"
    })
    void authIsRead(String dialect, String written, ProviderAuth auth) {
        String yaml = withDialect(dialect) + "    auth: " + written + "\n";

        assertThat(Fixtures.load(yaml).providers().getFirst().auth()).isEqualTo(auth);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openai", "task"})
    void asyncIsAcceptedWhereTheDialectHasAnAsynchronousForm(String dialect) {
        String yaml = withDialect(dialect) + "    async: true\n";

        assertThat(Fixtures.load(yaml).providers().getFirst().async()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"contents", "gemini"})
    void asyncIsRefusedWhereTheDialectHasNone(String dialect) {
        Fixtures.assertRefusedAt(
                withDialect(dialect) + "    async: true\n",
                "providers[0].async",
                "the " + dialect + " dialect has no asynchronous form; async works only with openai and task");
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @CsvSource({
        "10ms, 10ms, 1s, PT0.01S, PT0.01S, PT1S",
        "1m, 5m, 2h, PT1M, PT5M, PT2H",
        "500ms, 30s, 15m, PT0.5S, PT30S, PT15M"
    })
    void pollingIsRead(
            String interval, String maxInterval, String maxWait, Duration first, Duration longest, Duration total) {
        // Given polling keys at the edges of their ranges and in between
        String yaml = withProviderKeys(
                "poll-interval: " + interval + "\npoll-max-interval: " + maxInterval + "\nmax-wait: " + maxWait);

        // When it is loaded
        ProviderConfig provider = Fixtures.load(yaml).providers().getFirst();

        // Then each is kept
        assertThat(provider.pollInterval()).isEqualTo(first);
        assertThat(provider.pollMaxInterval()).isEqualTo(longest);
        assertThat(provider.maxWait()).isEqualTo(total);
    }

    @Test
    void modelsMayMixIdsAndMappings() {
        // Given a plain id, a mapping stating every capability and a mapping stating only its id
        String yaml = withModels("""
                - plain-model
                - id: rich-model
                  max-input-images: 14
                  aspect-ratios: ["16:9", "9:16", AUTO]
                  image-sizes: [1k, 2K, 4k]
                  max-image-bytes: 7MB
                  max-prompt-chars: 1_000_000
                  native-history: true
                - id: bare-model
                """);

        // When it is loaded
        ProviderConfig provider = Fixtures.load(yaml).providers().getFirst();

        // Then the ids keep their order and each mapping's capabilities are kept, sizes and auto normalised
        assertThat(provider.models()).containsExactly("plain-model", "rich-model", "bare-model");
        assertThat(provider.modelEntries())
                .containsExactly(
                        ModelEntries.of("plain-model"),
                        new ModelOverride(
                                "rich-model",
                                Optional.of(14),
                                Optional.of(List.of("16:9", "9:16", "auto")),
                                Optional.of(List.of("1K", "2K", "4K")),
                                Optional.of(7L * 1024 * 1024),
                                Optional.of(1_000_000),
                                Optional.of(true)),
                        ModelEntries.of("bare-model"));
    }

    @Test
    void modelCapabilitiesAtTheEdgesOfTheirRangesAreKept() {
        // Given one mapping with the lowest accepted values and one with the highest
        String yaml = withModels("""
                - id: low
                  max-input-images: 0
                  aspect-ratios: [auto]
                  image-sizes: [" 2k "]
                  max-image-bytes: 1
                  max-prompt-chars: 1
                  native-history: false
                - id: high
                  max-input-images: 100
                  aspect-ratios: ["99999:1"]
                  max-image-bytes: 1GiB
                  max-prompt-chars: 1000000
                """);

        // When it is loaded
        List<ModelOverride> entries = Fixtures.load(yaml).providers().getFirst().modelEntries();

        // Then each value is kept, and what a mapping leaves out stays empty
        assertThat(entries)
                .containsExactly(
                        new ModelOverride(
                                "low",
                                Optional.of(0),
                                Optional.of(List.of("auto")),
                                Optional.of(List.of("2K")),
                                Optional.of(1L),
                                Optional.of(1),
                                Optional.of(false)),
                        new ModelOverride(
                                "high",
                                Optional.of(100),
                                Optional.of(List.of("99999:1")),
                                Optional.empty(),
                                Optional.of(1L << 30),
                                Optional.of(1_000_000),
                                Optional.empty()));
    }

    @Test
    void severalProvidersMayServeTheSameModel() {
        // Given a second provider that serves the first one's model too, for fail-over
        String yaml = MINIMAL + """
                  - name: backup
                    dialect: openai
                    base-url: https://backup.example.com
                    api-key: ${NEBULA_API_KEY}
                    models:
                      - id: gemini-2.5-flash-image
                        image-sizes: [1K]
                """;

        // When it is loaded
        RedrawConfig config = Fixtures.load(yaml);

        // Then both list it, each with its own capabilities
        assertThat(config.providers())
                .extracting(ProviderConfig::models)
                .containsExactly(List.of("gemini-2.5-flash-image"), List.of("gemini-2.5-flash-image"));
        ModelOverride backupEntry =
                config.provider("backup").orElseThrow().modelEntries().getFirst();
        assertThat(backupEntry.imageSizes()).contains(List.of("1K"));
        assertThat(config.providers().getFirst().modelEntries().getFirst().imageSizes())
                .isEmpty();
        assertThat(config.generation().defaultModel()).isEqualTo("gemini-2.5-flash-image");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "auth: basic | auth | unknown auth 'basic'; expected one of bearer, google-api-key",
                "async: maybe             | async             | 'maybe' is not true or false",
                "poll-interval: 9ms       | poll-interval     | 9ms is out of range; expected 10ms to 1m",
                "poll-interval: 61s       | poll-interval     | 61s is out of range; expected 10ms to 1m",
                "poll-interval: 2         | poll-interval     | '2' is not a duration like 90s, 2m or PT2M",
                "poll-max-interval: 301s  | poll-max-interval | 301s is out of range; expected 10ms to 5m",
                "poll-max-interval: 1s    | poll-max-interval | 1s is less than poll-interval (2s); raise"
                        + " poll-max-interval or lower poll-interval",
                "max-wait: 999ms          | max-wait          | 999ms is out of range; expected 1s to 2h",
                "max-wait: 7201s          | max-wait          | 7201s is out of range; expected 1s to 2h"
            })
    void providerKeyMistakeIsReportedAtItsKey(String line, String key, String problem) {
        Fixtures.assertRefusedAt(withProviderKeys(line), "providers[0]." + key, problem);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "max-input-images: -1      | max-input-images | -1 is out of range; expected 0 to 100",
                "max-input-images: 101     | max-input-images | 101 is out of range; expected 0 to 100",
                "max-input-images: many    | max-input-images | 'many' is not a whole number",
                "max-prompt-chars: 0       | max-prompt-chars | 0 is out of range; expected 1 to 1000000",
                "max-prompt-chars: 1000001 | max-prompt-chars | 1000001 is out of range; expected 1 to 1000000",
                "max-image-bytes: 0        | max-image-bytes  | must be larger than zero",
                "max-image-bytes: lots     | max-image-bytes  | 'lots' is not a size like 20MB, 512KB or 20971520",
                "native-history: maybe     | native-history   | 'maybe' is not true or false",
                "aspect-ratios: [auto, 16x9] | aspect-ratios[1] | '16x9' is not a ratio like 16:9, or auto",
                "aspect-ratios: ['0:9']    | aspect-ratios[0] | '0:9' is not a ratio like 16:9, or auto",
                "aspect-ratios: [automatic] | aspect-ratios[0] | 'automatic' is not a ratio like 16:9, or auto",
                "aspect-ratios: ['']       | aspect-ratios[0] | cannot be empty",
                "aspect-ratios: []         | aspect-ratios    | list at least one value, or leave the key out",
                "aspect-ratios: '16:9'     | aspect-ratios    | expected a list",
                "image-sizes: [8K]         | image-sizes[0]   | '8K' is not an image size; expected 1K, 2K or 4K",
                "image-sizes: [1K, 1024]   | image-sizes[1]   | '1024' is not an image size; expected 1K, 2K or 4K",
                "image-sizes: []           | image-sizes      | list at least one value, or leave the key out"
            })
    void modelMappingMistakeIsReportedAtItsKey(String line, String key, String problem) {
        // Given a provider whose second model is a mapping with one mistake
        String yaml = withModels("- m\n- id: m2\n  " + line);

        // When it is loaded, then the message names the key inside that entry
        Fixtures.assertRefusedAt(yaml, "providers[0].models[1]." + key, problem);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of(
                        "providers[0].poll-max-interval",
                        withProviderKeys("poll-interval: 30s\npoll-max-interval: 20s"),
                        "20s is less than poll-interval (30s); raise poll-max-interval or lower poll-interval"),
                Arguments.of(
                        "providers[0].models[1].size",
                        withModels("- m\n- id: m2\n  size: 2K"),
                        "unknown key; known keys are " + MODEL_KEYS),
                Arguments.of(
                        "providers[0].models[1].id", withModels("- m\n- max-input-images: 2"), "missing required key"),
                Arguments.of(
                        "providers[0].models[1].id",
                        withModels("- m\n- id: [m2]"),
                        "expected a single value, not a list"),
                Arguments.of(
                        "providers[0].models[1]",
                        withModels("- m\n- [m2]"),
                        "expected a single value or a mapping with keys " + MODEL_KEYS),
                Arguments.of("providers[0].models[1]", withModels("- m\n- id: m"), "model 'm' is listed twice"),
                Arguments.of("providers[0].models[1]", withModels("- id: m\n- m"), "model 'm' is listed twice"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("mistakes")
    void mistakeIsReportedAtItsKey(String keyPath, String yaml, String problem) {
        Fixtures.assertRefusedAt(yaml, keyPath, problem);
    }

    @Test
    void handBuiltRecordsAreValidatedToo() {
        assertThatThrownBy(() -> ModelEntries.of(" "))
                .isInstanceOf(ConfigException.class)
                .hasMessage("id: a model id cannot be empty");
        assertThatThrownBy(() -> entryWithSizes(List.of("2K", "3K")))
                .hasMessage("image-sizes[1]: '3K' is not an image size; expected 1K, 2K or 4K");
        assertThatThrownBy(() -> provider(Dialect.GEMINI, true, Duration.ofSeconds(1)))
                .hasMessage("async: the gemini dialect has no asynchronous form; async works only with openai and"
                        + " task");
        assertThatThrownBy(() -> provider(Dialect.TASK, true, Duration.ofSeconds(1)))
                .hasMessage("poll-max-interval: 1s is less than poll-interval (2s); raise poll-max-interval or lower"
                        + " poll-interval");
        assertThat(provider(Dialect.TASK, true, Duration.ofSeconds(2)).async()).isTrue();
    }

    @Test
    void modelListsCannotBeChangedAfterConstruction() {
        // Given an entry and a provider built from lists the caller keeps
        List<String> sizes = new ArrayList<>(List.of("1k"));
        ModelOverride entry = entryWithSizes(sizes);
        List<ModelOverride> entries = new ArrayList<>(List.of(entry));
        ProviderConfig provider = provider(entries);

        // When the caller's lists change
        sizes.add("4K");
        entries.clear();

        // Then the records are unaffected and their own lists are read-only
        assertThat(entry.imageSizes()).contains(List.of("1K"));
        assertThat(provider.modelEntries()).containsExactly(entry);
        assertThatThrownBy(() -> entry.imageSizes().orElseThrow().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> provider.modelEntries().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> provider.models().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    private static ModelOverride entryWithSizes(List<String> sizes) {
        return ModelEntries.checked(new ModelOverride(
                "m",
                Optional.empty(),
                Optional.empty(),
                Optional.of(sizes),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    }

    private static ProviderConfig provider(Dialect dialect, boolean async, Duration pollMaxInterval) {
        return provider(dialect, async, pollMaxInterval, List.of(ModelEntries.of("m")));
    }

    private static ProviderConfig provider(List<ModelOverride> entries) {
        return provider(Dialect.OPENAI, false, ProviderConfig.DEFAULT_POLL_MAX_INTERVAL, entries);
    }

    private static ProviderConfig provider(
            Dialect dialect, boolean async, Duration pollMaxInterval, List<ModelOverride> entries) {
        return new ProviderConfig(
                "p",
                dialect,
                URI.create("https://p.example.com"),
                new Secret("key"),
                entries,
                ProviderConfig.DEFAULT_TIMEOUT,
                ProviderAuth.defaultFor(dialect),
                async,
                ProviderConfig.DEFAULT_POLL_INTERVAL,
                pollMaxInterval,
                ProviderConfig.DEFAULT_MAX_WAIT);
    }
}

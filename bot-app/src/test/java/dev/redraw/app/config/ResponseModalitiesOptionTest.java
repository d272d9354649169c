package dev.redraw.app.config;

import static dev.redraw.app.config.Fixtures.MINIMAL;
import static dev.redraw.core.provider.gemini.ResponseModality.IMAGE;
import static dev.redraw.core.provider.gemini.ResponseModality.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redraw.core.provider.gemini.ResponseModality;
import java.net.URI;
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

/** {@code providers[i].response-modalities}: what a gemini provider asks every answer to hold. */
class ResponseModalitiesOptionTest {

    private static final String NEEDS_IMAGE =
            "must include IMAGE, since the bot asks for images; write [IMAGE] or [TEXT, IMAGE] (the default)";

    private static String withDialect(String dialect, String keys) {
        return MINIMAL.replace("dialect: contents", "dialect: " + dialect) + keys.indent(4);
    }

    private static ProviderConfig gemini(String keys) {
        return Fixtures.load(withDialect("gemini", keys)).providers().getFirst();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "response-modalities:", "response-modalities: ~"})
    void unwrittenMeansTextAndImage(String keys) {
        ProviderConfig provider = gemini(keys);

        assertThat(provider.responseModalities()).isEmpty();
        assertThat(provider.sentResponseModalities()).containsExactly(TEXT, IMAGE);
    }

    static Stream<Arguments> goodLists() {
        return Stream.of(
                Arguments.of("[IMAGE]", List.of(IMAGE)),
                Arguments.of("[TEXT, IMAGE]", List.of(TEXT, IMAGE)),
                Arguments.of("[IMAGE, TEXT]", List.of(IMAGE, TEXT)),
                Arguments.of("[image]", List.of(IMAGE)),
                Arguments.of("[Text, iMaGe]", List.of(TEXT, IMAGE)),
                Arguments.of("[' image ']", List.of(IMAGE)),
                Arguments.of("\n  - IMAGE", List.of(IMAGE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodLists")
    void aWrittenListIsKeptInItsOrder(String written, List<ResponseModality> expected) {
        ProviderConfig provider = gemini("response-modalities: " + written);

        assertThat(provider.responseModalities()).contains(expected);
        assertThat(provider.sentResponseModalities()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "[]                  | response-modalities    | " + NEEDS_IMAGE,
                "[TEXT]              | response-modalities    | " + NEEDS_IMAGE,
                "[text, TEXT]        | response-modalities[1] | TEXT is listed twice",
                "[IMAGE, image]      | response-modalities[1] | IMAGE is listed twice",
                "[TEXT, IMAGE, TEXT] | response-modalities[2] | TEXT is listed twice",
                "[IMAGE, AUDIO]      | response-modalities[1] | unknown response modality 'AUDIO'; expected one of"
                        + " TEXT, IMAGE",
                "[IMAGES]            | response-modalities[0] | unknown response modality 'IMAGES'; expected one of"
                        + " TEXT, IMAGE",
                "[-1]                | response-modalities[0] | unknown response modality '-1'; expected one of TEXT,"
                        + " IMAGE",
                "[IMAGE, '']         | response-modalities[1] | cannot be empty",
                "IMAGE               | response-modalities    | expected a list",
                "[[IMAGE]]           | response-modalities[0] | expected a single value, not a list"
            })
    void aMistakeIsReportedAtItsKey(String written, String key, String problem) {
        Fixtures.assertRefusedAt(
                withDialect("gemini", "response-modalities: " + written), "providers[0]." + key, problem);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"contents", "openai", "task"})
    void otherDialectsRefuseTheKey(String dialect) {
        Fixtures.assertRefusedAt(
                withDialect(dialect, "response-modalities: [IMAGE]"),
                "providers[0].response-modalities",
                "only the gemini dialect has response modalities; " + dialect + " has none");
    }

    @Test
    void aLaterProviderIsNamedByItsIndex() {
        String yaml = MINIMAL + """
                  - name: gateway
                    dialect: gemini
                    base-url: https://gateway.example.com
                    api-key: ${NEBULA_API_KEY}
                    auth: bearer
                    models: [gemini-2.5-flash-image]
                    response-modalities: [TEXT]
                """;

        Fixtures.assertRefusedAt(yaml, "providers[1].response-modalities", NEEDS_IMAGE);
    }

    @Test
    void handBuiltRecordsAreCheckedAndCannotBeChangedLater() {
        assertThatThrownBy(() -> provider(Dialect.GEMINI, Optional.of(List.of(TEXT))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("response-modalities: " + NEEDS_IMAGE);
        assertThatThrownBy(() -> provider(Dialect.OPENAI, Optional.of(List.of(IMAGE))))
                .hasMessage("response-modalities: only the gemini dialect has response modalities; openai has none");
        assertThatThrownBy(() -> provider(Dialect.GEMINI, null))
                .hasMessage("response-modalities: missing required key");

        List<ResponseModality> written = new ArrayList<>(List.of(IMAGE));
        ProviderConfig provider = provider(Dialect.GEMINI, Optional.of(written));
        written.add(TEXT);

        assertThat(provider.sentResponseModalities()).containsExactly(IMAGE);
        assertThatThrownBy(() -> provider.sentResponseModalities().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static ProviderConfig provider(Dialect dialect, Optional<List<ResponseModality>> modalities) {
        return new ProviderConfig(
                "p",
                dialect,
                URI.create("https://p.example.com"),
                new Secret("key"),
                List.of(ModelEntries.of("m")),
                ProviderConfig.DEFAULT_TIMEOUT,
                ProviderAuth.defaultFor(dialect),
                false,
                ProviderConfig.DEFAULT_POLL_INTERVAL,
                ProviderConfig.DEFAULT_POLL_MAX_INTERVAL,
                ProviderConfig.DEFAULT_MAX_WAIT,
                false,
                modalities);
    }
}

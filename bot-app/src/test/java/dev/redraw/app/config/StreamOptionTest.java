package dev.redraw.app.config;

import static dev.redraw.app.config.Fixtures.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code providers[i].stream}: seed 004's streamed answers, for task gateways only. */
class StreamOptionTest {

    private static String withDialect(String dialect, String keys) {
        return MINIMAL.replace("dialect: contents", "dialect: " + dialect) + keys.indent(4);
    }

    @Test
    void streamIsOffUnlessWritten() {
        assertThat(Fixtures.load(withDialect("task", "")).providers().getFirst().stream())
                .isFalse();
    }

    @Test
    void aTaskGatewayMayStream() {
        assertThat(Fixtures.load(withDialect("task", "stream: true")).providers().getFirst().stream())
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"contents", "openai", "gemini"})
    void otherDialectsHaveNoStreamedForm(String dialect) {
        Fixtures.assertRefusedAt(
                withDialect(dialect, "stream: true"),
                "providers[0].stream",
                "only the task dialect has a streamed form; " + dialect + " has none");
    }

    @Test
    void streamAndAsyncExcludeEachOther() {
        Fixtures.assertRefusedAt(
                withDialect("task", "async: true\nstream: true"),
                "providers[0].stream",
                "cannot be combined with async; choose one");
    }

    @Test
    void streamMustBeABoolean() {
        var failure = Fixtures.failure(withDialect("task", "stream: sometimes"));

        assertThat(failure.getMessage()).startsWith("providers[0].stream: ");
    }
}

package dev.redraw.app.config;

import static dev.redraw.app.config.Fixtures.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The retries section: defaults, values and every refused value. */
class RetriesConfigTest {

    private static final String KEYS = "max-attempts, first-delay, max-delay, deadline, failure-threshold, cool-down";

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "retries:\n", "retries:\n  max-delay: ${NOT_SET:-}\n  deadline:\n"})
    void unsetKeysGetTheDefaults(String section) {
        // Given a file without the section, with an empty one, or with keys left empty
        // When it is loaded
        RetriesConfig retries = Fixtures.load(MINIMAL + section).retries();

        // Then each key has its documented default
        assertThat(retries)
                .isEqualTo(RetriesConfig.defaults())
                .isEqualTo(new RetriesConfig(
                        3,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(5),
                        3,
                        Duration.ofSeconds(60)));
    }

    static Stream<Arguments> acceptedValues() {
        return Stream.of(
                Arguments.of(
                        "lowest",
                        "max-attempts: 1\nfirst-delay: 10ms\nmax-delay: 10ms\ndeadline: 1s\nfailure-threshold: 1\n"
                                + "cool-down: 1s",
                        new RetriesConfig(
                                1,
                                Duration.ofMillis(10),
                                Duration.ofMillis(10),
                                Duration.ofSeconds(1),
                                1,
                                Duration.ofSeconds(1))),
                Arguments.of(
                        "highest",
                        "max-attempts: 10\nfirst-delay: 1m\nmax-delay: 10m\ndeadline: 1h\nfailure-threshold: 100\n"
                                + "cool-down: 1h",
                        new RetriesConfig(
                                10,
                                Duration.ofMinutes(1),
                                Duration.ofMinutes(10),
                                Duration.ofHours(1),
                                100,
                                Duration.ofHours(1))),
                Arguments.of(
                        "in between",
                        "max-attempts: 5\nfirst-delay: 250ms\nmax-delay: 2m\ndeadline: PT20M\nfailure-threshold: 7\n"
                                + "cool-down: 5m",
                        new RetriesConfig(
                                5,
                                Duration.ofMillis(250),
                                Duration.ofMinutes(2),
                                Duration.ofMinutes(20),
                                7,
                                Duration.ofMinutes(5))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedValues")
    void everyKeyIsRead(String description, String keys, RetriesConfig expected) {
        assertThat(Fixtures.load(MINIMAL + "retries:\n" + keys.indent(2)).retries())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "max-attempts, 0, 1 to 10",
        "max-attempts, 11, 1 to 10",
        "first-delay, 9ms, 10ms to 1m",
        "first-delay, 61s, 10ms to 1m",
        "max-delay, 9ms, 10ms to 10m",
        "max-delay, 601s, 10ms to 10m",
        "deadline, 999ms, 1s to 1h",
        "deadline, 3601s, 1s to 1h",
        "failure-threshold, 0, 1 to 100",
        "failure-threshold, 101, 1 to 100",
        "cool-down, 999ms, 1s to 1h",
        "cool-down, 3601s, 1s to 1h"
    })
    void valueOutsideItsRangeIsRefused(String key, String value, String range) {
        Fixtures.assertRefusedAt(
                MINIMAL + "retries:\n  " + key + ": " + value + "\n",
                "retries." + key,
                value + " is out of range; expected " + range);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                mistake(
                        "max-delay: 500ms",
                        "retries.max-delay",
                        "500ms is less than first-delay (1s); raise max-delay or lower first-delay"),
                mistake(
                        "first-delay: 45s",
                        "retries.max-delay",
                        "30s is less than first-delay (45s); raise max-delay or lower first-delay"),
                mistake("max-attempts: three", "retries.max-attempts", "'three' is not a whole number"),
                mistake("failure-threshold: 2.5", "retries.failure-threshold", "'2.5' is not a whole number"),
                mistake("deadline: 300", "retries.deadline", "'300' is not a duration like 90s, 2m or PT2M"),
                mistake("cool-down: PT-1S", "retries.cool-down", "-1s is out of range; expected 1s to 1h"),
                mistake("max-retries: 3", "retries.max-retries", "unknown key; known keys are " + KEYS),
                mistake("deadline: [5m]", "retries.deadline", "expected a single value, not a list"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("mistakes")
    void mistakeIsReportedAtItsKey(String keyPath, String keys, String problem) {
        Fixtures.assertRefusedAt(MINIMAL + "retries:\n" + keys.indent(2), keyPath, problem);
    }

    @Test
    void sectionGivenAsAValueIsRefused() {
        Fixtures.assertRefusedAt(MINIMAL + "retries: 3\n", "retries", "expected a mapping with keys " + KEYS);
    }

    @Test
    void handBuiltSectionIsValidatedToo() {
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new RetriesConfig(3, second.multipliedBy(2), second, second, 3, second))
                .isInstanceOf(ConfigException.class)
                .hasMessage("max-delay: 1s is less than first-delay (2s); raise max-delay or lower first-delay");
        assertThatThrownBy(() -> new RetriesConfig(3, null, second, second, 3, second))
                .hasMessage("first-delay: missing required key");
        assertThatThrownBy(() -> new RetriesConfig(3, second, second, second, 0, second))
                .hasMessage("failure-threshold: 0 is out of range; expected 1 to 100");
    }

    private static Arguments mistake(String keys, String keyPath, String problem) {
        return Arguments.of(keyPath, keys, problem);
    }
}

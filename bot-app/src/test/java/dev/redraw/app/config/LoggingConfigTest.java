package dev.redraw.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoggingConfigTest {

    @Test
    void textIsTheDefaultAndJsonIsTakenInAnyCase() {
        assertThat(Fixtures.load(Fixtures.MINIMAL).logging().format()).isEqualTo(LogFormat.TEXT);
        assertThat(Fixtures.load(Fixtures.MINIMAL + "logging:\n  format: JSON\n")
                        .logging()
                        .format())
                .isEqualTo(LogFormat.JSON);
    }

    @Test
    void anUnknownFormatOrKeyIsRefusedNamingIt() {
        assertThat(Fixtures.failure(Fixtures.MINIMAL + "logging:\n  format: xml\n", Fixtures.env()))
                .hasMessageStartingWith("logging.format: ");
        assertThat(Fixtures.failure(Fixtures.MINIMAL + "logging:\n  level: debug\n", Fixtures.env()))
                .hasMessageContaining("logging.level");
    }
}

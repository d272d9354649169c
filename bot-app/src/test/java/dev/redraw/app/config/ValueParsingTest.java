package dev.redraw.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueParsingTest {

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({
        "20971520, 20971520",
        "0, 0",
        "100B, 100",
        "512KB, 524288",
        "512kb, 524288",
        "512KiB, 524288",
        "20MB, 20971520",
        "20 MB, 20971520",
        "7MiB, 7340032",
        "1GB, 1073741824",
        "2GiB, 2147483648"
    })
    void sizesUsePowersOf1024(String text, long bytes) {
        assertThat(DataSizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MB", "20 megs", "-1MB", "1.5MB", "20TB", "9999999999999999999", "9000000000GB"})
    void malformedSizesAreRefused(String text) {
        assertThatThrownBy(() -> DataSizes.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "90s, PT1M30S",
        "2m, PT2M",
        "2M, PT2M",
        "1h, PT1H",
        "500ms, PT0.5S",
        "1d, PT24H",
        "PT2M, PT2M",
        "pt45s, PT45S",
        "' 30 s ', PT30S"
    })
    void durationsAcceptShortAndIsoForms(String text, String iso) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "90", "2 minutes", "PT", "P2X", "s", "99999999999999999999s"})
    void malformedDurationsAreRefused(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({
        "PT0S, 0s",
        "PT10M, 10m",
        "PT90S, 90s",
        "PT36H, 36h",
        "P30D, 30d",
        "PT1.5S, 1500ms",
        "PT-1S, -1s",
        "PT0.0000001S, PT0.0000001S"
    })
    void durationsAreWrittenInTheLargestWholeUnit(String iso, String text) {
        assertThat(Durations.format(Duration.parse(iso))).isEqualTo(text);
    }
}

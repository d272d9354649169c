package dev.redraw.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.RoundingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessagesTest {

    @ParameterizedTest(name = "{0} bytes -> {1}")
    @CsvSource({"7340032, 7 MB", "13002342, 12.4 MB", "61440, 60 KB", "1536, 1.5 KB", "100, 100 bytes", "1, 1 byte"})
    void formatsByteSizesInBinaryUnitsWithOneDecimalAtMost(long bytes, String expected) {
        assertThat(Messages.bytes(bytes, RoundingMode.HALF_UP)).isEqualTo(expected);
    }

    @Test
    void sizeJustOverTheLimitDoesNotPrintAsTheLimit() {
        long limit = 7L * 1024 * 1024;

        assertThat(Messages.bytes(limit + 1, RoundingMode.CEILING)).isEqualTo("7.1 MB");
        assertThat(Messages.tooManyPixels(7072, 7071, 50_000_000))
                .isEqualTo("The image is 7072\u00d77071 (50.1 megapixels); the limit is 50 megapixels.");
    }

    @ParameterizedTest(name = "{0} pixels -> {1}")
    @CsvSource({"400000000, 400 megapixels", "2073600, 2.1 megapixels", "5000, 5000 pixels"})
    void formatsPixelCounts(long pixels, String expected) {
        assertThat(Messages.pixels(pixels, RoundingMode.HALF_UP)).isEqualTo(expected);
    }

    @Test
    void shrinkNoticeNamesOldSizeLimitAndResult() {
        assertThat(Messages.shrunk(false, 13_002_342, 7L * 1024 * 1024, 3000, 2000, ImageFormat.JPEG, 6_396_314))
                .isEqualTo("Your image was 12.4 MB, over the 7 MB limit, so it was re-encoded to 3000\u00d72000 JPEG"
                        + " (6.1 MB).");
    }
}

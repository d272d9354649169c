package dev.redraw.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void formatsByteSizesInBinaryUnitsWithOneDecimalAtMost() {
        assertThat(Messages.bytes(7L * 1024 * 1024, RoundingMode.HALF_UP)).isEqualTo("7 MB");
        assertThat(Messages.bytes(13_002_342, RoundingMode.HALF_UP)).isEqualTo("12.4 MB");
        assertThat(Messages.bytes(60 * 1024, RoundingMode.HALF_UP)).isEqualTo("60 KB");
        assertThat(Messages.bytes(1536, RoundingMode.HALF_UP)).isEqualTo("1.5 KB");
        assertThat(Messages.bytes(100, RoundingMode.HALF_UP)).isEqualTo("100 bytes");
        assertThat(Messages.bytes(1, RoundingMode.HALF_UP)).isEqualTo("1 byte");
    }

    @Test
    void sizeJustOverTheLimitDoesNotPrintAsTheLimit() {
        long limit = 7L * 1024 * 1024;

        assertThat(Messages.bytes(limit + 1, RoundingMode.CEILING)).isEqualTo("7.1 MB");
        assertThat(Messages.tooManyPixels(7072, 7071, 50_000_000))
                .isEqualTo("The image is 7072\u00d77071 (50.1 megapixels); the limit is 50 megapixels.");
    }

    @Test
    void formatsPixelCounts() {
        assertThat(Messages.pixels(400_000_000, RoundingMode.HALF_UP)).isEqualTo("400 megapixels");
        assertThat(Messages.pixels(2_073_600, RoundingMode.HALF_UP)).isEqualTo("2.1 megapixels");
        assertThat(Messages.pixels(5_000, RoundingMode.HALF_UP)).isEqualTo("5000 pixels");
    }

    @Test
    void shrinkNoticeNamesOldSizeLimitAndResult() {
        assertThat(Messages.shrunk(false, 13_002_342, 7L * 1024 * 1024, 3000, 2000, ImageFormat.JPEG, 6_396_314))
                .isEqualTo("Your image was 12.4 MB, over the 7 MB limit, so it was re-encoded to 3000\u00d72000 JPEG"
                        + " (6.1 MB).");
    }
}

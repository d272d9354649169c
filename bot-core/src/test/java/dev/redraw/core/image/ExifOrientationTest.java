package dev.redraw.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExifOrientationTest {

    private static final byte[] JPEG = TestImages.jpeg(TestImages.solid(8, 8, Color.WHITE));

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 6, 8})
    void readsTheOrientationTagInEitherByteOrder(int orientation) {
        byte[] bigEndian =
                TestImages.withJpegSegment(JPEG, 0xE1, TestImages.exifOrientation(orientation, ByteOrder.BIG_ENDIAN));
        byte[] littleEndian = TestImages.withJpegSegment(
                JPEG, 0xE1, TestImages.exifOrientation(orientation, ByteOrder.LITTLE_ENDIAN));

        assertThat(ExifOrientation.of(bigEndian)).isEqualTo(orientation);
        assertThat(ExifOrientation.of(littleEndian)).isEqualTo(orientation);
    }

    @Test
    void missingOrMalformedExifMeansNormal() {
        byte[] notExif = TestImages.withJpegSegment(
                JPEG, 0xE1, "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII));
        byte[] cutShort = TestImages.withJpegSegment(JPEG, 0xE1, "Exif\0\0MM\0*".getBytes(StandardCharsets.US_ASCII));
        byte[] outOfRange = TestImages.withJpegSegment(JPEG, 0xE1, TestImages.exifOrientation(9, ByteOrder.BIG_ENDIAN));

        assertThat(ExifOrientation.of(JPEG)).isEqualTo(ExifOrientation.NORMAL);
        assertThat(ExifOrientation.of(notExif)).isEqualTo(ExifOrientation.NORMAL);
        assertThat(ExifOrientation.of(cutShort)).isEqualTo(ExifOrientation.NORMAL);
        assertThat(ExifOrientation.of(outOfRange)).isEqualTo(ExifOrientation.NORMAL);
    }

    /** Where source pixel (x, y) of a w×h image must land, per the EXIF specification. */
    @ParameterizedTest
    @CsvSource({
        "2, w-1-x, y",
        "3, w-1-x, h-1-y",
        "4, x, h-1-y",
        "5, y, x",
        "6, h-1-y, x",
        "7, h-1-y, w-1-x",
        "8, y, w-1-x"
    })
    void movesEveryPixelWhereTheOrientationSays(int orientation, String newX, String newY) {
        int w = 3;
        int h = 2;
        BufferedImage source = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                source.setRGB(x, y, 0xFF000000 | (x << 16) | (y << 8) | 0x80);
            }
        }

        BufferedImage oriented = ExifOrientation.apply(source, orientation);

        boolean swapped = orientation >= 5;
        assertThat(oriented.getWidth()).isEqualTo(swapped ? h : w);
        assertThat(oriented.getHeight()).isEqualTo(swapped ? w : h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int targetX = evaluate(newX, x, y, w, h);
                int targetY = evaluate(newY, x, y, w, h);
                assertThat(oriented.getRGB(targetX, targetY))
                        .as("source pixel (%d, %d)", x, y)
                        .isEqualTo(source.getRGB(x, y));
            }
        }
    }

    @Test
    void normalOrientationReturnsTheSameImage() {
        BufferedImage image = TestImages.solid(4, 4, Color.RED);

        assertThat(ExifOrientation.apply(image, ExifOrientation.NORMAL)).isSameAs(image);
    }

    private static int evaluate(String expression, int x, int y, int w, int h) {
        return switch (expression) {
            case "x" -> x;
            case "y" -> y;
            case "w-1-x" -> w - 1 - x;
            case "h-1-y" -> h - 1 - y;
            default -> throw new IllegalArgumentException(expression);
        };
    }
}

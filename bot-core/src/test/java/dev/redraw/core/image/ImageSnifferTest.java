package dev.redraw.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageSnifferTest {

    private static final byte[] PNG = TestImages.png(TestImages.solid(37, 23, Color.RED));
    private static final byte[] JPEG = TestImages.jpeg(TestImages.solid(37, 23, Color.RED));
    private static final byte[] GIF = TestImages.gif(TestImages.solid(37, 23, Color.RED));
    private static final byte[] WEBP = WebpFiles.lossless(5, 3, 0xFF204040, 0xFF20FF40, (x, y) -> x == y);
    private static final byte[] PROGRESSIVE_JPEG = TestImages.progressiveJpeg(TestImages.solid(41, 17, Color.BLUE));

    static Stream<Arguments> realImages() {
        return Stream.of(
                Arguments.of(ImageFormat.PNG, PNG, 37, 23),
                Arguments.of(ImageFormat.JPEG, JPEG, 37, 23),
                Arguments.of(ImageFormat.GIF, GIF, 37, 23),
                Arguments.of(ImageFormat.WEBP, WEBP, 5, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realImages")
    void detectsFormatFromMagicBytes(ImageFormat format, byte[] bytes, int width, int height) {
        assertThat(ImageSniffer.detect(bytes)).contains(format);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realImages")
    void readsDimensionsFromHeader(ImageFormat format, byte[] bytes, int width, int height) throws Exception {
        assertThat(ImageSniffer.readHeader(bytes)).isEqualTo(new ImageHeader(format, width, height));
    }

    @Test
    void detectsNothingInTextRandomOrEmptyBytes() {
        byte[] random = new byte[512];
        new Random(7).nextBytes(random);

        assertThat(ImageSniffer.detect("just some text".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(ImageSniffer.detect(random)).isEmpty();
        assertThat(ImageSniffer.detect(new byte[0])).isEmpty();
        assertThat(ImageSniffer.detect(null)).isEmpty();
    }

    @Test
    void detectsNothingInPartialSignatures() {
        assertThat(ImageSniffer.detect(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEmpty();
        assertThat(ImageSniffer.detect("GIF88a".getBytes(StandardCharsets.US_ASCII)))
                .isEmpty();
        assertThat(ImageSniffer.detect("RIFF\0\0\0\0WAVE".getBytes(StandardCharsets.US_ASCII)))
                .isEmpty();
    }

    @Test
    void rejectsUnknownBytesAsNotAnImage() {
        assertRejected("<html></html>".getBytes(StandardCharsets.UTF_8), IntakeResult.Reason.NOT_AN_IMAGE);
    }

    static Stream<Arguments> headers() {
        byte[] animationFrame = WebpFiles.chunk("VP8L", WebpFiles.vp8l(2, 2, 0xFF000000, 0xFF00FF00, (x, y) -> false));
        // An application segment whose payload looks like a frame header for a 32767×32767 image.
        byte[] decoy = {(byte) 0xFF, (byte) 0xC0, 0x00, 0x11, 0x08, 0x7F, (byte) 0xFF, 0x7F, (byte) 0xFF, 0x03};
        return Stream.of(
                Arguments.of(
                        "PNG header without pixel data",
                        TestImages.pngHeaderOnly(30_000, 20_000),
                        new ImageHeader(ImageFormat.PNG, 30_000, 20_000)),
                Arguments.of("progressive JPEG", PROGRESSIVE_JPEG, new ImageHeader(ImageFormat.JPEG, 41, 17)),
                Arguments.of(
                        "JPEG segments skipped by their length instead of searching for markers",
                        TestImages.withJpegSegment(JPEG, 0xEF, decoy),
                        new ImageHeader(ImageFormat.JPEG, 37, 23)),
                Arguments.of(
                        "lossy WEBP, ignoring the scale bits",
                        WebpFiles.riff(WebpFiles.chunk("VP8 ", WebpFiles.vp8KeyFrameHeader(640, 480, 1, 2))),
                        new ImageHeader(ImageFormat.WEBP, 640, 480)),
                Arguments.of(
                        "lossless WEBP at the fourteen-bit limit",
                        WebpFiles.riff(WebpFiles.chunk(
                                "VP8L", WebpFiles.vp8l(16_384, 1, 0xFF000000, 0xFF00FF00, (x, y) -> false))),
                        new ImageHeader(ImageFormat.WEBP, 16_384, 1)),
                Arguments.of(
                        "extended WEBP canvas",
                        WebpFiles.riff(
                                WebpFiles.vp8x(0x10, 5000, 3000),
                                WebpFiles.chunk("VP8 ", WebpFiles.vp8KeyFrameHeader(5000, 3000, 0, 0))),
                        new ImageHeader(ImageFormat.WEBP, 5000, 3000)),
                Arguments.of(
                        "animated WEBP canvas",
                        WebpFiles.riff(
                                WebpFiles.vp8x(0x02, 100_000, 3),
                                WebpFiles.anim(),
                                WebpFiles.anmf(0, 0, 2, 2, animationFrame)),
                        new ImageHeader(ImageFormat.WEBP, 100_000, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void readsFormatAndDimensionsFromTheHeader(String name, byte[] bytes, ImageHeader expected) throws Exception {
        assertThat(ImageSniffer.readHeader(bytes)).isEqualTo(expected);
    }

    @Test
    void pngHeaderWithWrongChecksumIsCorrupt() {
        byte[] png = PNG.clone();
        png[29] ^= 0x01; // first byte of the IHDR CRC

        assertCorrupt(png);
    }

    @Test
    void progressiveJpegHasAProgressiveFrameHeader() {
        assertThat(PROGRESSIVE_JPEG[TestImages.jpegFrameMarker(PROGRESSIVE_JPEG) + 1])
                .isEqualTo((byte) 0xC2);
    }

    @Test
    void losslessJpegIsUnsupported() {
        byte[] lossless = JPEG.clone();
        lossless[TestImages.jpegFrameMarker(lossless) + 1] = (byte) 0xC3;

        assertRejected(lossless, IntakeResult.Reason.UNSUPPORTED_FORMAT);
    }

    @Test
    void jpegReachingImageDataBeforeAFrameHeaderIsCorrupt() {
        byte[] noFrame = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0x00, 0x02, 0x12, 0x34};

        assertCorrupt(noFrame);
    }

    @Test
    void jpegWithZeroWidthIsCorrupt() {
        assertCorrupt(TestImages.withJpegSize(JPEG, 0, 23));
    }

    @Test
    void extendedWebpWhoseCanvasDisagreesWithItsBitstreamIsCorrupt() {
        byte[] webp = WebpFiles.riff(
                WebpFiles.vp8x(0, 6000, 3000), WebpFiles.chunk("VP8 ", WebpFiles.vp8KeyFrameHeader(5000, 3000, 0, 0)));

        assertCorrupt(webp);
    }

    @Test
    void animationFrameOutsideItsCanvasIsCorrupt() {
        byte[] frame = WebpFiles.chunk("VP8L", WebpFiles.vp8l(4, 4, 0xFF000000, 0xFF00FF00, (x, y) -> false));
        byte[] webp = WebpFiles.riff(WebpFiles.vp8x(0x02, 6, 6), WebpFiles.anim(), WebpFiles.anmf(4, 0, 4, 4, frame));

        assertCorrupt(webp);
    }

    @Test
    void webpWhoseRiffSizeExceedsTheDataIsCorrupt() {
        byte[] webp = WebpFiles.lossless(64, 64, 0xFF000000, 0xFF00FF00, (x, y) -> (x + y) % 2 == 0);

        assertCorrupt(TestImages.firstPart(webp, 0.6));
    }

    static Stream<Arguments> truncatedHeaders() {
        return Stream.of(
                Arguments.of("PNG", PNG, 20),
                Arguments.of("JPEG", JPEG, 4),
                Arguments.of("GIF", GIF, 10),
                Arguments.of("WEBP", WEBP, 16),
                Arguments.of("lossy WEBP", WebpFiles.LOSSY_1X1, 26));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("truncatedHeaders")
    void truncatedHeaderIsCorrupt(String name, byte[] bytes, int keep) {
        byte[] truncated = Arrays.copyOf(bytes, keep);

        assertThat(ImageSniffer.detect(truncated)).isPresent();
        assertCorrupt(truncated);
    }

    private static void assertCorrupt(byte[] bytes) {
        assertRejected(bytes, IntakeResult.Reason.CORRUPT);
    }

    private static void assertRejected(byte[] bytes, IntakeResult.Reason reason) {
        assertThatThrownBy(() -> ImageSniffer.readHeader(bytes))
                .isInstanceOfSatisfying(
                        ImageRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }
}

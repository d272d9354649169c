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
        assertThatThrownBy(() -> ImageSniffer.readHeader("<html></html>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        ImageRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(IntakeResult.Reason.NOT_AN_IMAGE));
    }

    @Test
    void readsPngHeaderWithoutPixelData() throws Exception {
        assertThat(ImageSniffer.readHeader(TestImages.pngHeaderOnly(30_000, 20_000)))
                .isEqualTo(new ImageHeader(ImageFormat.PNG, 30_000, 20_000));
    }

    @Test
    void pngHeaderWithWrongChecksumIsCorrupt() {
        byte[] png = PNG.clone();
        png[29] ^= 0x01; // first byte of the IHDR CRC

        assertCorrupt(png);
    }

    @Test
    void readsProgressiveJpegDimensions() throws Exception {
        byte[] progressive = TestImages.progressiveJpeg(TestImages.solid(41, 17, Color.BLUE));

        assertThat(progressive[TestImages.jpegFrameMarker(progressive) + 1]).isEqualTo((byte) 0xC2);
        assertThat(ImageSniffer.readHeader(progressive)).isEqualTo(new ImageHeader(ImageFormat.JPEG, 41, 17));
    }

    @Test
    void skipsJpegSegmentsByTheirLengthInsteadOfSearchingForMarkers() throws Exception {
        // An application segment whose payload looks like a frame header for a 32767×32767 image.
        byte[] decoy = {(byte) 0xFF, (byte) 0xC0, 0x00, 0x11, 0x08, 0x7F, (byte) 0xFF, 0x7F, (byte) 0xFF, 0x03};
        byte[] jpeg = TestImages.withJpegSegment(JPEG, 0xEF, decoy);

        assertThat(ImageSniffer.readHeader(jpeg)).isEqualTo(new ImageHeader(ImageFormat.JPEG, 37, 23));
    }

    @Test
    void losslessJpegIsUnsupported() {
        byte[] lossless = JPEG.clone();
        lossless[TestImages.jpegFrameMarker(lossless) + 1] = (byte) 0xC3;

        assertThatThrownBy(() -> ImageSniffer.readHeader(lossless))
                .isInstanceOfSatisfying(
                        ImageRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(IntakeResult.Reason.UNSUPPORTED_FORMAT));
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
    void readsLossyWebpDimensionsIgnoringTheScaleBits() throws Exception {
        byte[] webp = WebpFiles.riff(WebpFiles.chunk("VP8 ", WebpFiles.vp8KeyFrameHeader(640, 480, 1, 2)));

        assertThat(ImageSniffer.readHeader(webp)).isEqualTo(new ImageHeader(ImageFormat.WEBP, 640, 480));
    }

    @Test
    void readsLosslessWebpDimensionsAtTheFourteenBitLimit() throws Exception {
        byte[] bitstream = WebpFiles.vp8l(16_384, 1, 0xFF000000, 0xFF00FF00, (x, y) -> false);
        byte[] webp = WebpFiles.riff(WebpFiles.chunk("VP8L", bitstream));

        assertThat(ImageSniffer.readHeader(webp)).isEqualTo(new ImageHeader(ImageFormat.WEBP, 16_384, 1));
    }

    @Test
    void readsExtendedWebpCanvasSize() throws Exception {
        byte[] webp = WebpFiles.riff(
                WebpFiles.vp8x(0x10, 5000, 3000),
                WebpFiles.chunk("VP8 ", WebpFiles.vp8KeyFrameHeader(5000, 3000, 0, 0)));

        assertThat(ImageSniffer.readHeader(webp)).isEqualTo(new ImageHeader(ImageFormat.WEBP, 5000, 3000));
    }

    @Test
    void readsAnimatedWebpCanvasSize() throws Exception {
        byte[] frame = WebpFiles.chunk("VP8L", WebpFiles.vp8l(2, 2, 0xFF000000, 0xFF00FF00, (x, y) -> false));
        byte[] webp =
                WebpFiles.riff(WebpFiles.vp8x(0x02, 100_000, 3), WebpFiles.anim(), WebpFiles.anmf(0, 0, 2, 2, frame));

        assertThat(ImageSniffer.readHeader(webp)).isEqualTo(new ImageHeader(ImageFormat.WEBP, 100_000, 3));
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
        assertThatThrownBy(() -> ImageSniffer.readHeader(bytes))
                .isInstanceOfSatisfying(
                        ImageRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(IntakeResult.Reason.CORRUPT));
    }
}

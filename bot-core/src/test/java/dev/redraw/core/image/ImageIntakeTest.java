package dev.redraw.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.math.RoundingMode;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageIntakeTest {

    private static final long MB = 1024 * 1024;
    private static final long MAX_PIXELS = 50_000_000;
    private static final byte[] LOSSLESS_WEBP =
            WebpFiles.lossless(5, 3, 0xFF204040, 0xFF20FF40, (x, y) -> (x + y) % 2 == 1);

    private final ImageIntake intake = new ImageIntake(IntakePolicy.defaults());

    static Stream<Arguments> imagesWithinTheLimits() {
        return Stream.of(
                Arguments.of("PNG", TestImages.png(TestImages.opaqueNoise(64, 48, 1)), ImageFormat.PNG, 64, 48),
                Arguments.of("JPEG", TestImages.jpeg(TestImages.opaqueNoise(64, 48, 2)), ImageFormat.JPEG, 64, 48),
                Arguments.of("lossless WEBP", LOSSLESS_WEBP, ImageFormat.WEBP, 5, 3),
                Arguments.of("lossy WEBP", WebpFiles.LOSSY_1X1, ImageFormat.WEBP, 1, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("imagesWithinTheLimits")
    void acceptsImageWithinTheLimitsUnchanged(String name, byte[] bytes, ImageFormat format, int width, int height) {
        NormalizedImage image = accepted(intake.accept(bytes), format, width, height);

        assertThat(image.bytes()).isEqualTo(bytes);
        assertThat(image.sha256()).isEqualTo(TestImages.sha256(bytes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("imagesWithinTheLimits")
    void anImageAcceptedUnchangedTakesTheHashItsCallerComputed(
            String name, byte[] bytes, ImageFormat format, int width, int height) {
        var asked = new java.util.concurrent.atomic.AtomicInteger();
        NormalizedImage image = accepted(
                intake.accept(bytes, () -> {
                    asked.incrementAndGet();
                    return TestImages.sha256(bytes);
                }),
                format,
                width,
                height);

        assertThat(image.sha256()).isEqualTo(TestImages.sha256(bytes));
        assertThat(asked).hasValue(1);
    }

    @Test
    void aConvertedImageIsHashedAsItComesOutNotAsItCameIn() {
        byte[] gif = TestImages.gif(TestImages.opaqueNoise(20, 10, 9));
        NormalizedImage image = accepted(
                intake.accept(gif, () -> {
                    throw new AssertionError("the input's hash is not the converted image's");
                }),
                ImageFormat.PNG,
                20,
                10);

        assertThat(image.sha256()).isEqualTo(TestImages.sha256(image.bytes()));
    }

    @Test
    void acceptedLosslessWebpDecodesToItsOwnPixels() {
        NormalizedImage image = accepted(intake.accept(LOSSLESS_WEBP), ImageFormat.WEBP, 5, 3);

        BufferedImage decoded = TestImages.decode(image.bytes());
        assertThat(decoded.getRGB(0, 0)).isEqualTo(0xFF204040);
        assertThat(decoded.getRGB(1, 0)).isEqualTo(0xFF20FF40);
    }

    static Stream<Arguments> notImages() {
        byte[] random = new byte[4096];
        new Random(42).nextBytes(random);
        return Stream.of(
                Arguments.of("empty", new byte[0]),
                Arguments.of("text", "Draw me a cat".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("random", random));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notImages")
    void rejectsBytesThatAreNotAnImage(String name, byte[] bytes) {
        IntakeResult.Rejected rejected = rejected(intake.accept(bytes), IntakeResult.Reason.NOT_AN_IMAGE);

        assertThat(message(rejected)).isEqualTo("This file is not an image: send a PNG, JPEG, WEBP or GIF.");
    }

    static Stream<Arguments> tooManyPixels() {
        return Stream.of(
                // No pixel data at all: decoding would fail as CORRUPT, so TOO_MANY_PIXELS proves it never ran.
                Arguments.of(
                        "PNG refused from its header alone, before decoding",
                        IntakePolicy.defaults(),
                        TestImages.pngHeaderOnly(30_000, 30_000),
                        "The image is 30000\u00d730000 (900 megapixels); the limit is 50 megapixels."),
                Arguments.of(
                        "JPEG whose frame header exceeds the limit",
                        IntakePolicy.defaults(),
                        TestImages.withJpegSize(TestImages.jpeg(TestImages.solid(16, 16, Color.GRAY)), 20_000, 20_000),
                        "The image is 20000\u00d720000 (400 megapixels); the limit is 50 megapixels."),
                Arguments.of(
                        "limit taken from the policy",
                        new IntakePolicy(5_000, MB),
                        TestImages.png(TestImages.solid(100, 100, Color.GREEN)),
                        "The image is 100\u00d7100 (10000 pixels); the limit is 5000 pixels."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tooManyPixels")
    void rejectsImageOverThePixelLimit(String name, IntakePolicy policy, byte[] bytes, String message) {
        IntakeResult.Rejected rejected =
                rejected(new ImageIntake(policy).accept(bytes), IntakeResult.Reason.TOO_MANY_PIXELS);

        assertThat(message(rejected)).isEqualTo(message);
    }

    static Stream<Arguments> truncatedImages() {
        BufferedImage noise = TestImages.opaqueNoise(300, 200, 3);
        return Stream.of(
                Arguments.of("PNG", TestImages.png(noise)),
                Arguments.of("JPEG", TestImages.jpeg(noise)),
                Arguments.of("progressive JPEG", TestImages.progressiveJpeg(noise)),
                Arguments.of("GIF", TestImages.gif(noise)),
                Arguments.of("WEBP", WebpFiles.lossless(64, 64, 0xFF000000, 0xFF00FF00, (x, y) -> x % 3 == y % 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("truncatedImages")
    void completeImageIsAccepted(String name, byte[] bytes) {
        assertThat(intake.accept(bytes)).isInstanceOf(IntakeResult.Accepted.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("truncatedImages")
    void truncatedImageIsCorrupt(String name, byte[] bytes) {
        IntakeResult.Rejected rejected =
                rejected(intake.accept(TestImages.firstPart(bytes, 0.6)), IntakeResult.Reason.CORRUPT);

        assertThat(message(rejected)).isEqualTo("The image could not be read: the file is damaged or incomplete.");
    }

    static Stream<Arguments> headersClaimingMoreThanTheData() {
        return Stream.of(
                Arguments.of(
                        "PNG claiming more pixels than its data holds",
                        TestImages.withPngSize(TestImages.png(TestImages.opaqueNoise(40, 30, 4)), 80, 30)),
                Arguments.of(
                        "JPEG claiming more rows than its data holds",
                        TestImages.withJpegSize(TestImages.jpeg(TestImages.opaqueNoise(40, 32, 5)), 40, 320)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headersClaimingMoreThanTheData")
    void imageWhoseHeaderClaimsMoreThanItsDataHoldsIsCorrupt(String name, byte[] bytes) {
        rejected(intake.accept(bytes), IntakeResult.Reason.CORRUPT);
    }

    @Test
    void gifKeepsOnlyTheFirstFrame() {
        byte[] gif = TestImages.animatedGif(TestImages.solid(40, 30, Color.RED), TestImages.solid(40, 30, Color.BLUE));

        IntakeResult.Accepted accepted = acceptedResult(intake.accept(gif));

        NormalizedImage image = accepted(accepted, ImageFormat.PNG, 40, 30);
        assertThat(ImageSniffer.detect(image.bytes())).contains(ImageFormat.PNG);
        BufferedImage decoded = TestImages.decode(image.bytes());
        assertThat(decoded.getRGB(0, 0)).isEqualTo(Color.RED.getRGB());
        assertThat(decoded.getRGB(39, 29)).isEqualTo(Color.RED.getRGB());
        assertThat(notice(accepted)).contains("Only the first frame of the animated GIF is used.");
    }

    @Test
    void stillGifBecomesPngWithoutNotice() {
        byte[] gif = TestImages.gif(TestImages.solid(20, 10, Color.ORANGE));

        IntakeResult.Accepted accepted = acceptedResult(intake.accept(gif));

        NormalizedImage image = accepted(accepted, ImageFormat.PNG, 20, 10);
        assertThat(TestImages.decode(image.bytes()).getRGB(5, 5)).isEqualTo(Color.ORANGE.getRGB());
        assertThat(notice(accepted)).isEmpty();
    }

    @Test
    void gifFrameSmallerThanItsScreenIsPlacedAtItsOffset() {
        byte[] gif = TestImages.gifWithOffsetFrame(10, 8, TestImages.solid(4, 3, Color.RED), 5, 2);
        assertThat(ImageSniffer.detect(gif)).contains(ImageFormat.GIF);

        NormalizedImage image = accepted(intake.accept(gif), ImageFormat.PNG, 10, 8);

        BufferedImage decoded = TestImages.decode(image.bytes());
        assertThat(decoded.getRGB(5, 2)).isEqualTo(Color.RED.getRGB());
        assertThat(decoded.getRGB(8, 4)).isEqualTo(Color.RED.getRGB());
        assertTransparentAt(decoded, 0, 0);
        assertTransparentAt(decoded, 9, 7);
    }

    @Test
    void animatedWebpKeepsOnlyTheFirstFramePlacedOnItsCanvas() {
        byte[] red = WebpFiles.chunk("VP8L", WebpFiles.vp8l(2, 2, 0xFFFF0000, 0xFFFF0100, (x, y) -> false));
        byte[] blue = WebpFiles.chunk("VP8L", WebpFiles.vp8l(6, 4, 0xFF0000FF, 0xFF0001FF, (x, y) -> false));
        byte[] webp = WebpFiles.riff(
                WebpFiles.vp8x(0x02, 6, 4),
                WebpFiles.anim(),
                WebpFiles.anmf(2, 2, 2, 2, red),
                WebpFiles.anmf(0, 0, 6, 4, blue));

        IntakeResult.Accepted accepted = acceptedResult(intake.accept(webp));

        NormalizedImage image = accepted(accepted, ImageFormat.PNG, 6, 4);
        BufferedImage decoded = TestImages.decode(image.bytes());
        assertThat(decoded.getRGB(2, 2)).isEqualTo(0xFFFF0000);
        assertThat(decoded.getRGB(3, 3)).isEqualTo(0xFFFF0000);
        assertTransparentAt(decoded, 0, 0);
        assertThat(notice(accepted)).contains("Only the first frame of the animated WEBP is used.");
    }

    @Test
    void oversizedOpaqueImageIsReencodedAsJpegWithinTheLimit() {
        byte[] png = TestImages.png(TestImages.opaqueNoise(3000, 2000, 6));

        Shrunk shrunk = shrunk(png, 2 * MB, ImageFormat.JPEG, 1.5);

        NormalizedImage image = shrunk.image();
        assertThat(image.width()).isBetween(256, 3000);
        assertThat(ImageSniffer.detect(image.bytes())).contains(ImageFormat.JPEG);
        assertThat(image.sha256()).isEqualTo(TestImages.sha256(image.bytes()));
        assertThat(shrunk.notice())
                .startsWith("Your image was "
                        + new java.math.BigDecimal(png.length)
                                .divide(new java.math.BigDecimal(1024 * 1024), 1, RoundingMode.CEILING)
                                .stripTrailingZeros()
                                .toPlainString()
                        + " MB")
                .contains("over the 2 MB limit, so it was re-encoded to " + image.width() + "\u00d7" + image.height()
                        + " JPEG");
    }

    @Test
    void oversizedImageKeepsItsSizeWhenJpegAloneIsEnough() {
        byte[] png = TestImages.png(TestImages.photoLike(800, 600, 8));

        Shrunk shrunk = shrunk(png, png.length / 2, ImageFormat.JPEG, 800.0 / 600);

        assertThat(shrunk.image().width()).isEqualTo(800);
        assertThat(shrunk.image().height()).isEqualTo(600);
        assertThat(shrunk.notice()).contains("re-encoded to 800\u00d7600 JPEG");
    }

    @Test
    void oversizedTransparentImageStaysPngWithinTheLimit() {
        byte[] png = TestImages.png(TestImages.translucentNoise(1200, 1000, 9));

        Shrunk shrunk = shrunk(png, 2 * MB, ImageFormat.PNG, 1.2);

        assertThat(shrunk.image().width()).isLessThan(1200);
        assertThat(ImageCodec.hasTransparency(shrunk.decoded())).isTrue();
    }

    @Test
    void alphaChannelWithoutTransparentPixelsStillBecomesJpeg() {
        byte[] png = TestImages.png(TestImages.opaqueNoiseWithAlphaChannel(400, 300, 10));

        Shrunk shrunk = shrunk(png, png.length / 2, ImageFormat.JPEG, 400.0 / 300);

        assertThat(shrunk.decoded().getColorModel().hasAlpha()).isFalse();
    }

    @Test
    void oversizedGifIsConvertedThenReencoded() {
        byte[] gif =
                TestImages.animatedGif(TestImages.opaqueNoise(600, 400, 11), TestImages.solid(600, 400, Color.RED));

        IntakeResult.Accepted accepted =
                acceptedResult(intakeLimitedTo(60 * 1024).accept(gif));

        assertThat(accepted.image().format()).isIn(ImageFormat.JPEG, ImageFormat.PNG);
        assertThat(accepted.image().byteSize()).isLessThanOrEqualTo(60 * 1024);
        assertThat(notice(accepted))
                .hasValueSatisfying(notice -> assertThat(notice)
                        .startsWith("Only the first frame of the animated GIF is used. Converted to PNG, it was ")
                        .contains("over the 60 KB limit"));
    }

    @Test
    void reencodedPhotoIsTurnedUprightByItsExifOrientation() {
        BufferedImage photo = TestImages.photoLike(1200, 900, 14);
        Graphics2D graphics = photo.createGraphics();
        graphics.setColor(Color.RED);
        graphics.fillRect(0, 0, 180, 180);
        graphics.dispose();
        // Orientation 6: the camera was turned, so viewers rotate the stored pixels 90° clockwise.
        byte[] jpeg = TestImages.withJpegSegment(
                TestImages.jpeg(photo), 0xE1, TestImages.exifOrientation(6, ByteOrder.BIG_ENDIAN));

        Shrunk shrunk = shrunk(jpeg, jpeg.length / 2, ImageFormat.JPEG, 0.75);

        BufferedImage decoded = shrunk.decoded();
        int corner = decoded.getWidth() / 20;
        assertThat(new Color(decoded.getRGB(decoded.getWidth() - 1 - corner, corner)))
                .as("top right, where the red top-left corner turns to")
                .satisfies(colour -> assertThat(colour.getRed()).isGreaterThan(200))
                .satisfies(colour -> assertThat(colour.getGreen()).isLessThan(60));
        assertThat(new Color(decoded.getRGB(corner, corner)).getGreen()).isGreaterThan(60);
    }

    static Stream<Arguments> imagesThatCannotBeMadeSmallEnough() {
        return Stream.of(
                Arguments.of("opaque", TestImages.png(TestImages.opaqueNoise(200, 200, 12)), 100, "100 bytes"),
                Arguments.of("transparent", TestImages.png(TestImages.translucentNoise(600, 400, 13)), 1024, "1 KB"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("imagesThatCannotBeMadeSmallEnough")
    void imageThatCannotBeMadeSmallEnoughIsRejectedAsTooLarge(String name, byte[] png, long limit, String limitText) {
        IntakeResult.Rejected rejected = rejected(intakeLimitedTo(limit).accept(png), IntakeResult.Reason.TOO_LARGE);

        assertThat(message(rejected))
                .startsWith("The image is ")
                .endsWith("over the " + limitText + " limit, and could not be made small enough to fit.");
    }

    /** An image the intake re-encoded to fit its byte limit, decoded again for inspection. */
    private record Shrunk(NormalizedImage image, BufferedImage decoded, String notice) {}

    /**
     * Passes {@code bytes}, which must be over {@code limit}, through an intake with that byte limit and
     * checks what holds for every image shrunk to fit: the format, the size, the aspect ratio, that the
     * result decodes to its stated size, and a notice naming the new size and format.
     */
    private static Shrunk shrunk(byte[] bytes, long limit, ImageFormat format, double aspectRatio) {
        assertThat((long) bytes.length).as("size before intake").isGreaterThan(limit);

        IntakeResult.Accepted accepted = acceptedResult(intakeLimitedTo(limit).accept(bytes));

        NormalizedImage image = accepted.image();
        assertThat(image.format()).isEqualTo(format);
        assertThat(image.byteSize()).isLessThanOrEqualTo(limit);
        assertThat((double) image.width() / image.height()).isCloseTo(aspectRatio, within(0.01));
        BufferedImage decoded = TestImages.decode(image.bytes());
        assertThat(decoded.getWidth()).isEqualTo(image.width());
        assertThat(decoded.getHeight()).isEqualTo(image.height());
        assertThat(notice(accepted)).isPresent();
        String notice = notice(accepted).orElseThrow();
        assertThat(notice).contains("re-encoded to " + image.width() + "\u00d7" + image.height() + " " + format);
        return new Shrunk(image, decoded, notice);
    }

    /** The rejection as an English-speaking user reads it. */
    private static String message(IntakeResult.Rejected rejected) {
        return dev.redraw.core.text.Messages.forLanguage("en").imageProblem(rejected.problem());
    }

    /** What an English-speaking user is told about an accepted image; empty when it was used as it came. */
    private static java.util.Optional<String> notice(IntakeResult.Accepted accepted) {
        var english = dev.redraw.core.text.Messages.forLanguage("en");
        return accepted.notes().isEmpty()
                ? java.util.Optional.empty()
                : java.util.Optional.of(String.join(
                        " ", accepted.notes().stream().map(english::imageNote).toList()));
    }

    /** An intake with the default pixel limit and the given byte limit. */
    private static ImageIntake intakeLimitedTo(long maxBytes) {
        return new ImageIntake(new IntakePolicy(MAX_PIXELS, maxBytes));
    }

    private static IntakeResult.Accepted acceptedResult(IntakeResult result) {
        assertThat(result).isInstanceOf(IntakeResult.Accepted.class);
        return (IntakeResult.Accepted) result;
    }

    private static NormalizedImage accepted(IntakeResult result, ImageFormat format, int width, int height) {
        NormalizedImage image = acceptedResult(result).image();
        assertThat(image.format()).isEqualTo(format);
        assertThat(image.width()).isEqualTo(width);
        assertThat(image.height()).isEqualTo(height);
        return image;
    }

    private static IntakeResult.Rejected rejected(IntakeResult result, IntakeResult.Reason reason) {
        assertThat(result)
                .isInstanceOfSatisfying(
                        IntakeResult.Rejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(reason));
        return (IntakeResult.Rejected) result;
    }

    private static void assertTransparentAt(BufferedImage image, int x, int y) {
        assertThat(image.getRGB(x, y) >>> 24)
                .as("alpha at (%d, %d), outside the frame", x, y)
                .isZero();
    }
}

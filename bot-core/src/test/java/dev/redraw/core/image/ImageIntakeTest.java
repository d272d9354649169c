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

    private final ImageIntake intake = new ImageIntake(IntakePolicy.defaults());

    @Test
    void acceptsPngUnchanged() {
        byte[] png = TestImages.png(TestImages.opaqueNoise(64, 48, 1));

        NormalizedImage image = accepted(intake.accept(png), ImageFormat.PNG, 64, 48);

        assertThat(image.bytes()).isEqualTo(png);
        assertThat(image.sha256()).isEqualTo(TestImages.sha256(png));
    }

    @Test
    void acceptsJpegUnchanged() {
        byte[] jpeg = TestImages.jpeg(TestImages.opaqueNoise(64, 48, 2));

        NormalizedImage image = accepted(intake.accept(jpeg), ImageFormat.JPEG, 64, 48);

        assertThat(image.bytes()).isEqualTo(jpeg);
        assertThat(image.sha256()).isEqualTo(TestImages.sha256(jpeg));
    }

    @Test
    void acceptsLosslessWebpUnchanged() {
        byte[] webp = WebpFiles.lossless(5, 3, 0xFF204040, 0xFF20FF40, (x, y) -> (x + y) % 2 == 1);

        NormalizedImage image = accepted(intake.accept(webp), ImageFormat.WEBP, 5, 3);

        assertThat(image.bytes()).isEqualTo(webp);
        assertThat(image.sha256()).isEqualTo(TestImages.sha256(webp));
        BufferedImage decoded = TestImages.decode(webp);
        assertThat(decoded.getRGB(0, 0)).isEqualTo(0xFF204040);
        assertThat(decoded.getRGB(1, 0)).isEqualTo(0xFF20FF40);
    }

    @Test
    void acceptsLossyWebpUnchanged() {
        NormalizedImage image = accepted(intake.accept(WebpFiles.LOSSY_1X1), ImageFormat.WEBP, 1, 1);

        assertThat(image.bytes()).isEqualTo(WebpFiles.LOSSY_1X1);
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

        assertThat(rejected.message()).isEqualTo("This file is not an image: send a PNG, JPEG, WEBP or GIF.");
    }

    @Test
    void rejectsTooManyPixelsFromTheHeaderAloneBeforeDecoding() {
        // No pixel data at all: decoding would fail as CORRUPT, so TOO_MANY_PIXELS proves it never ran.
        byte[] bomb = TestImages.pngHeaderOnly(30_000, 30_000);

        IntakeResult.Rejected rejected = rejected(intake.accept(bomb), IntakeResult.Reason.TOO_MANY_PIXELS);

        assertThat(rejected.message())
                .isEqualTo("The image is 30000\u00d730000 (900 megapixels); the limit is 50 megapixels.");
    }

    @Test
    void rejectsJpegWhoseFrameHeaderExceedsThePixelLimit() {
        byte[] jpeg = TestImages.withJpegSize(TestImages.jpeg(TestImages.solid(16, 16, Color.GRAY)), 20_000, 20_000);

        IntakeResult.Rejected rejected = rejected(intake.accept(jpeg), IntakeResult.Reason.TOO_MANY_PIXELS);

        assertThat(rejected.message())
                .isEqualTo("The image is 20000\u00d720000 (400 megapixels); the limit is 50 megapixels.");
    }

    @Test
    void pixelLimitComesFromThePolicy() {
        ImageIntake strict = new ImageIntake(new IntakePolicy(5_000, MB));
        byte[] png = TestImages.png(TestImages.solid(100, 100, Color.GREEN));

        IntakeResult.Rejected rejected = rejected(strict.accept(png), IntakeResult.Reason.TOO_MANY_PIXELS);

        assertThat(rejected.message()).isEqualTo("The image is 100\u00d7100 (10000 pixels); the limit is 5000 pixels.");
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

        assertThat(rejected.message()).isEqualTo("The image could not be read: the file is damaged or incomplete.");
    }

    @Test
    void pngWhoseHeaderClaimsMorePixelsThanItsDataHoldsIsCorrupt() {
        byte[] png = TestImages.withPngSize(TestImages.png(TestImages.opaqueNoise(40, 30, 4)), 80, 30);

        rejected(intake.accept(png), IntakeResult.Reason.CORRUPT);
    }

    @Test
    void jpegWhoseHeaderClaimsMoreRowsThanItsDataHoldsIsCorrupt() {
        byte[] jpeg = TestImages.withJpegSize(TestImages.jpeg(TestImages.opaqueNoise(40, 32, 5)), 40, 320);

        rejected(intake.accept(jpeg), IntakeResult.Reason.CORRUPT);
    }

    @Test
    void gifKeepsOnlyTheFirstFrame() {
        byte[] gif = TestImages.animatedGif(TestImages.solid(40, 30, Color.RED), TestImages.solid(40, 30, Color.BLUE));

        IntakeResult.Accepted accepted = (IntakeResult.Accepted) intake.accept(gif);

        NormalizedImage image = accepted(accepted, ImageFormat.PNG, 40, 30);
        assertThat(ImageSniffer.detect(image.bytes())).contains(ImageFormat.PNG);
        BufferedImage decoded = TestImages.decode(image.bytes());
        assertThat(decoded.getRGB(0, 0)).isEqualTo(Color.RED.getRGB());
        assertThat(decoded.getRGB(39, 29)).isEqualTo(Color.RED.getRGB());
        assertThat(accepted.notice()).contains("Only the first frame of the animated GIF is used.");
    }

    @Test
    void stillGifBecomesPngWithoutNotice() {
        byte[] gif = TestImages.gif(TestImages.solid(20, 10, Color.ORANGE));

        IntakeResult.Accepted accepted = (IntakeResult.Accepted) intake.accept(gif);

        NormalizedImage image = accepted(accepted, ImageFormat.PNG, 20, 10);
        assertThat(TestImages.decode(image.bytes()).getRGB(5, 5)).isEqualTo(Color.ORANGE.getRGB());
        assertThat(accepted.notice()).isEmpty();
    }

    @Test
    void gifFrameSmallerThanItsScreenIsPlacedAtItsOffset() {
        byte[] gif = TestImages.gifWithOffsetFrame(10, 8, TestImages.solid(4, 3, Color.RED), 5, 2);
        assertThat(ImageSniffer.detect(gif)).contains(ImageFormat.GIF);

        NormalizedImage image = accepted(intake.accept(gif), ImageFormat.PNG, 10, 8);

        BufferedImage decoded = TestImages.decode(image.bytes());
        assertThat(decoded.getRGB(5, 2)).isEqualTo(Color.RED.getRGB());
        assertThat(decoded.getRGB(8, 4)).isEqualTo(Color.RED.getRGB());
        assertThat(decoded.getRGB(0, 0) >>> 24).as("alpha outside the frame").isZero();
        assertThat(decoded.getRGB(9, 7) >>> 24).as("alpha outside the frame").isZero();
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

        IntakeResult.Accepted accepted = (IntakeResult.Accepted) intake.accept(webp);

        NormalizedImage image = accepted(accepted, ImageFormat.PNG, 6, 4);
        BufferedImage decoded = TestImages.decode(image.bytes());
        assertThat(decoded.getRGB(2, 2)).isEqualTo(0xFFFF0000);
        assertThat(decoded.getRGB(3, 3)).isEqualTo(0xFFFF0000);
        assertThat(decoded.getRGB(0, 0) >>> 24).as("alpha outside the frame").isZero();
        assertThat(accepted.notice()).contains("Only the first frame of the animated WEBP is used.");
    }

    @Test
    void oversizedOpaqueImageIsReencodedAsJpegWithinTheLimit() {
        long limit = 2 * MB;
        byte[] png = TestImages.png(TestImages.opaqueNoise(3000, 2000, 6));
        assertThat((long) png.length).isGreaterThan(limit);
        ImageIntake intake = new ImageIntake(new IntakePolicy(50_000_000, limit));

        IntakeResult.Accepted accepted = (IntakeResult.Accepted) intake.accept(png);

        NormalizedImage image = accepted.image();
        assertThat(image.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(image.byteSize()).isLessThanOrEqualTo(limit);
        assertThat(image.width()).isBetween(256, 3000);
        assertThat((double) image.width() / image.height()).isCloseTo(1.5, within(0.01));
        assertThat(ImageSniffer.detect(image.bytes())).contains(ImageFormat.JPEG);
        BufferedImage decoded = TestImages.decode(image.bytes());
        assertThat(decoded.getWidth()).isEqualTo(image.width());
        assertThat(decoded.getHeight()).isEqualTo(image.height());
        assertThat(image.sha256()).isEqualTo(TestImages.sha256(image.bytes()));
        assertThat(accepted.notice())
                .hasValueSatisfying(notice -> assertThat(notice)
                        .startsWith("Your image was " + Messages.bytes(png.length, RoundingMode.CEILING))
                        .contains("over the 2 MB limit, so it was re-encoded to " + image.width() + "\u00d7"
                                + image.height() + " JPEG"));
    }

    @Test
    void oversizedImageKeepsItsSizeWhenJpegAloneIsEnough() {
        BufferedImage photo = TestImages.photoLike(800, 600, 8);
        byte[] png = TestImages.png(photo);
        long limit = png.length / 2;
        ImageIntake intake = new ImageIntake(new IntakePolicy(50_000_000, limit));

        IntakeResult.Accepted accepted = (IntakeResult.Accepted) intake.accept(png);

        NormalizedImage image = accepted(accepted, ImageFormat.JPEG, 800, 600);
        assertThat(image.byteSize()).isLessThanOrEqualTo(limit);
        assertThat(accepted.notice())
                .hasValueSatisfying(notice -> assertThat(notice).contains("re-encoded to 800\u00d7600 JPEG"));
    }

    @Test
    void oversizedTransparentImageStaysPngWithinTheLimit() {
        long limit = 2 * MB;
        byte[] png = TestImages.png(TestImages.translucentNoise(1200, 1000, 9));
        assertThat((long) png.length).isGreaterThan(limit);
        ImageIntake intake = new ImageIntake(new IntakePolicy(50_000_000, limit));

        IntakeResult.Accepted accepted = (IntakeResult.Accepted) intake.accept(png);

        NormalizedImage image = accepted.image();
        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat(image.byteSize()).isLessThanOrEqualTo(limit);
        assertThat(image.width()).isLessThan(1200);
        assertThat((double) image.width() / image.height()).isCloseTo(1.2, within(0.01));
        BufferedImage decoded = TestImages.decode(image.bytes());
        assertThat(decoded.getWidth()).isEqualTo(image.width());
        assertThat(ImageCodec.hasTransparency(decoded)).isTrue();
        assertThat(accepted.notice())
                .hasValueSatisfying(notice -> assertThat(notice)
                        .contains("re-encoded to " + image.width() + "\u00d7" + image.height() + " PNG"));
    }

    @Test
    void alphaChannelWithoutTransparentPixelsStillBecomesJpeg() {
        byte[] png = TestImages.png(TestImages.opaqueNoiseWithAlphaChannel(400, 300, 10));
        ImageIntake intake = new ImageIntake(new IntakePolicy(50_000_000, png.length / 2));

        IntakeResult.Accepted accepted = (IntakeResult.Accepted) intake.accept(png);

        assertThat(accepted.image().format()).isEqualTo(ImageFormat.JPEG);
        assertThat(accepted.image().byteSize()).isLessThanOrEqualTo(png.length / 2);
        assertThat(TestImages.decode(accepted.image().bytes()).getColorModel().hasAlpha())
                .isFalse();
    }

    @Test
    void oversizedGifIsConvertedThenReencoded() {
        byte[] gif =
                TestImages.animatedGif(TestImages.opaqueNoise(600, 400, 11), TestImages.solid(600, 400, Color.RED));
        ImageIntake intake = new ImageIntake(new IntakePolicy(50_000_000, 60 * 1024));

        IntakeResult.Accepted accepted = (IntakeResult.Accepted) intake.accept(gif);

        assertThat(accepted.image().format()).isIn(ImageFormat.JPEG, ImageFormat.PNG);
        assertThat(accepted.image().byteSize()).isLessThanOrEqualTo(60 * 1024);
        assertThat(accepted.notice())
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
        ImageIntake intake = new ImageIntake(new IntakePolicy(50_000_000, jpeg.length / 2));

        NormalizedImage image = ((IntakeResult.Accepted) intake.accept(jpeg)).image();

        assertThat((double) image.width() / image.height()).isCloseTo(0.75, within(0.01));
        BufferedImage decoded = TestImages.decode(image.bytes());
        int corner = image.width() / 20;
        assertThat(new Color(decoded.getRGB(image.width() - 1 - corner, corner)))
                .as("top right, where the red top-left corner turns to")
                .satisfies(colour -> assertThat(colour.getRed()).isGreaterThan(200))
                .satisfies(colour -> assertThat(colour.getGreen()).isLessThan(60));
        assertThat(new Color(decoded.getRGB(corner, corner)).getGreen()).isGreaterThan(60);
    }

    @Test
    void imageThatCannotBeMadeSmallEnoughIsRejectedAsTooLarge() {
        byte[] png = TestImages.png(TestImages.opaqueNoise(200, 200, 12));
        ImageIntake intake = new ImageIntake(new IntakePolicy(50_000_000, 100));

        IntakeResult.Rejected rejected = rejected(intake.accept(png), IntakeResult.Reason.TOO_LARGE);

        assertThat(rejected.message())
                .startsWith("The image is ")
                .endsWith("over the 100 bytes limit, and could not be made small enough to fit.");
    }

    @Test
    void transparentImageThatCannotBeMadeSmallEnoughIsRejectedAsTooLarge() {
        byte[] png = TestImages.png(TestImages.translucentNoise(600, 400, 13));
        ImageIntake intake = new ImageIntake(new IntakePolicy(50_000_000, 1024));

        rejected(intake.accept(png), IntakeResult.Reason.TOO_LARGE);
    }

    private static NormalizedImage accepted(IntakeResult result, ImageFormat format, int width, int height) {
        assertThat(result).isInstanceOf(IntakeResult.Accepted.class);
        NormalizedImage image = ((IntakeResult.Accepted) result).image();
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
}

package dev.redraw.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageCodecTest {

    @Test
    void resizeProducesTheRequestedSizeAndKeepsAlpha() {
        BufferedImage translucent = TestImages.translucentNoise(1000, 600, 1);

        BufferedImage resized = ImageCodec.resize(translucent, 123, 74);

        assertThat(resized.getWidth()).isEqualTo(123);
        assertThat(resized.getHeight()).isEqualTo(74);
        assertThat(resized.getColorModel().hasAlpha()).isTrue();
    }

    @Test
    void resizeAveragesRatherThanPickingPixels() {
        // A one-pixel checkerboard reduced eightfold should come out mid-grey, not black or white.
        BufferedImage checkerboard = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                checkerboard.setRGB(x, y, (x + y) % 2 == 0 ? 0xFFFFFF : 0x000000);
            }
        }

        BufferedImage resized = ImageCodec.resize(checkerboard, 32, 32);

        int grey = resized.getRGB(16, 16) & 0xFF;
        assertThat(grey).isBetween(96, 160);
        assertThat(resized.getColorModel().hasAlpha()).isFalse();
    }

    @Test
    void transparencyMeansAPixelBelowFullOpacity() {
        BufferedImage opaqueWithAlphaChannel = TestImages.opaqueNoiseWithAlphaChannel(20, 20, 2);
        BufferedImage oneClearPixel = TestImages.opaqueNoiseWithAlphaChannel(20, 20, 2);
        oneClearPixel.setRGB(19, 19, 0x00FFFFFF);

        assertThat(ImageCodec.hasTransparency(TestImages.solid(20, 20, Color.BLACK)))
                .isFalse();
        assertThat(ImageCodec.hasTransparency(opaqueWithAlphaChannel)).isFalse();
        assertThat(ImageCodec.hasTransparency(oneClearPixel)).isTrue();
    }

    @Test
    void jpegOfAnAlphaImageIsAnOrdinaryThreeChannelJpeg() {
        byte[] jpeg = ImageCodec.encodeJpeg(TestImages.translucentNoise(32, 32, 3), 0.9f);

        assertThat(ImageSniffer.detect(jpeg)).contains(ImageFormat.JPEG);
        BufferedImage decoded = TestImages.decode(jpeg);
        assertThat(decoded.getColorModel().getNumComponents()).isEqualTo(3);
        assertThat(decoded.getWidth()).isEqualTo(32);
    }

    @Test
    void higherJpegQualityMeansMoreBytes() {
        BufferedImage photo = TestImages.photoLike(200, 150, 4);

        assertThat(ImageCodec.encodeJpeg(photo, 0.95f).length).isGreaterThan(ImageCodec.encodeJpeg(photo, 0.5f).length);
        assertThatThrownBy(() -> ImageCodec.encodeJpeg(photo, 1.5f)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pngRoundTripsPixelsExactly() {
        BufferedImage translucent = TestImages.translucentNoise(16, 16, 5);

        BufferedImage decoded = TestImages.decode(ImageCodec.encodePng(translucent));

        assertThat(decoded.getRGB(7, 9)).isEqualTo(translucent.getRGB(7, 9));
    }
}

package dev.redraw.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Previews of results Telegram would not take as photos as they are. */
class PhotoPreviewTest {

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"4000, 100", "100, 4000", "3000, 3000", "5000, 2000", "2100, 100"})
    void aPreviewFitsTelegramsPhotoLimitsWhateverTheShape(int width, int height) throws Exception {
        byte[] preview = Delivery.preview(TestImages.png(width, height, Color.ORANGE));

        BufferedImage shown = ImageIO.read(new ByteArrayInputStream(preview));
        int longSide = Math.max(shown.getWidth(), shown.getHeight());
        int shortSide = Math.min(shown.getWidth(), shown.getHeight());
        assertThat((double) longSide / shortSide).isLessThanOrEqualTo(Delivery.PHOTO_RATIO);
        assertThat(shown.getWidth() + shown.getHeight()).isLessThanOrEqualTo(Delivery.PHOTO_SIDES);
        assertThat((long) preview.length).isLessThanOrEqualTo(Delivery.PHOTO_BYTES);
        assertThat(longSide).isEqualTo(Math.min(2560, Math.max(width, height)));
    }
}

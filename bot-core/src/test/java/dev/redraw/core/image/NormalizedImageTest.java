package dev.redraw.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class NormalizedImageTest {

    private static final byte[] PNG = TestImages.png(TestImages.solid(3, 2, Color.MAGENTA));
    private static final ImageHeader HEADER = new ImageHeader(ImageFormat.PNG, 3, 2);

    @Test
    void ofHashesTheBytes() {
        NormalizedImage image = NormalizedImage.of(PNG, HEADER);

        assertThat(image.sha256()).isEqualTo(TestImages.sha256(PNG)).hasSize(64);
        assertThat(image.byteSize()).isEqualTo(PNG.length);
        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat(image.width()).isEqualTo(3);
        assertThat(image.height()).isEqualTo(2);
    }

    @Test
    void dataUriCarriesMimeTypeAndBase64Bytes() {
        String uri = NormalizedImage.of(PNG, HEADER).dataUri();

        assertThat(uri).startsWith("data:image/png;base64,");
        assertThat(Base64.getDecoder().decode(uri.substring("data:image/png;base64,".length())))
                .isEqualTo(PNG);
    }

    @Test
    void equalityComparesContentNotArrayIdentity() {
        NormalizedImage image = NormalizedImage.of(PNG, HEADER);
        NormalizedImage copy = NormalizedImage.of(PNG.clone(), HEADER);
        byte[] otherBytes = TestImages.png(TestImages.solid(3, 2, Color.CYAN));

        assertThat(copy).isEqualTo(image).hasSameHashCodeAs(image);
        assertThat(NormalizedImage.of(otherBytes, HEADER)).isNotEqualTo(image);
        assertThat(NormalizedImage.of(PNG, new ImageHeader(ImageFormat.PNG, 2, 3)))
                .isNotEqualTo(image);
    }

    @Test
    void toStringSummarisesWithoutDumpingBytes() {
        NormalizedImage image = NormalizedImage.of(PNG, HEADER);

        assertThat(image.toString())
                .isEqualTo("NormalizedImage[format=PNG, width=3, height=2, bytes=" + PNG.length + ", sha256="
                        + image.sha256() + "]");
    }

    @Test
    void gifIsNeverANormalizedFormat() {
        assertThatThrownBy(() -> NormalizedImage.of(PNG, new ImageHeader(ImageFormat.GIF, 3, 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hashMustBeLowercaseHex() {
        String upper = TestImages.sha256(PNG).toUpperCase(java.util.Locale.ROOT);

        assertThatThrownBy(() -> new NormalizedImage(PNG, ImageFormat.PNG, 3, 2, upper))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NormalizedImage(PNG, ImageFormat.PNG, 3, 2, "abc"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyBytesAreRefused() {
        assertThatThrownBy(() -> NormalizedImage.of(new byte[0], HEADER)).isInstanceOf(IllegalArgumentException.class);
    }
}

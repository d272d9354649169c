package dev.redraw.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageFormatTest {

    @ParameterizedTest
    @CsvSource({"PNG, image/png, png", "JPEG, image/jpeg, jpg", "WEBP, image/webp, webp", "GIF, image/gif, gif"})
    void exposesMimeTypeAndExtension(ImageFormat format, String mimeType, String extension) {
        assertThat(format.mimeType()).isEqualTo(mimeType);
        assertThat(format.extension()).isEqualTo(extension);
        assertThat(ImageFormat.fromMimeType(mimeType)).contains(format);
    }

    @Test
    void mimeTypeLookupIgnoresCaseWhitespaceAndParameters() {
        assertThat(ImageFormat.fromMimeType(" Image/PNG ")).contains(ImageFormat.PNG);
        assertThat(ImageFormat.fromMimeType("image/webp; q=0.9")).contains(ImageFormat.WEBP);
    }

    @Test
    void acceptsTheCommonMisspellingOfJpeg() {
        assertThat(ImageFormat.fromMimeType("image/jpg")).contains(ImageFormat.JPEG);
    }

    @Test
    void unknownOrMissingMimeTypeHasNoFormat() {
        assertThat(ImageFormat.fromMimeType("image/tiff")).isEmpty();
        assertThat(ImageFormat.fromMimeType("application/octet-stream")).isEmpty();
        assertThat(ImageFormat.fromMimeType("")).isEmpty();
        assertThat(ImageFormat.fromMimeType(null)).isEmpty();
    }
}

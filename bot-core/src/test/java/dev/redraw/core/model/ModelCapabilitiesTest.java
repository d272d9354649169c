package dev.redraw.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.text.Messages;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelCapabilitiesTest {

    private static final ModelCatalog CATALOG = ModelCatalog.builtIn();

    @ParameterizedTest(name = "{0} with {1} images and {2} characters: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            gemini-2.5-flash-image |  5 |  8000 |
            gemini-2.5-flash-image |  6 |    10 | You sent 6 images; gemini-2.5-flash-image takes at most 5 images. Send fewer images.
            qwen-image-edit        |  2 |    10 | You sent 2 images; qwen-image-edit takes at most 1 image. Send fewer images.
            gpt-image-1            | 16 | 32000 |
            gpt-image-1            | 17 |    10 | You sent 17 images; gpt-image-1 takes at most 16 images. Send fewer images.
            gpt-image-1            |  1 | 32001 | The instruction is 32001 characters long; gpt-image-1 takes at most 32000.
            dall-e-3               |  0 |  4000 |
            dall-e-3               |  0 |  4001 | The instruction is 4001 characters long; dall-e-3 takes at most 4000.
            dall-e-2               |  0 |  1001 | The instruction is 1001 characters long; dall-e-2 takes at most 1000.
            dall-e-2               |  2 |    10 | You sent 2 images; dall-e-2 takes at most 1 image. Send fewer images.
            """)
    void problemNamesTheLimitThatIsBroken(String id, int images, int promptChars, String expected) {
        assertThat(CATALOG.capabilitiesOf(id).problem(images, promptChars).map(Messages.forLanguage("en")::reason))
                .isEqualTo(Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "{0} {1} at {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            gpt-image-2-vip | 16:9 | 1K | 1280x720
            gpt-image-2-vip | 16:9 | 4K | 3840x2160
            gpt-image-2-vip | 1:3  | 1K | 688x2048
            gpt-image-2-vip | 1:3  | 2K | 688x2048
            gpt-image-2-vip | 1:3  | 4K | 1280x3840
            gpt-image-2-vip | auto | 1K |
            gpt-image-2-vip | 16:9 | 8K |
            gpt-image-2     | 2:1  | 1K | 1792x896
            nano-banana-pro | 16:9 | 1K |
            """)
    void pixelsForUsesThePresetOfTheSizeOrTheLargestGiven(String id, String ratio, String size, String expected) {
        assertThat(CATALOG.capabilitiesOf(id).pixelsFor(ratio, size)).isEqualTo(Optional.ofNullable(expected));
    }
}

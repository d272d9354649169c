package dev.redraw.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.text.Messages;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShapeResolverTest {

    private static final ModelCatalog CATALOG = ModelCatalog.builtIn();
    private static final ShapeResolver RESOLVER = new ShapeResolver("1:1");

    /** Columns: model, asked ratio, asked size, inherited ratio, inherited size, first image; empty = none. */
    private static Shape resolve(
            ShapeResolver resolver,
            String model,
            String ratio,
            String size,
            String inheritedRatio,
            String inheritedSize,
            String image) {
        var request = new ShapeRequest(
                Optional.ofNullable(ratio),
                Optional.ofNullable(size),
                Optional.ofNullable(inheritedRatio),
                Optional.ofNullable(inheritedSize),
                Optional.ofNullable(image).map(text -> PixelSize.parse(text).orElseThrow()));
        return resolver.resolve(CATALOG.capabilitiesOf(model), request);
    }

    @ParameterizedTest(name = "[{index}] {0} asked {1} {2}, inherited {3} {4}, image {5} -> {6} {7}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # asked ratio wins over the branch and the image
            nano-banana-pro        | 16:9        | -  | 4:3       | -  | 600x800   | 16:9      | -
            # else the branch's ratio and size
            nano-banana-pro        | -           | -  | 4:3       | 2K | 600x800   | 4:3       | 2K
            # else the image's nearest ratio
            gemini-2.5-flash-image | -           | -  | -         | -  | 1920x1080 | 16:9      | -
            gemini-2.5-flash-image | -           | -  | -         | -  | 1000x1000 | 1:1       | -
            # else the default
            gemini-2.5-flash-image | -           | -  | -         | -  | -         | 1:1       | -
            # spelling is forgiven: spaces, case, lower-case sizes
            gemini-2.5-flash-image | ' 16 : 9 '  | -  | -         | -  | -         | 16:9      | -
            nano-banana-pro        | AUTO        | 2k | -         | -  | -         | auto      | 2K
            gpt-image-2            | auto        | -  | -         | -  | -         | auto      | -
            # pixels map to the nearest ratio by value, not by the seed's table (it lists 1024x2176 as 21:9)
            gemini-2.5-flash-image | 1792x1024   | -  | -         | -  | -         | 16:9      | -
            gemini-2.5-flash-image | 1536x2048   | -  | -         | -  | -         | 3:4       | -
            gemini-2.5-flash-image | 1024x2176   | -  | -         | -  | -         | 9:16      | -
            gemini-2.5-flash-image | 1792 × 1024 | -  | -         | -  | -         | 16:9      | -
            gpt-image-2            | 1024x1024   | -  | -         | -  | -         | 1:1       | -
            gpt-image-2            | 1672x941    | 1K | -         | -  | -         | 16:9      | 1K
            nano-banana-2          | 1000x8000   | -  | -         | -  | -         | 1:8       | -
            # pixels-only: ratios become the preset of the size, by default the first size
            gpt-image-2-vip        | 16:9        | 2K | -         | -  | -         | 2048x1152 | 2K
            gpt-image-2-vip        | 16:9        | -  | -         | -  | -         | 1280x720  | 1K
            gpt-image-2-vip        | 1:3         | 4K | -         | -  | -         | 1280x3840 | 4K
            gpt-image-2-vip        | -           | -  | -         | -  | 1080x1920 | 720x1280  | 1K
            gpt-image-2-vip        | -           | -  | -         | -  | -         | 1024x1024 | 1K
            gpt-image-2-vip        | auto        | -  | -         | -  | -         | auto      | -
            # pixels-only: pixels the rules accept are kept as asked
            gpt-image-2-vip        | 1920x1088   | -  | -         | -  | -         | 1920x1088 | -
            gpt-image-2-vip        | 3840x1280   | 4K | -         | -  | -         | 3840x1280 | 4K
            # inherited values another model made are adapted, not refused
            nano-banana            | -           | -  | 1:4       | 2K | -         | 9:16      | -
            gpt-image-2            | -           | -  | 16:9      | 4K | -         | 16:9      | -
            gemini-3-pro-image-preview | -       | -  | 16:9      | 4k | -         | 16:9      | 4K
            nano-banana-pro        | -           | -  | 2048x1152 | 2K | -         | 16:9      | 2K
            gemini-2.5-flash-image | -           | -  | auto      | -  | 1920x1080 | 16:9      | -
            gemini-2.5-flash-image | -           | -  | auto      | -  | -         | 1:1       | -
            gpt-image-2-vip        | -           | -  | 1920x1088 | -  | -         | 1920x1088 | -
            gpt-image-2-vip        | -           | -  | 1000x1000 | -  | -         | 1024x1024 | 1K
            gpt-image-2-vip        | -           | -  | 4:3       | 8K | -         | 1152x864  | 1K
            # a new size re-derives inherited pixels from their ratio's preset
            gpt-image-2-vip        | -           | 4K | 1920x1088 | -  | -         | 3840x2160 | 4K
            """)
    void acceptsWithTheRatioAndSizeToSend(
            String model,
            String ratio,
            String size,
            String inheritedRatio,
            String inheritedSize,
            String image,
            String expectedRatio,
            String expectedSize) {
        assertThat(resolve(RESOLVER, model, ratio, size, inheritedRatio, inheritedSize, image))
                .isEqualTo(new Shape.Accepted(expectedRatio, Optional.ofNullable(expectedSize)));
    }

    @ParameterizedTest(name = "[{index}] {0} asked {1} {2} -> {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "-", textBlock = """
            nano-banana-pro        | 16:9      | 8K | 4:3 | nano-banana-pro takes 1K, 2K or 4K, not 8K.
            gpt-image-2            | 16:9      | 2K | -   | gpt-image-2 takes 1K, not 2K.
            gemini-2.5-flash-image | -         | 2K | -   | gemini-2.5-flash-image has no size choice; leave the size out.
            gemini-2.5-flash-image | 7:3       | -  | 1:1 | '7:3' is not an aspect ratio gemini-2.5-flash-image takes; it takes 1:1, 3:2, 2:3, 3:4, 4:3, 4:5, 5:4, 9:16, 16:9 or 21:9.
            gemini-2.5-flash-image | wide      | -  | -   | 'wide' is not an aspect ratio gemini-2.5-flash-image takes; it takes 1:1, 3:2, 2:3, 3:4, 4:3, 4:5, 5:4, 9:16, 16:9 or 21:9.
            nano-banana            | 1:4       | -  | -   | '1:4' is not an aspect ratio nano-banana takes; it takes auto, 1:1, 16:9, 9:16, 4:3, 3:4, 3:2, 2:3, 5:4, 4:5 or 21:9.
            gpt-image-2-vip        | 7:3       | 1K | -   | '7:3' is not an aspect ratio gpt-image-2-vip takes; it takes auto, 1:1, 16:9, 9:16, 4:3, 3:4, 3:2, 2:3, 5:4, 4:5, 21:9, 9:21, 1:3, 3:1, 2:1 or 1:2.
            gpt-image-2-vip        | 4000x1008 | -  | -   | 4000x1008 does not suit gpt-image-2-vip: the longest edge may be at most 3840 px.
            gpt-image-2-vip        | 1000x1000 | -  | -   | 1000x1000 does not suit gpt-image-2-vip: both edges must be multiples of 16.
            gpt-image-2-vip        | 3840x1024 | -  | -   | 3840x1024 does not suit gpt-image-2-vip: the long edge may be at most 3 times the short edge.
            gpt-image-2-vip        | 512x512   | -  | -   | 512x512 does not suit gpt-image-2-vip: the image must have between 655360 and 8294400 pixels.
            """)
    void refusesWhatTheModelDoesNotTakeAndSaysWhatItDoes(
            String model, String ratio, String size, String inheritedRatio, String message) {
        Shape shape = resolve(RESOLVER, model, ratio, size, inheritedRatio, null, null);
        assertThat(shape).isInstanceOf(Shape.Refused.class);
        assertThat(Messages.forLanguage("en").reason(((Shape.Refused) shape).refusal()))
                .isEqualTo(message);
    }

    @Test
    void defaultTheModelDoesNotTakeFallsBackToItsFirstRatio() {
        var resolver = new ShapeResolver("9:21");

        assertThat(resolve(resolver, "gemini-2.5-flash-image", null, null, null, null, null))
                .isEqualTo(new Shape.Accepted("1:1", Optional.empty()));
        assertThat(resolve(resolver, "nano-banana-pro", null, null, null, null, null))
                .isEqualTo(new Shape.Accepted("auto", Optional.empty()));
        assertThat(resolve(resolver, "qwen-image", null, null, null, null, null))
                .isEqualTo(new Shape.Accepted("9:21", Optional.empty()));
    }

    @Test
    void autoIsSentAsAutoWhereTheModelTakesItAndAsksForNothingElsewhere() {
        assertThat(resolve(RESOLVER, "gpt-image-1", "AUTO", null, "3:2", null, null))
                .isEqualTo(new Shape.Accepted("auto", Optional.empty()));
        assertThat(resolve(RESOLVER, "nano-banana-2", "auto", "2K", null, null, null))
                .isEqualTo(new Shape.Accepted("auto", Optional.of("2K")));
        // a model without auto keeps the branch's ratio, else the first image's shape, else the default
        assertThat(resolve(RESOLVER, "gemini-2.5-flash-image", "auto", null, "16:9", null, null))
                .isEqualTo(new Shape.Accepted("16:9", Optional.empty()));
        assertThat(resolve(RESOLVER, "gemini-2.5-flash-image", "auto", null, null, null, "600x800"))
                .isEqualTo(new Shape.Accepted("3:4", Optional.empty()));
        assertThat(resolve(RESOLVER, "flux", "auto", null, null, null, null))
                .isEqualTo(new Shape.Accepted("1:1", Optional.empty()));
    }
}

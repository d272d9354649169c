package dev.redraw.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelCatalogTest {

    private static final ModelCatalog CATALOG = ModelCatalog.builtIn();
    private static final long MIB = 1024 * 1024;
    private static final List<String> TALL = List.of("1:4", "4:1", "1:8", "8:1");

    private static ModelCapabilities model(String id) {
        return CATALOG.find(id).orElseThrow();
    }

    private static List<String> words(String text) {
        return text == null ? List.of() : Arrays.asList(text.split(" "));
    }

    @Test
    void listsEveryModelTheSeedsName() {
        assertThat(CATALOG.all())
                .extracting(ModelCapabilities::id)
                .containsExactlyInAnyOrder(
                        "gemini-2.5-flash-image",
                        "gemini-2.5-flash-image-preview",
                        "gemini-3-pro-image-preview",
                        "dall-e-2",
                        "nano-banana",
                        "nano-banana-hd",
                        "nano-banana-fast",
                        "nano-banana-2",
                        "nano-banana-2-cl",
                        "nano-banana-2-4k-cl",
                        "nano-banana-pro",
                        "nano-banana-pro-vt",
                        "nano-banana-pro-cl",
                        "nano-banana-pro-vip",
                        "nano-banana-pro-4k-vip",
                        "gpt-image-1",
                        "gpt-image-2",
                        "gpt-image-2-vip",
                        "gpt-4o-image",
                        "gpt-4o-image-vip",
                        "sora_image",
                        "sora_image-vip",
                        "dall-e-3",
                        "flux-kontext-pro",
                        "flux-kontext-max",
                        "flux-kontext-dev",
                        "flux",
                        "flux-dev",
                        "flux-pro",
                        "recraftv3",
                        "recraftv3-halloween",
                        "qwen-image",
                        "qwen-image-edit",
                        "doubao-seedream-4-0-250828",
                        "doubao-seededit-3-0-i2i-250628",
                        "doubao-seedream-3-0-t2i-250415");
    }

    @ParameterizedTest(name = "{0}: {1} images, sizes [{2}], native history {3}")
    @CsvSource(delimiter = '|', textBlock = """
            gemini-2.5-flash-image         |  5 |          | true
            gemini-2.5-flash-image-preview |  5 |          | true
            gemini-3-pro-image-preview     | 14 | 1K 2K 4K | true
            nano-banana                    |  5 |          | false
            nano-banana-hd                 |  5 |          | false
            nano-banana-2-4k-cl            |  5 | 1K 2K 4K | false
            nano-banana-pro-4k-vip         | 14 | 1K 2K 4K | false
            gpt-image-1                    | 16 |          | false
            gpt-image-2                    | 16 | 1K       | false
            gpt-image-2-vip                | 16 | 1K 2K 4K | false
            sora_image                     |  1 |          | false
            dall-e-3                       |  0 |          | false
            flux-kontext-dev               |  1 |          | false
            qwen-image                     |  0 |          | false
            qwen-image-edit                |  1 |          | false
            doubao-seedream-3-0-t2i-250415 |  0 |          | false
            """)
    void imagesSizesAndHistoryPerFamily(String id, int images, String sizes, boolean nativeHistory) {
        ModelCapabilities model = model(id);

        assertThat(model.maxInputImages()).isEqualTo(images);
        assertThat(model.imageSizes()).isEqualTo(words(sizes));
        assertThat(model.nativeHistory()).isEqualTo(nativeHistory);
    }

    @Test
    void onlyGeminiModelsTakeANativeHistory() {
        assertThat(CATALOG.all())
                .filteredOn(ModelCapabilities::nativeHistory)
                .extracting(ModelCapabilities::id)
                .containsExactlyInAnyOrder(
                        "gemini-2.5-flash-image", "gemini-2.5-flash-image-preview", "gemini-3-pro-image-preview");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gemini-2.5-flash-image", "gemini-2.5-flash-image-preview", "gemini-3-pro-image-preview"})
    void geminiModelsTakeTheTenGeminiRatiosAndSevenMegabytes(String id) {
        ModelCapabilities model = model(id);

        assertThat(model.aspectRatios())
                .containsExactly("1:1", "3:2", "2:3", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9");
        assertThat(model.maxImageBytes()).isEqualTo(7 * MIB);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nano-banana-2", "nano-banana-2-cl", "nano-banana-2-4k-cl"})
    void nanoBanana2FamilyAddsTallAndWideRatios(String id) {
        assertThat(model(id).aspectRatios())
                .startsWith("auto", "1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "5:4", "4:5", "21:9")
                .containsAll(TALL)
                .hasSize(15);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "nano-banana",
                "nano-banana-fast",
                "nano-banana-pro",
                "nano-banana-pro-vt",
                "nano-banana-pro-cl",
                "nano-banana-pro-vip",
                "nano-banana-pro-4k-vip"
            })
    void otherTaskModelsTakeAutoAndTenRatiosOnly(String id) {
        assertThat(model(id).aspectRatios())
                .containsExactly("auto", "1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "5:4", "4:5", "21:9");
    }

    @Test
    void gptImage1TakesSixteenImagesAndLongPrompts() {
        ModelCapabilities model = model("gpt-image-1");

        assertThat(model.maxInputImages()).isEqualTo(16);
        assertThat(model.maxPromptChars()).isEqualTo(32_000);
        assertThat(model.maxImageBytes()).isEqualTo(25 * MIB);
        assertThat(model.aspectRatios()).containsExactly("auto", "1:1", "3:2", "2:3");
    }

    @Test
    void dallE3TakesFourThousandCharactersAndNoImagesAndDallE2OneSquareImage() {
        ModelCapabilities model = model("dall-e-3");

        assertThat(model.maxPromptChars()).isEqualTo(4000);
        assertThat(model.maxInputImages()).isZero();
        assertThat(model.fields().pixelSizes()).containsExactly("1024x1024", "1792x1024", "1024x1792");
        ModelCapabilities two = model("dall-e-2");
        assertThat(two.maxPromptChars()).isEqualTo(1000);
        assertThat(two.maxInputImages()).isEqualTo(1);
        assertThat(two.maxImageBytes()).isEqualTo(4L * 1024 * 1024);
        assertThat(two.aspectRatios()).containsExactly("1:1");
        assertThat(two.fields().takesMask()).isTrue();
    }

    @Test
    void gptImage2TakesRatiosWithOneKilopixelPresetEach() {
        ModelCapabilities model = model("gpt-image-2");

        assertThat(model.pixelsOnly()).isFalse();
        assertThat(model.pixelRules()).isEmpty();
        assertThat(model.aspectRatios())
                .containsExactly(
                        "auto", "1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "5:4", "4:5", "21:9", "9:21", "1:2",
                        "2:1");
        assertThat(model.pixelPresets()).containsEntry("16:9", List.of("1672x941"));
        assertThat(model.pixelPresets()).containsEntry("9:21", List.of("832x1920"));
        assertThat(model.pixelPresets()).hasSize(13);
    }

    @Test
    void gptImage2VipTakesPixelsOnlyUnderTheSeedsRules() {
        ModelCapabilities model = model("gpt-image-2-vip");

        assertThat(model.pixelsOnly()).isTrue();
        assertThat(model.pixelRules()).contains(new PixelRules(3840, 16, 3.0, 655_360, 8_294_400));
        assertThat(model.aspectRatios()).hasSize(16).startsWith("auto").contains("1:3", "3:1", "9:21", "1:2", "2:1");
        assertThat(model.pixelPresets()).hasSize(15).doesNotContainKey("auto");
    }

    @ParameterizedTest(name = "gpt-image-2-vip {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1:1  | 1024x1024 2048x2048 2880x2880
            16:9 | 1280x720 2048x1152 3840x2160
            3:4  | 864x1152 1728x2304 2448x3264
            2:3  | 1024x1536 1360x2048 2336x3504
            4:5  | 896x1120 1792x2240 2560x3200
            21:9 | 1456x624 2912x1248 3840x1648
            9:21 | 624x1456 1248x2912 1648x3840
            1:3  | 688x2048 688x2048 1280x3840
            3:1  | 2048x688 2048x688 3840x1280
            1:2  | 768x1536 1536x3072 1920x3840
            """)
    void gptImage2VipPresetsMatchTheSeed(String ratio, String presets) {
        // The seed gives 1:3 and 3:1 two values whose long edges are those of the 2K and 4K columns; 1K reuses the
        // smaller.
        assertThat(model("gpt-image-2-vip").pixelPresets()).containsEntry(ratio, words(presets));
    }

    @Test
    void everyVipPresetFollowsTheVipRules() {
        ModelCapabilities model = model("gpt-image-2-vip");
        PixelRules rules = model.pixelRules().orElseThrow();

        model.pixelPresets().values().stream()
                .flatMap(List::stream)
                .map(text -> PixelSize.parse(text).orElseThrow())
                .forEach(size -> assertThat(rules.problem(size.width(), size.height()))
                        .as(size.text())
                        .isEmpty());
    }

    @Test
    void everyRatioButAutoHasAValueAndEveryPresetAnAcceptedRatio() {
        for (ModelCapabilities model : CATALOG.all()) {
            assertThat(model.aspectRatios())
                    .as(model.id())
                    .filteredOn(ratio -> !ratio.equals("auto"))
                    .allSatisfy(ratio -> assertThat(AspectRatios.value(ratio)).isPresent());
            assertThat(model.aspectRatios())
                    .as(model.id())
                    .containsAll(model.pixelPresets().keySet());
        }
    }

    @Test
    void unknownModelGetsTheConservativeDefault() {
        ModelCapabilities unknown = CATALOG.capabilitiesOf("some-new-model");

        assertThat(CATALOG.find("some-new-model")).isEmpty();
        assertThat(unknown.id()).isEqualTo("some-new-model");
        assertThat(unknown.maxInputImages()).isEqualTo(5);
        assertThat(unknown.aspectRatios()).isEqualTo(ModelCatalog.NANO_BANANA_RATIOS);
        assertThat(unknown.imageSizes()).isEmpty();
        assertThat(unknown.nativeHistory()).isFalse();
        assertThat(CATALOG.capabilitiesOf("gemini-4-image").nativeHistory()).isTrue();
    }

    @Test
    void overrideReplacesPresentFieldsAndKeepsTheRest() {
        var override = override("nano-banana-pro", 6, null, List.of("1k", " 2K"), null, 2000, true);

        ModelCapabilities changed =
                CATALOG.withOverrides(List.of(override)).find("nano-banana-pro").orElseThrow();
        ModelCapabilities original = model("nano-banana-pro");

        assertThat(changed.maxInputImages()).isEqualTo(6);
        assertThat(changed.imageSizes()).containsExactly("1K", "2K");
        assertThat(changed.maxPromptChars()).isEqualTo(2000);
        assertThat(changed.nativeHistory()).isTrue();
        assertThat(changed.aspectRatios()).isEqualTo(original.aspectRatios());
        assertThat(changed.maxImageBytes()).isEqualTo(original.maxImageBytes());
        assertThat(original.maxInputImages())
                .as("the built-in catalog is unchanged")
                .isEqualTo(14);
    }

    @Test
    void overrideKeepsPixelPresetsAndRules() {
        var override = override("gpt-image-2-vip", 4, null, null, MIB, null, null);

        ModelCapabilities changed =
                CATALOG.withOverrides(List.of(override)).find("gpt-image-2-vip").orElseThrow();

        assertThat(changed.maxImageBytes()).isEqualTo(MIB);
        assertThat(changed.pixelsOnly()).isTrue();
        assertThat(changed.pixelPresets()).isEqualTo(model("gpt-image-2-vip").pixelPresets());
        assertThat(changed.pixelRules()).isEqualTo(model("gpt-image-2-vip").pixelRules());
    }

    @Test
    void unknownOverrideIsAddedFromTheDefaultAndLaterOverridesWin() {
        var first = override("house-model", 2, List.of("1:1", "16 : 9"), null, null, null, null);
        var second = override("house-model", 3, null, null, null, null, null);

        ModelCatalog catalog = CATALOG.withOverrides(List.of(first, second));
        ModelCapabilities added = catalog.find("house-model").orElseThrow();

        assertThat(added.maxInputImages()).isEqualTo(3);
        assertThat(added.aspectRatios()).containsExactly("1:1", "16:9");
        assertThat(added.maxImageBytes()).isEqualTo(7 * MIB);
        assertThat(added.maxPromptChars()).isEqualTo(8000);
        assertThat(added.nativeHistory()).isFalse();
        assertThat(catalog.all()).hasSize(CATALOG.all().size() + 1);
    }

    @Test
    void overrideNeedsAnId() {
        assertThatThrownBy(() -> override(" ", null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** An override with the given fields; {@code null} leaves a field out. */
    private static ModelOverride override(
            String id,
            Integer images,
            List<String> ratios,
            List<String> sizes,
            Long imageBytes,
            Integer promptChars,
            Boolean nativeHistory) {
        return new ModelOverride(
                id,
                Optional.ofNullable(images),
                Optional.ofNullable(ratios),
                Optional.ofNullable(sizes),
                Optional.ofNullable(imageBytes),
                Optional.ofNullable(promptChars),
                Optional.ofNullable(nativeHistory));
    }
}

package dev.redraw.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The models the vendor documents in {@code shared/seeds} name, with what those documents and the
 * Gemini notes say they accept. Where the documents are silent the values are conservative (an
 * operator can raise them with a {@link ModelOverride}); the table's comments say which those are.
 */
final class BuiltInModels {

    static final List<String> TASK_RATIOS =
            List.of("auto", "1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "5:4", "4:5", "21:9");
    static final List<String> OPENAI_RATIOS =
            List.of("21:9", "16:9", "4:3", "3:2", "1:1", "2:3", "3:4", "9:16", "9:21");

    /**
     * gpt-image-2-vip's presets per ratio for 1K, 2K and 4K (seed 004). The seed gives 1:3 and 3:1
     * only two values under its "1K、2K、4K" heading, without saying which column is missing. Their
     * long edges (2048 and 3840) are those of every other ratio's 2K and 4K columns (9:16 is
     * 1152x2048 and 2160x3840), and a 1K preset with a long edge of 2048 would be the only one, so
     * the seed's two values are the 2K and 4K presets. The seed has no 1K preset for them and the
     * model takes no ratio, so 1K uses the smallest documented one.
     */
    private static final String GPT_IMAGE_2_VIP_PRESETS = """
            1:1   1024x1024  2048x2048  2880x2880
            16:9  1280x720   2048x1152  3840x2160
            9:16  720x1280   1152x2048  2160x3840
            4:3   1152x864   2304x1728  3264x2448
            3:4   864x1152   1728x2304  2448x3264
            3:2   1536x1024  2048x1360  3504x2336
            2:3   1024x1536  1360x2048  2336x3504
            5:4   1120x896   2240x1792  3200x2560
            4:5   896x1120   1792x2240  2560x3200
            21:9  1456x624   2912x1248  3840x1648
            9:21  624x1456   1248x2912  1648x3840
            1:3   688x2048   688x2048   1280x3840
            3:1   2048x688   2048x688   3840x1280
            2:1   1536x768   3072x1536  3840x1920
            1:2   768x1536   1536x3072  1920x3840
            """;

    /** gpt-image-2's one (1K) preset per ratio (seed 004). */
    private static final String GPT_IMAGE_2_PRESETS = """
            1:1   1024x1024
            16:9  1672x941
            9:16  941x1672
            4:3   1443x1090
            3:4   1090x1443
            3:2   1536x1024
            2:3   1024x1536
            5:4   1408x1120
            4:5   1120x1408
            21:9  1920x832
            9:21  832x1920
            1:2   896x1792
            2:1   1792x896
            """;

    static final PixelRules GPT_IMAGE_2_VIP_RULES = new PixelRules(3840, 16, 3.0, 655_360, 8_294_400);

    private static final Map<String, List<String>> VIP_PRESETS = presets(GPT_IMAGE_2_VIP_PRESETS);
    private static final Map<String, List<String>> GPT_IMAGE_2_PRESET_TABLE = presets(GPT_IMAGE_2_PRESETS);

    /** The ratio lists the table below names. */
    private static final Map<String, List<String>> RATIO_SETS = Map.of(
            // contents gateways (seed 002) and Google's own list (Gemini notes)
            "gemini", ModelCatalog.NANO_BANANA_RATIOS,
            // task API (seed 004)
            "task", TASK_RATIOS,
            "nano-banana-2", concat(TASK_RATIOS, List.of("1:4", "4:1", "1:8", "8:1")),
            "gpt-image-2", concat(List.of("auto"), List.copyOf(GPT_IMAGE_2_PRESET_TABLE.keySet())),
            "gpt-image-2-vip", concat(List.of("auto"), List.copyOf(VIP_PRESETS.keySet())),
            // OpenAI-compatible aspect_ratio list (seed 003)
            "openai", OPENAI_RATIOS,
            // seed 003: gpt-image-1 sizes 1024x1024, 1536x1024, 1024x1536 and auto
            "gpt-image-1", List.of("auto", "1:1", "3:2", "2:3"),
            // seed 003's dall-e-2 sizes are all square
            "square", List.of("1:1"),
            // dall-e-3: 1024x1024, 1792x1024, 1024x1792 (OpenAI's image reference, which seed 003 links)
            "dall-e-3", List.of("1:1", "16:9", "9:16"),
            // seed 003's flux and recraft size lists: 1344x576 is 21:9, 1024x512 2:1, 512x1024 1:2
            "flux", List.of("21:9", "2:1", "16:9", "4:3", "3:2", "1:1", "2:3", "3:4", "9:16", "1:2"));

    /**
     * One model a row: id, most input images, ratio list, sizes ({@code -} for none), largest input
     * image in MiB, longest instruction in characters.
     */
    private static final String MODELS = """
            # contents / Gemini dialects; 2-5 images for fusion on the gateways (seed 002), 7 MB each
            gemini-2.5-flash-image            5  gemini           -         7   8000
            gemini-2.5-flash-image-preview    5  gemini           -         7   8000
            # Gemini notes: up to 14 input images, 1K/2K/4K
            gemini-3-pro-image-preview       14  gemini           1K/2K/4K  7   8000
            # Nano Banana under gateway names (seeds 003, 004); image counts as for 2.5 Flash
            nano-banana                       5  task             -         7   8000
            nano-banana-hd                    5  gemini           -         7   8000
            nano-banana-fast                  5  task             -         7   8000
            # seed 004 adds 1:4 4:1 1:8 8:1 for this family; image count not documented: conservative
            nano-banana-2                     5  nano-banana-2    1K/2K/4K  7   8000
            nano-banana-2-cl                  5  nano-banana-2    1K/2K/4K  7   8000
            nano-banana-2-4k-cl               5  nano-banana-2    1K/2K/4K  7   8000
            # Gemini 3 Pro Image under gateway names: 14 images as in the Gemini notes
            nano-banana-pro                  14  task             1K/2K/4K  7   8000
            nano-banana-pro-vt               14  task             1K/2K/4K  7   8000
            nano-banana-pro-cl               14  task             1K/2K/4K  7   8000
            nano-banana-pro-vip              14  task             1K/2K/4K  7   8000
            nano-banana-pro-4k-vip           14  task             1K/2K/4K  7   8000
            # seed 003: 16 images for GPT image models, 25 MB each, prompt up to 32000
            gpt-image-1                      16  gpt-image-1      -        25  32000
            # seed 004: a ratio or 1K pixels; the vip model takes pixels only
            gpt-image-2                      16  gpt-image-2      1K        7   8000
            gpt-image-2-vip                  16  gpt-image-2-vip  1K/2K/4K  7   8000
            # the seeds give no image count for these: one reference image
            gpt-4o-image                      1  openai           -         7   8000
            gpt-4o-image-vip                  1  openai           -         7   8000
            sora_image                        1  openai           -         7   8000
            sora_image-vip                    1  openai           -         7   8000
            # seed 003: dall-e-2 edits take 1 square PNG under 4 MB; prompts up to 1000 characters
            dall-e-2                          1  square           -         4   1000
            # OpenAI's image reference (linked from seed 003): dall-e-3 only generates; prompts up to 4000
            dall-e-3                          0  dall-e-3         -         7   4000
            # seed 003: flux-kontext takes its reference image inside the prompt; one image
            flux-kontext-pro                  1  openai           -         7   8000
            flux-kontext-max                  1  openai           -         7   8000
            flux-kontext-dev                  1  openai           -         7   8000
            # text-to-image only in seed 003
            flux                              0  flux             -         7   8000
            flux-dev                          0  flux             -         7   8000
            flux-pro                          0  flux             -         7   8000
            recraftv3                         0  flux             -         7   8000
            recraftv3-halloween               0  flux             -         7   8000
            qwen-image                        0  openai           -         7   8000
            doubao-seedream-3-0-t2i-250415    0  openai           -         7   8000
            # editing models the seeds only name: one reference image
            qwen-image-edit                   1  openai           -         7   8000
            doubao-seededit-3-0-i2i-250628    1  openai           -         7   8000
            doubao-seedream-4-0-250828        1  openai           -         7   8000
            """;

    /** Models whose shape is sent as pixels or that have pixel presets. */
    private record Pixels(boolean only, Map<String, List<String>> presets, Optional<PixelRules> rules) {}

    private static final Map<String, Pixels> PIXELS = Map.of(
            "gpt-image-2", new Pixels(false, GPT_IMAGE_2_PRESET_TABLE, Optional.empty()),
            "gpt-image-2-vip", new Pixels(true, VIP_PRESETS, Optional.of(GPT_IMAGE_2_VIP_RULES)));

    private static final Pixels NO_PIXELS = new Pixels(false, Map.of(), Optional.empty());

    /** Seed 003's flux and recraft {@code size} list, its repeated entries left out. */
    private static final List<String> FLUX_SIZES = List.of(
            "1024x1024",
            "1024x512",
            "1024x576",
            "1024x768",
            "512x1024",
            "512x768",
            "1280x960",
            "960x1280",
            "768x1366",
            "768x512",
            "1366x768",
            "1344x576");

    private static final RequestFields FLUX_FIELDS =
            new RequestFields(FLUX_SIZES, List.of(), false, RequestFields.InputImages.EDIT_FORM);

    /** Seed 003: the generations form takes these models' reference images as its {@code image} array. */
    private static final RequestFields IMAGE_ARRAY =
            new RequestFields(List.of(), List.of(), false, RequestFields.InputImages.GENERATION_ARRAY);

    /** The fields of the {@code openai} dialect each model is documented with (seed 003 unless said). */
    private static final Map<String, RequestFields> FIELDS = Map.ofEntries(
            // seed 003: size 1024x1024, 1536x1024, 1024x1536 or auto; quality high, medium, low (default auto); mask
            Map.entry(
                    "gpt-image-1",
                    new RequestFields(
                            List.of("1024x1024", "1536x1024", "1024x1536", "auto"),
                            List.of("high", "medium", "low", "auto"),
                            true,
                            RequestFields.InputImages.EDIT_FORM)),
            // seed 003: size 256x256, 512x512 or 1024x1024; a mask; quality is for gpt-image-1 only
            Map.entry(
                    "dall-e-2",
                    new RequestFields(
                            List.of("256x256", "512x512", "1024x1024"),
                            List.of(),
                            true,
                            RequestFields.InputImages.EDIT_FORM)),
            // OpenAI's image reference: 1024x1024, 1792x1024, 1024x1792; quality standard or hd
            Map.entry(
                    "dall-e-3",
                    new RequestFields(
                            List.of("1024x1024", "1792x1024", "1024x1792"),
                            List.of("standard", "hd"),
                            false,
                            RequestFields.InputImages.EDIT_FORM)),
            Map.entry("flux", FLUX_FIELDS),
            Map.entry("flux-dev", FLUX_FIELDS),
            Map.entry("flux-pro", FLUX_FIELDS),
            Map.entry("recraftv3", FLUX_FIELDS),
            Map.entry("recraftv3-halloween", FLUX_FIELDS),
            // seed 003: the edits form names gpt-image-1, flux-kontext and nano-banana only
            Map.entry("gpt-4o-image", IMAGE_ARRAY),
            Map.entry("gpt-4o-image-vip", IMAGE_ARRAY),
            Map.entry("sora_image", IMAGE_ARRAY),
            Map.entry("sora_image-vip", IMAGE_ARRAY),
            Map.entry("qwen-image-edit", IMAGE_ARRAY),
            Map.entry("doubao-seededit-3-0-i2i-250628", IMAGE_ARRAY),
            Map.entry("doubao-seedream-4-0-250828", IMAGE_ARRAY));

    private BuiltInModels() {}

    static List<ModelCapabilities> all() {
        return rows(MODELS).stream().map(BuiltInModels::model).toList();
    }

    private static ModelCapabilities model(String[] row) {
        String id = row[0];
        Pixels pixels = PIXELS.getOrDefault(id, NO_PIXELS);
        List<String> ratios = RATIO_SETS.get(row[2]);
        if (ratios == null) {
            throw new IllegalStateException("unknown ratio list " + row[2] + " for " + id);
        }
        return new ModelCapabilities(
                id,
                Integer.parseInt(row[1]),
                ratios,
                row[3].equals("-") ? List.of() : List.of(row[3].split("/")),
                pixels.only(),
                pixels.presets(),
                pixels.rules(),
                Long.parseLong(row[4]) * 1024 * 1024,
                Integer.parseInt(row[5]),
                nativeHistory(id),
                FIELDS.getOrDefault(id, RequestFields.NONE));
    }

    /** Only Gemini models spoken to in the contents or Gemini dialects take a history as such. */
    static boolean nativeHistory(String id) {
        return id.startsWith("gemini-");
    }

    private static Map<String, List<String>> presets(String table) {
        var byRatio = new LinkedHashMap<String, List<String>>();
        for (String[] row : rows(table)) {
            byRatio.put(row[0], List.of(Arrays.copyOfRange(row, 1, row.length)));
        }
        return byRatio;
    }

    private static List<String[]> rows(String table) {
        var rows = new ArrayList<String[]>();
        for (String line : table.strip().split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                rows.add(trimmed.split("\\s+"));
            }
        }
        return rows;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}

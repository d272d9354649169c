package dev.redraw.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The capabilities of the models the bot knows, with a conservative default for the rest. */
public final class ModelCatalog {

    /** Nano Banana's ratios (seed documents of the {@code contents} gateways). */
    public static final List<String> NANO_BANANA_RATIOS =
            List.of("1:1", "3:2", "2:3", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9");

    static final long SEVEN_MB = 7L * 1024 * 1024;
    static final int DEFAULT_PROMPT_CHARS = 8_000;

    private final Map<String, ModelCapabilities> models;

    public ModelCatalog(List<ModelCapabilities> models) {
        var byId = new LinkedHashMap<String, ModelCapabilities>();
        models.forEach(m -> byId.put(m.id(), m));
        this.models = Map.copyOf(byId);
    }

    public static ModelCatalog builtIn() {
        return new ModelCatalog(List.of(
                nanoBanana("gemini-2.5-flash-image"),
                nanoBanana("gemini-2.5-flash-image-preview"),
                nanoBanana("nano-banana")));
    }

    private static ModelCapabilities nanoBanana(String id) {
        // The gateways document 2-5 images for fusion; history images count against the same limit.
        return new ModelCapabilities(
                id,
                5,
                NANO_BANANA_RATIOS,
                List.of(),
                false,
                Map.of(),
                Optional.empty(),
                SEVEN_MB,
                DEFAULT_PROMPT_CHARS,
                true);
    }

    public Optional<ModelCapabilities> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    /** Known capabilities, or the Nano Banana defaults for a model the catalog does not list. */
    public ModelCapabilities capabilitiesOf(String id) {
        return find(id).orElseGet(() -> nanoBanana(id));
    }
}

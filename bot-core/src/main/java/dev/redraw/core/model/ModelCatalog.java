package dev.redraw.core.model;

import java.util.Collections;
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
        this.models = Collections.unmodifiableMap(byId);
    }

    /** Every model the vendor documents name (see {@link BuiltInModels}). */
    public static ModelCatalog builtIn() {
        return new ModelCatalog(BuiltInModels.all());
    }

    /**
     * This catalog with the operator's corrections: each override's present fields replace the
     * model's values (later overrides of the same id on top of earlier ones); an id the catalog does
     * not know is added, starting from {@link #fallback}.
     */
    public ModelCatalog withOverrides(List<ModelOverride> overrides) {
        var merged = new LinkedHashMap<>(models);
        for (ModelOverride override : overrides) {
            ModelCapabilities base = merged.getOrDefault(override.id(), fallback(override.id()));
            merged.put(override.id(), override.applyTo(base));
        }
        return new ModelCatalog(List.copyOf(merged.values()));
    }

    /** The known models, in the order they were given. */
    public List<ModelCapabilities> all() {
        return List.copyOf(models.values());
    }

    public Optional<ModelCapabilities> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    /** Known capabilities, or the {@link #fallback} for a model the catalog does not list. */
    public ModelCapabilities capabilitiesOf(String id) {
        return find(id).orElseGet(() -> fallback(id));
    }

    /**
     * What the bot assumes of a model it knows nothing about: Nano Banana's ratios, no size choice,
     * the 5 images and 7 MB the contents gateways document, and a native history only for Gemini ids.
     */
    public static ModelCapabilities fallback(String id) {
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
                BuiltInModels.nativeHistory(id),
                RequestFields.NONE);
    }
}

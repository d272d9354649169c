package dev.redraw.app.config;

import dev.redraw.core.model.ModelOverride;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One model a provider serves, written either as its id alone or as a mapping that also states what
 * the model accepts. Each stated capability replaces what the bot would otherwise assume for that
 * model; an empty one leaves the assumption in place. Entries are the core's {@link ModelOverride},
 * checked here so every mistake names its key.
 */
public final class ModelEntries {

    /** The ratio that lets the model choose. */
    public static final String AUTO_RATIO = "auto";

    /** The output sizes a model may accept, as written after normalisation. */
    public static final Set<String> IMAGE_SIZES = Set.of("1K", "2K", "4K");

    private static final int MAX_INPUT_IMAGES = 100;
    private static final int MAX_PROMPT_CHARS = 1_000_000;

    private ModelEntries() {}

    /** A model given by its id alone, stating no capabilities. */
    public static ModelOverride of(String id) {
        return ModelOverride.of(requireId(id));
    }

    /** Checks an entry's stated capabilities and returns it with its ratios and sizes normalised. */
    public static ModelOverride checked(ModelOverride entry) {
        requireId(entry.id());
        entry.maxInputImages().ifPresent(count -> Values.requireRange(count, "max-input-images", 0, MAX_INPUT_IMAGES));
        entry.maxImageBytes().ifPresent(bytes -> {
            if (bytes <= 0) {
                throw ConfigException.at("max-image-bytes", "must be larger than zero");
            }
        });
        entry.maxPromptChars().ifPresent(chars -> Values.requireRange(chars, "max-prompt-chars", 1, MAX_PROMPT_CHARS));
        return new ModelOverride(
                entry.id(),
                entry.maxInputImages(),
                checkedList(
                        entry.aspectRatios(),
                        "aspect-ratios",
                        ratio -> ratio.equalsIgnoreCase(AUTO_RATIO) ? AUTO_RATIO : ratio,
                        ratio -> ratio.equals(AUTO_RATIO) || Values.isRatio(ratio),
                        "is not a ratio like 16:9, or auto"),
                checkedList(
                        entry.imageSizes(),
                        "image-sizes",
                        size -> size.toUpperCase(Locale.ROOT),
                        IMAGE_SIZES::contains,
                        "is not an image size; expected 1K, 2K or 4K"),
                entry.maxImageBytes(),
                entry.maxPromptChars(),
                entry.nativeHistory());
    }

    private static String requireId(String id) {
        Values.require(id, "id");
        if (id.isBlank()) {
            throw ConfigException.at("id", "a model id cannot be empty");
        }
        return id;
    }

    /**
     * Checks each element of a stated list after {@code normalise}, reporting a bad one at its index
     * ({@code image-sizes[1]}), and returns the normalised, read-only list.
     */
    private static Optional<List<String>> checkedList(
            Optional<List<String>> list,
            String key,
            UnaryOperator<String> normalise,
            Predicate<String> valid,
            String problem) {
        if (list.isEmpty()) {
            return list;
        }
        if (list.get().isEmpty()) {
            throw ConfigException.at(key, "list at least one value, or leave the key out");
        }
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < list.get().size(); i++) {
            String value = Values.require(list.get().get(i), KeyPaths.index(key, i));
            String normalised = normalise.apply(value.strip());
            if (!valid.test(normalised)) {
                throw ConfigException.at(KeyPaths.index(key, i), "'" + value + "' " + problem);
            }
            checked.add(normalised);
        }
        return Optional.of(List.copyOf(checked));
    }
}

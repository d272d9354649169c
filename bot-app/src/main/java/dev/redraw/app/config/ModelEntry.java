package dev.redraw.app.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One model a provider serves, written either as its id alone or as a mapping that also states what
 * the model accepts. Each stated capability replaces what the bot would otherwise assume for that model;
 * an empty one leaves the assumption in place.
 *
 * @param id the model id as the provider knows it
 * @param maxInputImages the most images one request may carry, history included
 * @param aspectRatios the ratios the model accepts, each {@code W:H} or {@code auto}
 * @param imageSizes the output sizes it accepts, each {@code 1K}, {@code 2K} or {@code 4K}
 * @param maxImageBytes the largest input image, in bytes
 * @param maxPromptChars the longest instruction, in characters
 * @param nativeHistory whether the model takes a multi-turn history (otherwise it is flattened)
 */
public record ModelEntry(
        String id,
        Optional<Integer> maxInputImages,
        Optional<List<String>> aspectRatios,
        Optional<List<String>> imageSizes,
        Optional<Long> maxImageBytes,
        Optional<Integer> maxPromptChars,
        Optional<Boolean> nativeHistory) {

    /** The ratio that lets the model choose. */
    public static final String AUTO_RATIO = "auto";

    /** The output sizes a model may accept, as written after normalisation. */
    public static final Set<String> IMAGE_SIZES = Set.of("1K", "2K", "4K");

    private static final int MAX_INPUT_IMAGES = 100;
    private static final int MAX_PROMPT_CHARS = 1_000_000;

    public ModelEntry {
        Values.require(id, "id");
        if (id.isBlank()) {
            throw ConfigException.at("id", "a model id cannot be empty");
        }
        Objects.requireNonNull(maxInputImages, "maxInputImages");
        maxInputImages.ifPresent(count -> Values.requireRange(count, "max-input-images", 0, MAX_INPUT_IMAGES));
        aspectRatios = checkedList(
                aspectRatios,
                "aspect-ratios",
                ratio -> ratio.equalsIgnoreCase(AUTO_RATIO) ? AUTO_RATIO : ratio,
                ratio -> ratio.equals(AUTO_RATIO) || Values.isRatio(ratio),
                "is not a ratio like 16:9, or auto");
        imageSizes = checkedList(
                imageSizes,
                "image-sizes",
                size -> size.toUpperCase(Locale.ROOT),
                IMAGE_SIZES::contains,
                "is not an image size; expected 1K, 2K or 4K");
        Objects.requireNonNull(maxImageBytes, "maxImageBytes");
        maxImageBytes.ifPresent(bytes -> {
            if (bytes <= 0) {
                throw ConfigException.at("max-image-bytes", "must be larger than zero");
            }
        });
        Objects.requireNonNull(maxPromptChars, "maxPromptChars");
        maxPromptChars.ifPresent(chars -> Values.requireRange(chars, "max-prompt-chars", 1, MAX_PROMPT_CHARS));
        Objects.requireNonNull(nativeHistory, "nativeHistory");
    }

    /** A model given by its id alone, stating no capabilities. */
    public static ModelEntry of(String id) {
        return new ModelEntry(
                id,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
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
        Objects.requireNonNull(list, key);
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

package dev.redraw.core.model;

import dev.redraw.core.refusal.Refusal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one model accepts, checked before any paid call.
 *
 * @param id the model id as the provider knows it
 * @param maxInputImages the most images one request may carry, history included
 * @param aspectRatios the ratios the model accepts, like {@code 16:9}
 * @param imageSizes the output sizes it accepts ({@code 1K 2K 4K}); empty when it has no size choice
 * @param pixelsOnly whether the ratio must be sent as pixels ({@code 2048x1152}), as gpt-image-2-vip wants
 * @param pixelPresets for each ratio, the pixel size per entry of {@code imageSizes}, in that order (see {@link #pixelsFor})
 * @param pixelRules the rules custom pixel sizes must follow, when the model takes custom sizes
 * @param maxImageBytes the largest input image, in bytes
 * @param maxPromptChars the longest instruction, in characters
 * @param nativeHistory whether the model takes a multi-turn history (otherwise it is flattened)
 */
public record ModelCapabilities(
        String id,
        int maxInputImages,
        List<String> aspectRatios,
        List<String> imageSizes,
        boolean pixelsOnly,
        Map<String, List<String>> pixelPresets,
        Optional<PixelRules> pixelRules,
        long maxImageBytes,
        int maxPromptChars,
        boolean nativeHistory) {

    public ModelCapabilities {
        Objects.requireNonNull(id, "id");
        aspectRatios = List.copyOf(aspectRatios);
        imageSizes = List.copyOf(imageSizes);
        pixelPresets = Map.copyOf(pixelPresets);
        Objects.requireNonNull(pixelRules, "pixelRules");
        if (maxInputImages < 0 || maxImageBytes < 1 || maxPromptChars < 1 || aspectRatios.isEmpty()) {
            throw new IllegalArgumentException("invalid capabilities for " + id);
        }
    }

    public boolean acceptsRatio(String ratio) {
        return aspectRatios.contains(ratio);
    }

    /** A size in the spelling upstream APIs take: {@code 2k} becomes {@code 2K} (Google rejects lower case). */
    public static String canonicalSize(String typed) {
        return typed.trim().toUpperCase(Locale.ROOT);
    }

    public boolean acceptsSize(String size) {
        return imageSizes.contains(size);
    }

    /**
     * The preset pixels for {@code ratio} at {@code size}. A ratio listed with fewer presets than the
     * model has sizes (gpt-image-2-vip's 1:3 and 3:1 have two) uses its largest for the sizes beyond.
     */
    public Optional<String> pixelsFor(String ratio, String size) {
        int index = imageSizes.indexOf(size);
        List<String> presets = pixelPresets.getOrDefault(ratio, List.of());
        if (index < 0 || presets.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(presets.get(Math.min(index, presets.size() - 1)));
    }

    /** Why a request with this many images and this long an instruction cannot go to the model; empty when it can. */
    public Optional<Refusal> problem(int imageCount, int promptChars) {
        if (promptChars > maxPromptChars) {
            return Optional.of(new Refusal.PromptTooLong(id, promptChars, maxPromptChars));
        }
        if (imageCount > 0 && maxInputImages == 0) {
            return Optional.of(new Refusal.TakesNoImages(id));
        }
        if (imageCount > maxInputImages) {
            return Optional.of(new Refusal.TooManyImages(id, imageCount, maxInputImages));
        }
        return Optional.empty();
    }
}

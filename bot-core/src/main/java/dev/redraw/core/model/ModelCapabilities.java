package dev.redraw.core.model;

import dev.redraw.core.refusal.Refusal;
import java.util.Comparator;
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
 * @param fields the pixel sizes, qualities and mask it is documented with, and where its input images go
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
        boolean nativeHistory,
        RequestFields fields) {

    public ModelCapabilities {
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(id, "id");
        aspectRatios = List.copyOf(aspectRatios);
        imageSizes = List.copyOf(imageSizes);
        pixelPresets = Map.copyOf(pixelPresets);
        Objects.requireNonNull(pixelRules, "pixelRules");
        if (maxInputImages < 0 || maxImageBytes < 1 || maxPromptChars < 1 || aspectRatios.isEmpty()) {
            throw new IllegalArgumentException("invalid capabilities for " + id);
        }
    }

    /** Whether the model only makes images from text, so nothing that sends it an image can go. */
    public boolean textOnly() {
        return maxInputImages == 0;
    }

    /** These capabilities with only those of {@code ratios} kept, and sizes only when {@code keepSizes}. */
    public ModelCapabilities narrowedTo(List<String> ratios, boolean keepSizes) {
        List<String> kept = aspectRatios.stream().filter(ratios::contains).toList();
        return new ModelCapabilities(
                id,
                maxInputImages,
                kept.isEmpty() ? aspectRatios : kept,
                keepSizes ? imageSizes : List.of(),
                pixelsOnly,
                pixelPresets,
                pixelRules,
                maxImageBytes,
                maxPromptChars,
                nativeHistory,
                fields);
    }

    /**
     * The documented pixel size nearest {@code ratio} (compared on a log scale; between equally near
     * ones, the larger), {@code auto} for {@code auto} where it is documented; empty when the model
     * has no pixel sizes or {@code ratio} names no shape it has.
     */
    public Optional<String> pixelSizeFor(String ratio) {
        List<String> sizes = fields.pixelSizes();
        if (sizes.contains(ratio)) {
            return Optional.of(ratio);
        }
        Optional<Double> value = AspectRatios.value(ratio);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        double target = Math.log(value.get());
        return sizes.stream()
                .flatMap(size -> PixelSize.parse(size).stream())
                .min(Comparator.<PixelSize>comparingDouble(pixels -> Math.abs(Math.log(pixels.ratio()) - target))
                        .thenComparing(pixels -> -(long) pixels.width() * pixels.height()))
                .map(PixelSize::text);
    }

    public boolean acceptsQuality(String quality) {
        return fields.qualities().contains(quality);
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

    /**
     * Why a request with this many images and this long an instruction cannot go to the model; empty
     * when it can. Images for a {@link #textOnly} model are the caller's to refuse, naming models that edit.
     */
    public Optional<Refusal> problem(int imageCount, int promptChars) {
        if (promptChars > maxPromptChars) {
            return Optional.of(new Refusal.PromptTooLong(id, promptChars, maxPromptChars));
        }
        if (imageCount > maxInputImages) {
            return Optional.of(new Refusal.TooManyImages(id, imageCount, maxInputImages));
        }
        return Optional.empty();
    }
}

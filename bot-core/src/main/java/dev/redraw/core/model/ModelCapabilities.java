package dev.redraw.core.model;

import java.util.List;
import java.util.Objects;

/**
 * What one model accepts, checked before any paid call.
 *
 * @param id the model id as the provider knows it
 * @param maxInputImages the most images one request may carry, history included
 * @param aspectRatios the ratios the model accepts, like {@code 16:9}
 * @param maxImageBytes the largest input image, in bytes
 * @param maxPromptChars the longest instruction, in characters
 * @param nativeHistory whether the model takes a multi-turn history (otherwise it is flattened)
 */
public record ModelCapabilities(
        String id,
        int maxInputImages,
        List<String> aspectRatios,
        long maxImageBytes,
        int maxPromptChars,
        boolean nativeHistory) {

    public ModelCapabilities {
        Objects.requireNonNull(id, "id");
        aspectRatios = List.copyOf(aspectRatios);
        if (maxInputImages < 1 || maxImageBytes < 1 || maxPromptChars < 1 || aspectRatios.isEmpty()) {
            throw new IllegalArgumentException("invalid capabilities for " + id);
        }
    }

    public boolean acceptsRatio(String ratio) {
        return aspectRatios.contains(ratio);
    }
}

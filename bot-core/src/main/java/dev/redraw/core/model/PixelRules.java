package dev.redraw.core.model;

import dev.redraw.core.refusal.Refusal;
import java.util.Optional;

/**
 * Constraints on custom pixel sizes (gpt-image-2-vip: longest edge at most 3840, both edges
 * multiples of 16, long to short at most 3:1, total pixels between 655,360 and 8,294,400).
 */
public record PixelRules(int maxEdge, int multipleOf, double maxAspect, long minPixels, long maxPixels) {

    /** What is wrong with {@code width×height}; empty when it follows every rule. */
    public Optional<Refusal.PixelProblem> problem(int width, int height) {
        long pixels = (long) width * height;
        if (Math.max(width, height) > maxEdge) {
            return Optional.of(new Refusal.PixelProblem.EdgeTooLong(maxEdge));
        }
        if (width % multipleOf != 0 || height % multipleOf != 0) {
            return Optional.of(new Refusal.PixelProblem.NotMultipleOf(multipleOf));
        }
        if ((double) Math.max(width, height) / Math.min(width, height) > maxAspect) {
            return Optional.of(new Refusal.PixelProblem.TooStretched(maxAspect));
        }
        if (pixels < minPixels || pixels > maxPixels) {
            return Optional.of(new Refusal.PixelProblem.PixelCount(minPixels, maxPixels));
        }
        return Optional.empty();
    }
}

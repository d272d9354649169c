package dev.redraw.core.model;

import java.util.Optional;

/**
 * Constraints on custom pixel sizes (gpt-image-2-vip: longest edge at most 3840, both edges
 * multiples of 16, long to short at most 3:1, total pixels between 655,360 and 8,294,400).
 */
public record PixelRules(int maxEdge, int multipleOf, double maxAspect, long minPixels, long maxPixels) {

    /** What is wrong with {@code width×height}; empty when it follows every rule. */
    public Optional<String> problem(int width, int height) {
        long pixels = (long) width * height;
        if (Math.max(width, height) > maxEdge) {
            return Optional.of("the longest edge may be at most " + maxEdge + " px");
        }
        if (width % multipleOf != 0 || height % multipleOf != 0) {
            return Optional.of("both edges must be multiples of " + multipleOf);
        }
        if ((double) Math.max(width, height) / Math.min(width, height) > maxAspect) {
            return Optional.of("the long edge may be at most " + (int) maxAspect + " times the short edge");
        }
        if (pixels < minPixels || pixels > maxPixels) {
            return Optional.of("the image must have between " + minPixels + " and " + maxPixels + " pixels");
        }
        return Optional.empty();
    }
}

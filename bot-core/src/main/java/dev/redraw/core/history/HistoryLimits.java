package dev.redraw.core.history;

/**
 * How much history one request may carry.
 *
 * @param maxImages the model's maximum number of input images; 0 for a model that makes images from text only
 * @param byteBudget the most bytes the request's parts may take once images are base64-encoded
 */
public record HistoryLimits(int maxImages, long byteBudget) {

    public static final long DEFAULT_BYTE_BUDGET = 20L * 1024 * 1024;

    public HistoryLimits {
        if (maxImages < 0) {
            throw new IllegalArgumentException("maxImages must not be negative");
        }
        if (byteBudget < 1) {
            throw new IllegalArgumentException("byteBudget must be positive");
        }
    }
}

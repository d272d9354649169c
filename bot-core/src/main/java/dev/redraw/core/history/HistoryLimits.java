package dev.redraw.core.history;

/**
 * How much history one request may carry.
 *
 * @param maxImages the model's maximum number of input images; 0 for a model that makes images from text only
 * @param byteBudget the most bytes the request's parts may take once images are base64-encoded
 * @param maxImageBytes the model's limit per image: a larger image goes upstream re-encoded under it
 *     ({@link UpstreamImages}), so it takes no more of the budget than that
 */
public record HistoryLimits(int maxImages, long byteBudget, long maxImageBytes) {

    public static final long DEFAULT_BYTE_BUDGET = 20L * 1024 * 1024;

    public HistoryLimits {
        if (maxImages < 0) {
            throw new IllegalArgumentException("maxImages must not be negative");
        }
        if (byteBudget < 1) {
            throw new IllegalArgumentException("byteBudget must be positive");
        }
        if (maxImageBytes < 1) {
            throw new IllegalArgumentException("maxImageBytes must be positive");
        }
    }

    /** Limits for images that go upstream as they are stored. */
    public HistoryLimits(int maxImages, long byteBudget) {
        this(maxImages, byteBudget, Long.MAX_VALUE);
    }
}

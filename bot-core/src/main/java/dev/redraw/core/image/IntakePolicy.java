package dev.redraw.core.image;

/**
 * Limits applied to every incoming image.
 *
 * @param maxPixels largest width × height that will be decoded; guards against decompression bombs
 * @param maxBytes largest encoded size kept; bigger images are re-encoded or downscaled to fit
 */
public record IntakePolicy(long maxPixels, long maxBytes) {

    private static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    private static final long DEFAULT_MAX_BYTES = 7L * 1024 * 1024;

    public IntakePolicy {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive: " + maxPixels);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
    }

    /** 50 megapixels and 7 MB: large enough for phone photos, small enough for image model uploads. */
    public static IntakePolicy defaults() {
        return new IntakePolicy(DEFAULT_MAX_PIXELS, DEFAULT_MAX_BYTES);
    }
}

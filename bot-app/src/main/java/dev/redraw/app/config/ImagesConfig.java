package dev.redraw.app.config;

/**
 * Limits on images users send, which protect the bot from decompression bombs and oversized uploads.
 *
 * @param maxPixels the largest width × height accepted before decoding
 * @param maxInputBytes the largest encoded image accepted
 */
public record ImagesConfig(long maxPixels, long maxInputBytes) {

    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    public static final long DEFAULT_MAX_INPUT_BYTES = 7L * 1024 * 1024;

    public ImagesConfig {
        if (maxPixels <= 0) {
            throw ConfigException.at("max-pixels", "must be larger than zero");
        }
        if (maxInputBytes <= 0) {
            throw ConfigException.at("max-input-bytes", "must be larger than zero");
        }
    }

    public static ImagesConfig defaults() {
        return new ImagesConfig(DEFAULT_MAX_PIXELS, DEFAULT_MAX_INPUT_BYTES);
    }
}

package dev.redraw.app.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Objects;

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

    @JsonCreator
    static ImagesConfig read(
            @JsonProperty("max-pixels") Long maxPixels,
            @JsonProperty("max-input-bytes") @JsonDeserialize(using = ConfigBinding.DataSize.class)
                    Long maxInputBytes) {
        return new ImagesConfig(
                Objects.requireNonNullElse(maxPixels, DEFAULT_MAX_PIXELS),
                Objects.requireNonNullElse(maxInputBytes, DEFAULT_MAX_INPUT_BYTES));
    }
}

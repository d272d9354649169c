package dev.redraw.core.image;

import java.util.Objects;

/** Format and dimensions read from an image's header, before any pixel is decoded. */
public record ImageHeader(ImageFormat format, int width, int height) {

    public ImageHeader {
        Objects.requireNonNull(format, "format");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("dimensions must be positive: " + width + "x" + height);
        }
    }

    public long pixels() {
        return (long) width * height;
    }
}

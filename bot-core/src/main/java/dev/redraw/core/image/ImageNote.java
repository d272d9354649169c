package dev.redraw.core.image;

import java.util.Objects;

/** What intake changed about an accepted image, as data: the platforms tell the user in their language. */
public sealed interface ImageNote {

    /** An animated {@code format} image: only its first frame is used. */
    record FirstFrameOnly(ImageFormat format) implements ImageNote {
        public FirstFrameOnly {
            Objects.requireNonNull(format, "format");
        }
    }

    /**
     * The image was {@code size} bytes, over {@code maxBytes}, and was re-encoded to
     * {@code width} × {@code height} {@code format} of {@code newSize} bytes.
     *
     * @param convertedFirst the size is that of the image converted to PNG (a GIF or an animation)
     */
    record Shrunk(
            boolean convertedFirst, long size, long maxBytes, int width, int height, ImageFormat format, long newSize)
            implements ImageNote {
        public Shrunk {
            Objects.requireNonNull(format, "format");
        }
    }
}

package dev.redraw.core.request;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.conversation.Turn;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A result's images as they were generated, uncompressed, for its Original button. The turn comes
 * from an allowed press (see {@link ResultActions#press}); the bytes of each image are read only
 * when the platform sends it, one at a time.
 */
public final class Originals {

    private final ImageStore images;

    public Originals(ImageStore images) {
        this.images = Objects.requireNonNull(images, "images");
    }

    /** One original image of a result. */
    public final class Original {
        private final ImageRef image;

        private Original(ImageRef image) {
            this.image = image;
        }

        /** The stored image: its type, dimensions and size in bytes. */
        public ImageRef image() {
            return image;
        }

        /** A file name for it, with the extension of its type. */
        public String fileName() {
            return "redraw-original" + extension(image.mimeType());
        }

        /** The bytes, read now; empty when the image is no longer stored. */
        public Optional<byte[]> bytes() {
            return images.bytes(image.sha256());
        }

        @Override
        public String toString() {
            return "Original[" + image.sha256() + "]";
        }
    }

    /** The originals of the images {@code answer} shows, in order. */
    public List<Original> of(Turn answer) {
        return answer.images().stream().map(Original::new).toList();
    }

    static String extension(String mimeType) {
        return switch (mimeType) {
            case "image/jpeg" -> ".jpg";
            case "image/webp" -> ".webp";
            case "image/gif" -> ".gif";
            default -> ".png";
        };
    }
}

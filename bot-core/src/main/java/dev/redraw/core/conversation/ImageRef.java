package dev.redraw.core.conversation;

import dev.redraw.core.net.Sha256;
import java.util.Objects;

/** A stored image, addressed by the sha256 of its bytes. */
public record ImageRef(String sha256, String mimeType, int width, int height, long byteSize) {
    public ImageRef {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(mimeType, "mimeType");
        if (sha256.length() != 64) {
            throw new IllegalArgumentException("sha256 must be 64 hex characters");
        }
        if (width <= 0 || height <= 0 || byteSize <= 0) {
            throw new IllegalArgumentException("image dimensions and size must be positive");
        }
    }

    /** The lowercase hex SHA-256 of {@code bytes}: the address of an image. */
    public static String sha256Of(byte[] bytes) {
        return Sha256.of(bytes);
    }
}

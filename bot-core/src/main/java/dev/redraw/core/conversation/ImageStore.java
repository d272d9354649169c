package dev.redraw.core.conversation;

import java.util.Optional;

/** Images stored once by content hash. */
public interface ImageStore {

    /** Stores the bytes unless an image with the same hash is already there; returns its reference. */
    default ImageRef put(byte[] bytes, String mimeType, int width, int height) {
        return put(bytes, ImageRef.sha256Of(bytes), mimeType, width, height);
    }

    /**
     * As {@link #put(byte[], String, int, int)}, for bytes whose hash is already known, so that
     * megabytes are not hashed twice.
     *
     * @param sha256 the lowercase hex SHA-256 of {@code bytes}
     */
    ImageRef put(byte[] bytes, String sha256, String mimeType, int width, int height);

    Optional<byte[]> bytes(String sha256);

    Optional<ImageRef> find(String sha256);
}

package dev.redraw.core.conversation;

import java.util.Optional;

/** Images stored once by content hash. */
public interface ImageStore {

    /** Stores the bytes unless an image with the same hash is already there; returns its reference. */
    ImageRef put(byte[] bytes, String mimeType, int width, int height);

    Optional<byte[]> bytes(String sha256);

    Optional<ImageRef> find(String sha256);
}

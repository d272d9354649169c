package dev.redraw.core.link;

import java.time.Instant;
import java.util.Objects;

/** An image fetched through a link: its type, its bytes and when the link stops working. */
public record LinkedImage(String mimeType, byte[] bytes, Instant expiresAt) {
    public LinkedImage {
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}

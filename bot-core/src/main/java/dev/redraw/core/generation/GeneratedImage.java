package dev.redraw.core.generation;

import dev.redraw.core.conversation.ProviderData;
import java.util.Objects;
import java.util.Optional;

/**
 * An image as the provider returned it, with the opaque data it attached to that part.
 *
 * @param sha256 the lowercase hex SHA-256 of {@code bytes}, when it was worked out as they were
 *     decoded (see {@code HashedBase64}); empty when it is still to be worked out
 */
public record GeneratedImage(byte[] bytes, Optional<ProviderData> providerData, Optional<String> sha256) {

    public GeneratedImage {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(providerData, "providerData");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** An image whose hash is still to be worked out. */
    public GeneratedImage(byte[] bytes, Optional<ProviderData> providerData) {
        this(bytes, providerData, Optional.empty());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GeneratedImage that
                && java.util.Arrays.equals(bytes, that.bytes)
                && providerData.equals(that.providerData);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(bytes) + providerData.hashCode();
    }

    @Override
    public String toString() {
        return "GeneratedImage[" + bytes.length + " bytes, providerData=" + providerData.isPresent() + "]";
    }
}

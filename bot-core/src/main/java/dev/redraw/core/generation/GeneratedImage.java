package dev.redraw.core.generation;

import dev.redraw.core.conversation.ProviderData;
import dev.redraw.core.net.Bodies;
import java.util.Objects;
import java.util.Optional;

/**
 * An image as the provider returned it, with the opaque data it attached to that part.
 *
 * @param hashed {@code bytes} with their hash, when it was worked out as they were decoded (see
 *     {@code HashedBase64}); empty when it is still to be worked out. Only the {@code net} package
 *     makes one, from the bytes themselves, so the hash an image is stored under is its own.
 */
public record GeneratedImage(byte[] bytes, Optional<ProviderData> providerData, Optional<Bodies.Hashed> hashed) {

    public GeneratedImage {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(providerData, "providerData");
        Objects.requireNonNull(hashed, "hashed");
        if (hashed.isPresent() && hashed.get().bytes() != bytes) {
            throw new IllegalArgumentException("the hash given is of other bytes");
        }
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

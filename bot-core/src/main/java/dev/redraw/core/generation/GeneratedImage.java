package dev.redraw.core.generation;

import dev.redraw.core.conversation.ProviderData;
import java.util.Objects;
import java.util.Optional;

/** An image as the provider returned it, with the opaque data it attached to that part. */
public record GeneratedImage(byte[] bytes, Optional<ProviderData> providerData) {

    public GeneratedImage {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(providerData, "providerData");
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

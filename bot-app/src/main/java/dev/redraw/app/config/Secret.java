package dev.redraw.app.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential read from the environment.
 *
 * <p>It is a class rather than a record so that {@link #toString()} cannot reveal the value: records
 * holding a {@code Secret} can be printed and logged freely.
 */
public final class Secret {

    private final String value;

    public Secret(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a secret cannot be empty");
        }
        this.value = value;
    }

    /** The credential itself; pass it only to the client that sends it. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        // Constant-time comparison keeps timing from hinting at how much of a credential matched.
        return other instanceof Secret that
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "****";
    }
}

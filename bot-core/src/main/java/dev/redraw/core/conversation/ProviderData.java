package dev.redraw.core.conversation;

import java.util.Objects;

/**
 * Opaque data a provider attached to one part of its answer (for example Gemini's {@code
 * thoughtSignature}). It is stored as given and sent back unchanged when that part is replayed to
 * the same dialect.
 *
 * @param dialect the dialect that produced it, so it is only replayed where it means something
 * @param json a JSON object whose fields are merged into the replayed part
 */
public record ProviderData(String dialect, String json) {
    public ProviderData {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(json, "json");
    }
}

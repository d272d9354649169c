package dev.redraw.core.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One node of a conversation tree. A user turn carries the request's model, aspect ratio and
 * output size, and the quality and mask it asked for; a model turn records which model answered.
 */
public record Turn(
        long id,
        OptionalLong parentId,
        long rootId,
        Role role,
        List<Part> parts,
        Origin origin,
        Optional<String> model,
        Optional<String> aspectRatio,
        Optional<String> imageSize,
        Instant createdAt,
        Optional<String> quality,
        Optional<String> maskSha256) {

    public Turn {
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(maskSha256, "maskSha256");
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(role, "role");
        parts = List.copyOf(parts);
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(aspectRatio, "aspectRatio");
        Objects.requireNonNull(imageSize, "imageSize");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public List<ImageRef> images() {
        return parts.stream()
                .<ImageRef>mapMulti((p, out) -> {
                    if (p instanceof Part.Image image) {
                        out.accept(image.image());
                    }
                })
                .toList();
    }

    /** The turn's text parts joined with blank lines; empty when it has none. */
    public String text() {
        return String.join(
                "\n\n",
                parts.stream()
                        .<String>mapMulti((p, out) -> {
                            if (p instanceof Part.Text t && !t.text().isBlank()) {
                                out.accept(t.text());
                            }
                        })
                        .toList());
    }
}

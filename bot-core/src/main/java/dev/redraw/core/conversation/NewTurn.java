package dev.redraw.core.conversation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A turn about to be stored; the store assigns its id, root and time.
 *
 * @param quality the quality a request asked for
 * @param maskSha256 the stored mask image a request sent with its first image
 */
public record NewTurn(
        OptionalLong parentId,
        Role role,
        List<Part> parts,
        Origin origin,
        Optional<String> model,
        Optional<String> aspectRatio,
        Optional<String> imageSize,
        Optional<String> quality,
        Optional<String> maskSha256) {

    public NewTurn {
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(maskSha256, "maskSha256");
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(role, "role");
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a turn needs at least one part");
        }
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(aspectRatio, "aspectRatio");
        Objects.requireNonNull(imageSize, "imageSize");
    }

    /** A turn without a quality or mask. */
    public NewTurn(
            OptionalLong parentId,
            Role role,
            List<Part> parts,
            Origin origin,
            Optional<String> model,
            Optional<String> aspectRatio,
            Optional<String> imageSize) {
        this(parentId, role, parts, origin, model, aspectRatio, imageSize, Optional.empty(), Optional.empty());
    }

    /** A turn without an output size choice. */
    public NewTurn(
            OptionalLong parentId,
            Role role,
            List<Part> parts,
            Origin origin,
            Optional<String> model,
            Optional<String> aspectRatio) {
        this(parentId, role, parts, origin, model, aspectRatio, Optional.empty());
    }
}

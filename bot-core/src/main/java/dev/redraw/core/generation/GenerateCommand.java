package dev.redraw.core.generation;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.Origin;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A user's request: an instruction, the images sent with it (already through intake and stored),
 * and the turn it continues, if any.
 *
 * @param parentTurnId the turn being continued; empty starts a new conversation
 * @param model the model asked for; empty uses the default
 * @param aspectRatio the ratio or pixel size asked for; empty keeps the branch's ratio
 * @param imageSize the output size asked for ({@code 1K 2K 4K}); empty keeps the branch's size
 * @param quality the quality asked for ({@code high}); empty leaves it to the model
 * @param mask a PNG the size of the first image whose transparent pixels mark what to change in it
 * @param variations how many images to make, from 1 to {@link #MAX_VARIATIONS}, each its
 *     own answer (a sibling model turn under the request)
 */
public record GenerateCommand(
        Origin origin,
        OptionalLong parentTurnId,
        String instruction,
        List<ImageRef> images,
        Optional<String> model,
        Optional<String> aspectRatio,
        Optional<String> imageSize,
        Optional<String> quality,
        Optional<ImageRef> mask,
        int variations) {

    /** The most images one request may make. */
    public static final int MAX_VARIATIONS = 4;

    public GenerateCommand {
        if (variations < 1 || variations > MAX_VARIATIONS) {
            throw new IllegalArgumentException("variations out of range: " + variations);
        }
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(parentTurnId, "parentTurnId");
        Objects.requireNonNull(instruction, "instruction");
        images = List.copyOf(images);
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(aspectRatio, "aspectRatio");
        Objects.requireNonNull(imageSize, "imageSize");
    }

    /** A command for one image that leaves the quality to the model and has no mask. */
    public GenerateCommand(
            Origin origin,
            OptionalLong parentTurnId,
            String instruction,
            List<ImageRef> images,
            Optional<String> model,
            Optional<String> aspectRatio,
            Optional<String> imageSize) {
        this(
                origin,
                parentTurnId,
                instruction,
                images,
                model,
                aspectRatio,
                imageSize,
                Optional.empty(),
                Optional.empty(),
                1);
    }

    /** A command that leaves the output size to the branch or the model. */
    public GenerateCommand(
            Origin origin,
            OptionalLong parentTurnId,
            String instruction,
            List<ImageRef> images,
            Optional<String> model,
            Optional<String> aspectRatio) {
        this(origin, parentTurnId, instruction, images, model, aspectRatio, Optional.empty());
    }
}

package dev.redraw.core.generation;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.history.History;
import dev.redraw.core.model.ModelCapabilities;
import java.util.Objects;
import java.util.Optional;

/**
 * One call to an image model: what the model accepts, the shape for this turn, the history ending
 * with the new instruction, and where to read the images from.
 *
 * @param aspectRatio the ratio to send ({@code 16:9}), or pixels ({@code 2048x1152}) for models that want pixels
 * @param imageSize the output size ({@code 1K 2K 4K}) when the model has a size choice and one was asked for
 * @param quality the quality asked for ({@code high}), one the model is documented with
 * @param mask a PNG whose transparent pixels mark what to change in the first input image
 */
public record GenerationRequest(
        ModelCapabilities capabilities,
        String aspectRatio,
        Optional<String> imageSize,
        History history,
        ImageSource images,
        Optional<String> quality,
        Optional<ImageRef> mask) {

    public GenerationRequest {
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(aspectRatio, "aspectRatio");
        Objects.requireNonNull(imageSize, "imageSize");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(mask, "mask");
    }

    /** A request with no quality and no mask. */
    public GenerationRequest(
            ModelCapabilities capabilities,
            String aspectRatio,
            Optional<String> imageSize,
            History history,
            ImageSource images) {
        this(capabilities, aspectRatio, imageSize, history, images, Optional.empty(), Optional.empty());
    }

    /** The model id to send. */
    public String model() {
        return capabilities.id();
    }
}

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
 * @param variations how many images to make: a dialect with a count field for the model ({@code n})
 *     asks for them in one call; otherwise the request is made as that many calls of one image (see
 *     {@link #single()})
 */
public record GenerationRequest(
        ModelCapabilities capabilities,
        String aspectRatio,
        Optional<String> imageSize,
        History history,
        ImageSource images,
        Optional<String> quality,
        Optional<ImageRef> mask,
        int variations) {

    public GenerationRequest {
        if (variations < 1) {
            throw new IllegalArgumentException("variations must be at least 1: " + variations);
        }
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(aspectRatio, "aspectRatio");
        Objects.requireNonNull(imageSize, "imageSize");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(mask, "mask");
    }

    /** A request for one image, with no quality and no mask. */
    public GenerationRequest(
            ModelCapabilities capabilities,
            String aspectRatio,
            Optional<String> imageSize,
            History history,
            ImageSource images) {
        this(capabilities, aspectRatio, imageSize, history, images, Optional.empty(), Optional.empty(), 1);
    }

    /** The same request for one image: one of the calls made side by side for several. */
    public GenerationRequest single() {
        return new GenerationRequest(capabilities, aspectRatio, imageSize, history, images, quality, mask, 1);
    }

    /** The model id to send. */
    public String model() {
        return capabilities.id();
    }
}

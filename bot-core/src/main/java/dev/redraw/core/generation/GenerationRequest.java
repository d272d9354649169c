package dev.redraw.core.generation;

import dev.redraw.core.history.History;
import java.util.Objects;

/**
 * One call to an image model: the model, the aspect ratio for this turn, the history ending with
 * the new instruction, and where to read the images from.
 */
public record GenerationRequest(String model, String aspectRatio, History history, ImageSource images) {
    public GenerationRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(aspectRatio, "aspectRatio");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(images, "images");
    }
}

package dev.redraw.core.model;

import dev.redraw.core.refusal.Refusal;
import java.util.Objects;
import java.util.Optional;

/** The ratio and size a request will be sent with, or why it cannot be sent. */
public sealed interface Shape {

    /**
     * @param aspectRatio the ratio to send ({@code 16:9}), or pixels ({@code 2048x1152}) for a model that takes only pixels
     * @param imageSize the size to send ({@code 2K}), when the model has a size choice and one applies
     */
    record Accepted(String aspectRatio, Optional<String> imageSize) implements Shape {
        public Accepted {
            Objects.requireNonNull(aspectRatio, "aspectRatio");
            Objects.requireNonNull(imageSize, "imageSize");
        }
    }

    /** @param refusal why, naming what the model accepts */
    record Refused(Refusal refusal) implements Shape {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }
}

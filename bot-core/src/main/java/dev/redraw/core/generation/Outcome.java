package dev.redraw.core.generation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Every answer of every dialect ends up as one of these. */
public sealed interface Outcome {

    /** The model made one or more images, maybe with some text. */
    record Images(List<GeneratedImage> images, Optional<String> text) implements Outcome {
        public Images {
            images = List.copyOf(images);
            if (images.isEmpty()) {
                throw new IllegalArgumentException("Images needs at least one image");
            }
            Objects.requireNonNull(text, "text");
        }
    }

    /** The model answered in words only: it declined, or asked a question. */
    record TextOnly(String text) implements Outcome {}

    /** Refused by the content policy. */
    record Refused(String reason) implements Outcome {}

    /** The request itself is wrong; {@code whatToChange} tells the user how to fix it. */
    record Rejected(String whatToChange) implements Outcome {}

    /** The operator's credentials were refused. */
    record Unauthorized(String detail) implements Outcome {}

    /** Too many requests for now; worth trying again later. */
    record RateLimited(Optional<Duration> retryAfter, String detail) implements Outcome {}

    /** The provider's quota or balance is used up; retrying will not help. */
    record QuotaExhausted(String detail) implements Outcome {}

    /** The upstream failed; {@code transientFailure} says whether trying again may work. */
    record Failed(boolean transientFailure, String detail) implements Outcome {}
}

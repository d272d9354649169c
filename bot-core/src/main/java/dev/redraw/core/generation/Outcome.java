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

    /** Refused by the content policy; {@code reason} is the provider's. */
    record Refused(String reason) implements Outcome {}

    /**
     * The request itself is wrong: {@code change} says what the user has to change, {@code detail}
     * is the upstream's own words.
     */
    record Rejected(Change change, String detail) implements Outcome {
        public Rejected {
            Objects.requireNonNull(change, "change");
        }

        /** What a rejected request has to change. */
        public enum Change {
            /** The request is too large: smaller or fewer images. */
            SMALLER,
            /** The size or aspect ratio: another ratio. */
            SIZE_OR_RATIO,
            /** The model: another model. */
            MODEL,
            /** The prompt or the images. */
            PROMPT_OR_IMAGES
        }
    }

    /** The operator's credentials were refused. */
    record Unauthorized(String detail) implements Outcome {}

    /** Too many requests for now; worth trying again later. */
    record RateLimited(Optional<Duration> retryAfter, String detail) implements Outcome {}

    /** The provider's quota or balance is used up; retrying will not help. */
    record QuotaExhausted(String detail) implements Outcome {}

    /** The upstream failed; {@code transientFailure} says whether trying again may work. */
    record Failed(boolean transientFailure, String detail) implements Outcome {}

    /** The job's model is no longer configured, so nothing could be tried. */
    record ModelGone(String model) implements Outcome {}
}

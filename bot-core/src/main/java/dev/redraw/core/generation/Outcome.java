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

    /**
     * Refused by the content policy: {@code cause} says why where the bot can tell (a model's
     * finish reason), {@code reason} is the provider's own words.
     */
    record Refused(Optional<Cause> cause, String reason) implements Outcome {
        public Refused {
            Objects.requireNonNull(cause, "cause");
        }

        public Refused(String reason) {
            this(Optional.empty(), reason);
        }

        public Refused(Cause cause, String reason) {
            this(Optional.of(cause), reason);
        }
    }

    /**
     * The request itself is wrong: {@code change} says what the user has to change, {@code cause}
     * what the bot knows of why (an HTTP status without words), {@code detail} is the upstream's
     * own words.
     */
    record Rejected(Change change, Optional<Cause> cause, String detail) implements Outcome {
        public Rejected {
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(cause, "cause");
        }

        public Rejected(Change change, String detail) {
            this(change, Optional.empty(), detail);
        }

        public Rejected(Change change, Cause cause, String detail) {
            this(change, Optional.of(cause), detail);
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

    /**
     * The upstream failed, or the bot could not get its answer: {@code transientFailure} says
     * whether trying again may work, {@code cause} what the bot knows of why, {@code detail} is the
     * upstream's own words.
     */
    record Failed(boolean transientFailure, Optional<Cause> cause, String detail) implements Outcome {
        public Failed {
            Objects.requireNonNull(cause, "cause");
        }

        /** A failure the upstream explained in its own words. */
        public Failed(boolean transientFailure, String detail) {
            this(transientFailure, Optional.empty(), detail);
        }

        /** A failure the bot can say the cause of. */
        public Failed(boolean transientFailure, Cause cause) {
            this(transientFailure, Optional.of(cause), null);
        }

        public Failed(boolean transientFailure, Cause cause, String detail) {
            this(transientFailure, Optional.of(cause), detail);
        }
    }

    /** The job's model is no longer configured, so nothing could be tried. */
    record ModelGone(String model) implements Outcome {}
}

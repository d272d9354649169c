package dev.redraw.core.image;

import java.util.Objects;
import java.util.Optional;

/** Outcome of {@link ImageIntake#accept(byte[])}. */
public sealed interface IntakeResult {

    /**
     * The image can be stored and sent on.
     *
     * @param notice set when the image was changed (first frame taken, re-encoded, downscaled); tells
     *     the user what happened
     */
    record Accepted(NormalizedImage image, Optional<String> notice) implements IntakeResult {
        public Accepted {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(notice, "notice");
        }
    }

    /**
     * The image was refused.
     *
     * @param message user-facing explanation
     */
    record Rejected(Reason reason, String message) implements IntakeResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            if (message.isBlank()) {
                throw new IllegalArgumentException("message must not be blank");
            }
        }
    }

    enum Reason {
        NOT_AN_IMAGE,
        UNSUPPORTED_FORMAT,
        CORRUPT,
        TOO_MANY_PIXELS,
        TOO_LARGE
    }
}

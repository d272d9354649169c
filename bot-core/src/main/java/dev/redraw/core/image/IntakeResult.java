package dev.redraw.core.image;

import java.util.List;
import java.util.Objects;

/** Outcome of {@link ImageIntake#accept(byte[])}. */
public sealed interface IntakeResult {

    /**
     * The image can be stored and sent on.
     *
     * @param notes what was changed (first frame taken, re-encoded, downscaled), in order; empty when
     *     the image is used as it came
     */
    record Accepted(NormalizedImage image, List<ImageNote> notes) implements IntakeResult {
        public Accepted {
            Objects.requireNonNull(image, "image");
            notes = List.copyOf(notes);
        }
    }

    /** The image was refused; {@code problem} says why, as data. */
    record Rejected(ImageProblem problem) implements IntakeResult {
        public Rejected {
            Objects.requireNonNull(problem, "problem");
        }

        public Reason reason() {
            return problem.reason();
        }
    }

    /** The coarse kind of a {@link ImageProblem}. */
    enum Reason {
        NOT_AN_IMAGE,
        UNSUPPORTED_FORMAT,
        CORRUPT,
        TOO_MANY_PIXELS,
        TOO_LARGE,
        /** The image could not be fetched. */
        UNAVAILABLE
    }
}

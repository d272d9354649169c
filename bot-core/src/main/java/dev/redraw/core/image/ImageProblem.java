package dev.redraw.core.image;

import java.util.Objects;

/**
 * Why an image a user sent cannot be used, as data: the platforms render it in the user's
 * language. Each case carries the facts the user needs (the format, the size and the limit).
 */
public sealed interface ImageProblem {

    /** The coarse kind of the problem. */
    IntakeResult.Reason reason();

    /** The bytes are not in any image format the bot knows. */
    record NotAnImage() implements ImageProblem {
        @Override
        public IntakeResult.Reason reason() {
            return IntakeResult.Reason.NOT_AN_IMAGE;
        }
    }

    /** The image is damaged or incomplete. */
    record Corrupt() implements ImageProblem {
        @Override
        public IntakeResult.Reason reason() {
            return IntakeResult.Reason.CORRUPT;
        }
    }

    /** A lossless or arithmetic-coded JPEG, which cannot be read. */
    record UnsupportedJpeg() implements ImageProblem {
        @Override
        public IntakeResult.Reason reason() {
            return IntakeResult.Reason.UNSUPPORTED_FORMAT;
        }
    }

    /** Images of {@code format} cannot be decoded here. */
    record NoReader(ImageFormat format) implements ImageProblem {
        public NoReader {
            Objects.requireNonNull(format, "format");
        }

        @Override
        public IntakeResult.Reason reason() {
            return IntakeResult.Reason.UNSUPPORTED_FORMAT;
        }
    }

    /** The image is {@code width} × {@code height}; at most {@code maxPixels} pixels are decoded. */
    record TooManyPixels(int width, int height, long maxPixels) implements ImageProblem {
        @Override
        public IntakeResult.Reason reason() {
            return IntakeResult.Reason.TOO_MANY_PIXELS;
        }
    }

    /** The image is {@code size} bytes, over {@code maxBytes}, and could not be made to fit. */
    record TooLarge(long size, long maxBytes) implements ImageProblem {
        @Override
        public IntakeResult.Reason reason() {
            return IntakeResult.Reason.TOO_LARGE;
        }
    }

    /** The file is {@code size} bytes; the platform lets the bot download at most {@code maxBytes}. */
    record TooLargeToDownload(long size, long maxBytes) implements ImageProblem {
        @Override
        public IntakeResult.Reason reason() {
            return IntakeResult.Reason.TOO_LARGE;
        }
    }

    /** The file could not be downloaded from the platform. */
    record DownloadFailed() implements ImageProblem {
        @Override
        public IntakeResult.Reason reason() {
            return IntakeResult.Reason.UNAVAILABLE;
        }
    }
}

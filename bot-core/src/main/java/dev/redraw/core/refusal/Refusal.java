package dev.redraw.core.refusal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Why a request was refused before anything was stored, as data: the platform adapters render it
 * in the user's language. Each case carries what the user needs to know to do better (the limit,
 * when it frees up, what the model takes).
 */
public sealed interface Refusal {

    /** The access rules keep this user, chat or server out. */
    record NotAllowed(Reason reason) implements Refusal {
        public NotAllowed {
            Objects.requireNonNull(reason, "reason");
        }

        /** Which rule keeps them out. */
        public enum Reason {
            /** A deny list names the user, the chat or the server. */
            DENIED,
            /** Only listed users may use the bot, and this one is not listed. */
            USER_NOT_LISTED,
            /** Only listed chats may use the bot. */
            CHAT_NOT_ENABLED,
            /** Only listed servers may use the bot. */
            SERVER_NOT_ENABLED,
            /** An administrator banned the user. */
            BANNED
        }
    }

    /** This user's limit here is zero: making images is switched off for them. */
    record SwitchedOff() implements Refusal {}

    /**
     * The user's quota is used up: {@code used} images in the rolling {@code window} and
     * {@code inProgress} requests still running, against {@code limit}; enough frees up for a new
     * one at {@code nextFree}. {@code now} is when this was decided.
     */
    record QuotaUsed(int used, int inProgress, int limit, Duration window, Instant nextFree, Instant now)
            implements Refusal {

        /** Whether the next image that leaves the window is enough (nothing beyond the limit is counted). */
        public boolean nextOneFrees() {
            return used + inProgress == limit;
        }
    }

    /** Requests still in progress would take the user past {@code limit} images per {@code window}. */
    record QuotaPending(int used, int inProgress, int limit, Duration window) implements Refusal {}

    /**
     * A request for {@code requested} images does not fit: the user's quota of {@code limit} images
     * per {@code window} has room for {@code left} (at least one, fewer than asked) now, the images of
     * their requests in progress counted.
     */
    record QuotaTooFewLeft(int requested, int left, int limit, Duration window) implements Refusal {}

    /**
     * The message replied to shows {@code count} images made by one request: which one to continue
     * from is not clear, so its own edit button must be pressed.
     */
    record ChooseVariation(int count) implements Refusal {}

    /** Everyone together made the {@code cap} images of the day; it resets at {@code resetsAt}. */
    record GlobalQuotaUsed(int cap, Instant resetsAt, Instant now) implements Refusal {}

    /** An administrator paused generation at {@code since}: no new requests until it is resumed. */
    record Paused(Instant since) implements Refusal {}

    /** The bot is shutting down and takes no new requests. */
    record Restarting() implements Refusal {}

    /** The image the request continues is no longer in the bot's history. */
    record ImageGone() implements Refusal {}

    /** The conversation replied to is older than storage.retention: its images were deleted at {@code at}. */
    record ImageExpired(java.time.Instant at) implements Refusal {}

    /** {@code /forget} while the user has requests in progress. */
    record BusyForgetting() implements Refusal {}

    /** The request names a model the bot does not serve. */
    record UnknownModel(String model, List<String> available) implements Refusal {
        public UnknownModel {
            available = List.copyOf(available);
        }
    }

    /** The instruction is empty. */
    record EmptyInstruction() implements Refusal {}

    /** The instruction is {@code chars} characters long; {@code model} takes at most {@code max}. */
    record PromptTooLong(String model, int chars, int max) implements Refusal {}

    /**
     * An edit, or a continuation of a branch with images, asked of {@code model}, which only makes
     * images from text; {@code editors} are the served models that can edit (possibly none).
     */
    record TakesNoImages(String model, List<String> editors) implements Refusal {
        public TakesNoImages {
            editors = List.copyOf(editors);
        }
    }

    /** {@code sent} images; {@code model} takes at most {@code max}. */
    record TooManyImages(String model, int sent, int max) implements Refusal {}

    /** An image of {@code bytes}; {@code model} takes at most {@code max} bytes per image. */
    record ImageTooLarge(String model, long bytes, long max) implements Refusal {}

    /** {@code typed} is not a ratio {@code model} takes; {@code accepted} are. */
    record UnsupportedRatio(String model, String typed, List<String> accepted) implements Refusal {
        public UnsupportedRatio {
            accepted = List.copyOf(accepted);
        }
    }

    /** {@code model} has no size choice, yet a size was asked for. */
    record NoSizeChoice(String model) implements Refusal {}

    /** {@code size} is not one {@code model} takes; {@code accepted} are. */
    record UnsupportedSize(String model, String size, List<String> accepted) implements Refusal {
        public UnsupportedSize {
            accepted = List.copyOf(accepted);
        }
    }

    /** {@code quality} is not one {@code model} takes; {@code accepted} are (none: it has no quality choice). */
    record UnsupportedQuality(String model, String quality, List<String> accepted) implements Refusal {
        public UnsupportedQuality {
            accepted = List.copyOf(accepted);
        }
    }

    /** A mask was sent to {@code model}, which takes none. */
    record TakesNoMask(String model) implements Refusal {}

    /** A mask {@code model} could take, but not this one. */
    record UnsuitableMask(String model, MaskProblem problem) implements Refusal {
        public UnsuitableMask {
            Objects.requireNonNull(problem, "problem");
        }
    }

    /** What is wrong with a mask. */
    enum MaskProblem {
        /** The request has no image of its own for the mask to mark. */
        NO_IMAGE,
        /** The mask is not a PNG, so it has no transparency to mark with. */
        NOT_PNG,
        /** The mask is not the size of the first image. */
        OTHER_SIZE,
        /** The mask is 4 MB or more. */
        TOO_LARGE
    }

    /** A pixel size such as {@code 1000x700} that {@code model} cannot make, and why. */
    record UnsuitablePixels(String model, String pixels, PixelProblem problem) implements Refusal {
        public UnsuitablePixels {
            Objects.requireNonNull(problem, "problem");
        }
    }

    /** What is wrong with a pixel size for a model that takes pixel sizes. */
    sealed interface PixelProblem {
        /** The longest edge may be at most {@code maxEdge} px. */
        record EdgeTooLong(int maxEdge) implements PixelProblem {}

        /** Both edges must be multiples of {@code multipleOf}. */
        record NotMultipleOf(int multipleOf) implements PixelProblem {}

        /** The long edge may be at most {@code maxAspect} times the short edge. */
        record TooStretched(double maxAspect) implements PixelProblem {}

        /** The image must have between {@code minPixels} and {@code maxPixels} pixels. */
        record PixelCount(long minPixels, long maxPixels) implements PixelProblem {}
    }

    /**
     * {@code model} fetches its input images from links to the bot, and the operator has not set
     * {@code server.public-url}, the address those links would carry.
     */
    record NeedsPublicUrl(String model) implements Refusal {}

    /** {@code model} edits images only: the request must carry one, or continue a branch that has one. */
    record NeedsInputImage(String model) implements Refusal {}
}

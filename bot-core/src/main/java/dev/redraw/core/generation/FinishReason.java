package dev.redraw.core.generation;

import java.util.Arrays;
import java.util.Optional;

/**
 * The reasons a model gives for stopping without an image (Gemini's {@code finishReason} codes)
 * that the bot can explain. Any other code is shown as it came.
 */
public enum FinishReason {
    IMAGE_SAFETY(true),
    IMAGE_PROHIBITED_CONTENT(true),
    IMAGE_RECITATION(true),
    SAFETY(true),
    PROHIBITED_CONTENT(true),
    BLOCKLIST(true),
    SPII(true),
    RECITATION(true),
    MAX_TOKENS(false),
    NO_IMAGE(false),
    IMAGE_OTHER(false);

    private final boolean policy;

    FinishReason(boolean policy) {
        this.policy = policy;
    }

    /** Whether the content policy stopped the image: the request was refused. */
    public boolean policy() {
        return policy;
    }

    /** The reason a code stands for, when it is one the bot knows. */
    public static Optional<FinishReason> of(String code) {
        return Arrays.stream(values())
                .filter(reason -> reason.name().equals(code))
                .findFirst();
    }
}

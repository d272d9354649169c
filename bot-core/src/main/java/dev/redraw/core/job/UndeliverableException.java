package dev.redraw.core.job;

/**
 * Thrown by a platform adapter when the platform refuses a result for good (the bot was removed
 * from the chat, the chat no longer exists): the result is not tried again.
 */
public final class UndeliverableException extends Exception {

    public UndeliverableException(String reason) {
        super(reason);
    }
}

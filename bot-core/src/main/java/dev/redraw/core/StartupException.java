package dev.redraw.core;

/**
 * A start-up check that failed in a way the operator can fix; the message is one line naming the
 * setting to check, and never holds a secret.
 */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }
}

package dev.redraw.discord;

/**
 * Discord could not be used at start, in a way waiting may mend: no answer, or a server error.
 *
 * @see #status()
 */
public final class DiscordUnavailableException extends RuntimeException {

    private final int status;

    DiscordUnavailableException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status Discord answered with; 0 when it did not answer. */
    public int status() {
        return status;
    }
}

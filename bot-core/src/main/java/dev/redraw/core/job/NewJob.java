package dev.redraw.core.job;

import java.util.Optional;

/**
 * What is known of a job when it is accepted.
 *
 * @param variations how many images the job makes, each its own answer to the request; all of them
 *     count against the user's quota while the job waits and runs
 * @param linksRequest the request message is a message in the chat (not an interaction, not a
 *     button's): it is linked to the request's turn together with the job, so a reply to it
 *     continues there
 */
public record NewJob(
        Optional<String> requestMessageId, String provider, String model, int variations, boolean linksRequest) {

    public NewJob {
        if (variations < 1) {
            throw new IllegalArgumentException("a job makes at least one image: " + variations);
        }
        if (linksRequest && requestMessageId.isEmpty()) {
            throw new IllegalArgumentException("only a request message can be linked");
        }
    }

    /** A job whose request message, if any, is not linked to its turn. */
    public NewJob(Optional<String> requestMessageId, String provider, String model, int variations) {
        this(requestMessageId, provider, model, variations, false);
    }

    /** A job that makes one image. */
    public NewJob(Optional<String> requestMessageId, String provider, String model) {
        this(requestMessageId, provider, model, 1);
    }
}

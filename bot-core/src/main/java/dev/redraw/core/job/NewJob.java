package dev.redraw.core.job;

import java.util.Optional;

/**
 * What is known of a job when it is accepted.
 *
 * @param variations how many images the job makes, each its own answer to the request; all of them
 *     count against the user's quota while the job waits and runs
 */
public record NewJob(Optional<String> requestMessageId, String provider, String model, int variations) {

    public NewJob {
        if (variations < 1) {
            throw new IllegalArgumentException("a job makes at least one image: " + variations);
        }
    }

    /** A job that makes one image. */
    public NewJob(Optional<String> requestMessageId, String provider, String model) {
        this(requestMessageId, provider, model, 1);
    }
}

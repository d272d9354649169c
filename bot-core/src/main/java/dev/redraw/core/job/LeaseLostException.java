package dev.redraw.core.job;

/**
 * This instance no longer holds the job: its lease ran out and another instance took it over, or
 * it was finished meanwhile (a cancel). Whatever this instance made of it is dropped; the holder's
 * result is the one that counts.
 */
public final class LeaseLostException extends RuntimeException {

    public LeaseLostException(long jobId, String holder) {
        super("job " + jobId + " is held by " + holder);
    }
}

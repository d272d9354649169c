package dev.redraw.core.job;

import java.time.Instant;
import java.util.List;

/**
 * What quotas count: images charged, images that requests in progress will make, and images
 * administrators granted.
 */
public interface UsageCounts {

    /**
     * Images charged to a user by jobs finished since {@code since}, oldest first. The charges outlive
     * the jobs: a user who forgets their conversations keeps them.
     */
    List<JobStore.Charge> chargesSince(String platform, String userId, Instant since);

    /**
     * The images of {@link #chargesSince}, summed by the database: what a request within its quota
     * needs, without reading each charge.
     */
    long imagesSince(String platform, String userId, Instant since);

    /** Images charged to everyone since {@code since}. */
    long imagesSince(Instant since);

    /**
     * The images a user's queued and running jobs will make (each job its number of variations):
     * what their quota holds back for them.
     */
    int activeImages(String platform, String userId);

    /** The images every user's queued and running jobs will make: what the bot's daily cap holds back. */
    int activeImages();

    /**
     * The grants administrators made a user since {@code since}, oldest first: each adds its images
     * to their limit for one window from when it was made.
     */
    List<Grant> grantsSince(String platform, String userId, Instant since);

    /** {@code images} granted at {@code at}. */
    record Grant(Instant at, int images) {}
}

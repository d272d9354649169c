package dev.redraw.core.job;

import java.util.Optional;

/**
 * What a platform adapter is told about its users' jobs, and how it delivers their results. The
 * adapter decides how often to show progress (platforms limit how often a message may be edited).
 */
public interface JobEvents {

    /** Whether this adapter can serve the job now; jobs of platforms not running are left for later. */
    default boolean handles(Job job) {
        return true;
    }

    /**
     * Whether this adapter can post in the job's chat: false when the chat is served by a
     * connection this instance does not run (a Discord shard of another instance).
     */
    default boolean reaches(Job job) {
        return true;
    }

    /**
     * Whether the job's chat is served by a connection this instance does not run, so that another
     * instance must post its result.
     */
    default boolean servedElsewhere(Job job) {
        return false;
    }

    /**
     * The job was accepted: it starts at once, or waits (see {@link QueueState}). Said before the
     * job's {@link #started}.
     */
    default void accepted(Job job, QueueState state) {}

    /** The job started running. */
    default void started(Job job) {}

    /** The upstream reported progress, in percent. */
    default void progress(Job job, int percent) {}

    /**
     * Posts a finished job's result (its images, its text, or what went wrong) to the user. It may
     * be called again for the same job after it threw, so it must not post twice what it already
     * posted.
     *
     * @return the id of the platform message that carries it, if there is one
     * @throws Exception when it could not be posted
     */
    Optional<String> deliver(Job job) throws Exception;

    /**
     * After a crash between posting and recording: was this job's result posted? An adapter that
     * cannot tell answers {@link DeliveryCheck#UNKNOWN}, and the result is posted again (see {@link
     * ResultDelivery}): a rare repeat rather than a lost result, so adapters should make a repeated
     * post idempotent where the platform allows.
     */
    DeliveryCheck check(Job job);

    /** The answer of {@link #check}. */
    sealed interface DeliveryCheck {
        DeliveryCheck UNKNOWN = new Unknown();
        DeliveryCheck NOT_DELIVERED = new NotDelivered();

        record Delivered(Optional<String> messageId) implements DeliveryCheck {}

        record NotDelivered() implements DeliveryCheck {}

        record Unknown() implements DeliveryCheck {}
    }
}

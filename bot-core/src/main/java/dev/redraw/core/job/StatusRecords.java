package dev.redraw.core.job;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where adapters record the message that shows a job's state, so a later start (after a crash or a
 * cut-off shutdown) still finds it: to edit it when the job runs again, or to remove it once the
 * result is posted. Likewise the answers a platform was promised before the request became a job
 * (a Discord interaction deferred as "thinking…"), so a later start still gives each one.
 */
public final class StatusRecords {

    private final JobStore store;

    public StatusRecords(JobStore store) {
        this.store = Objects.requireNonNull(store);
    }

    /** The job's state is now shown in {@code messageId}. */
    public void posted(long jobId, String messageId) {
        store.recordStatusMessage(jobId, Optional.of(messageId));
    }

    /**
     * The job's state is now shown in {@code messageId}, a message posted while the job waited or
     * ran. False when the job finished first: its result is then posted without this message (the
     * instance posting it did not know it), and the caller removes it.
     */
    public boolean postedWhileUnfinished(long jobId, String messageId) {
        return store.recordStatusMessageWhileUnfinished(jobId, messageId);
    }

    /** The job's status message is gone. */
    public void removed(long jobId) {
        store.recordStatusMessage(jobId, Optional.empty());
    }

    /**
     * The platform was promised an answer to {@code requestId}, to be given through {@code address}
     * (a credential: never logged); kept until {@link #answered}.
     */
    public void awaiting(String platform, String requestId, String userId, String address) {
        store.openRequest(platform, requestId, userId, address);
    }

    /** The request was answered, or can be no more. */
    public void answered(String platform, String requestId) {
        store.closeRequest(platform, requestId);
    }

    /** The requests of a platform still awaiting their answer, oldest first, with their jobs if any. */
    public List<OpenRequest> awaited(String platform) {
        return store.openRequests(platform);
    }
}

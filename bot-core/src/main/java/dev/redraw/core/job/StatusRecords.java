package dev.redraw.core.job;

import java.util.Objects;
import java.util.Optional;

/**
 * Where adapters record the message that shows a job's state, so a later start (after a crash or a
 * cut-off shutdown) still finds it: to edit it when the job runs again, or to remove it once the
 * result is posted.
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

    /** The job's status message is gone. */
    public void removed(long jobId) {
        store.recordStatusMessage(jobId, Optional.empty());
    }
}

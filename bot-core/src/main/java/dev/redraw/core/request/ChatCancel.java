package dev.redraw.core.request;

import dev.redraw.core.job.JobRunner;
import java.util.List;

/** What a bare {@code /cancel} did with the requests its user has in progress in the chat. */
public sealed interface ChatCancel {

    /** The user has no request in progress in this chat. */
    record Nothing() implements ChatCancel {}

    /** The user had one request in progress here, and it was cancelled (or is being stopped). */
    record Done(long jobId, JobRunner.CancelResult result) implements ChatCancel {}

    /**
     * The user has several: they choose which one to stop. {@code choices} holds the oldest {@link
     * RequestDesk#MAX_CANCEL_CHOICES} of the {@code total}.
     */
    record Choose(int total, List<CancelChoice> choices) implements ChatCancel {
        public Choose {
            choices = List.copyOf(choices);
        }
    }
}

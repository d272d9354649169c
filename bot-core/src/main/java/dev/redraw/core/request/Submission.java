package dev.redraw.core.request;

import dev.redraw.core.conversation.Turn;
import dev.redraw.core.job.Job;
import dev.redraw.core.refusal.Refusal;

/** What became of a request when it was handed in. */
public sealed interface Submission {

    /** Stored and queued; the job will answer it. */
    record Accepted(Job job, Turn userTurn) implements Submission {}

    /** Not stored; {@code refusal} says why and what to change. */
    record Refused(Refusal refusal) implements Submission {}
}

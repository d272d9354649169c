package dev.redraw.core.request;

import dev.redraw.core.conversation.Turn;
import dev.redraw.core.job.Job;
import dev.redraw.core.refusal.Refusal;

/** What became of a request when it was handed in. */
public sealed interface Submission {

    /** Stored and queued; the job will answer it. */
    record Accepted(Job job, Turn userTurn) implements Submission {}

    /**
     * Stored before: the message that asked had already become this job (a crash cut its handling
     * off and the platform sent it again). Nothing more is to be done or said.
     */
    record AlreadyAccepted(Job job) implements Submission {}

    /** Not stored; {@code refusal} says why and what to change. */
    record Refused(Refusal refusal) implements Submission {}
}

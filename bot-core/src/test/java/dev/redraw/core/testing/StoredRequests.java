package dev.redraw.core.testing;

import dev.redraw.core.conversation.NewTurn;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobRunner;
import dev.redraw.core.job.JobStatus;
import dev.redraw.core.job.JobStore;
import dev.redraw.core.job.NewJob;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Requests stored the way the request desk stores them, for tests of what happens next. */
public final class StoredRequests {

    private StoredRequests() {}

    /** A text-to-image request of {@code origin} for model {@code m} on {@code provider}, queued. */
    public static Job accept(JobStore jobs, Origin origin, String provider) {
        return jobs.accept(turn(origin), job(provider)).job();
    }

    /**
     * Like {@link #accept}, stored as the request desk stores a request: when {@code runner} keeps
     * a place for it, the job is claimed as it is stored; then it is enqueued. The job as stored.
     */
    public static Job submitStarting(JobStore jobs, JobRunner runner, Origin origin, String provider) {
        Optional<JobRunner.Place> place = runner.place(origin.userKey(), provider);
        Job stored;
        try {
            stored = jobs.admit(admission -> place.isPresent()
                            ? admission.acceptStarting(
                                    turn(origin), job(provider), place.get().start())
                            : admission.accept(turn(origin), job(provider)))
                    .job();
            if (stored.status() == JobStatus.RUNNING) {
                place.orElseThrow().taken(stored);
            }
        } finally {
            place.ifPresent(JobRunner.Place::close);
        }
        runner.enqueue(stored);
        return stored;
    }

    /** The user turn of {@link #accept}. */
    public static NewTurn turn(Origin origin) {
        return new NewTurn(
                OptionalLong.empty(),
                Role.USER,
                List.of(new Part.Text("a fox")),
                origin,
                Optional.of("m"),
                Optional.of("1:1"));
    }

    /** The job of {@link #accept}. */
    public static NewJob job(String provider) {
        return new NewJob(Optional.empty(), provider, "m");
    }
}

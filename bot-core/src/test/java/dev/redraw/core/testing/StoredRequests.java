package dev.redraw.core.testing;

import dev.redraw.core.conversation.NewTurn;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.job.Job;
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

package dev.redraw.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.redraw.core.conversation.NewTurn;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobStore;
import dev.redraw.core.job.NewJob;
import dev.redraw.core.job.OpenRequest;
import dev.redraw.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Requests promised an answer are kept until closed, each found with the job made for it. */
class JdbcOpenRequestsTest extends OnEachDatabase {

    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    JdbcOpenRequestsTest(TestDatabase.Engine engine) {
        super(engine);
    }

    /** A job made for the request {@code requestId}. */
    private static Job jobFor(JobStore jobs, String requestId) {
        var turn = new NewTurn(
                OptionalLong.empty(),
                Role.USER,
                List.of(new Part.Text("a fox")),
                new Origin("discord", "c1", "u1"),
                Optional.of("m"),
                Optional.empty());
        return jobs.accept(turn, new NewJob(Optional.of(requestId), "p", "m")).job();
    }

    @Test
    void openRequestsAreListedOldestFirstWithTheirJobsUntilClosed() {
        var clock = new MutableClock(START);
        try (Database database = engine.open()) {
            var jobs = new JdbcJobStore(
                    database.dataSource(), clock, new JdbcConversationStore(database.dataSource(), clock));
            jobs.openRequest("discord", "i:1", "u1", "w:app:1:10:token-one");
            clock.advance(Duration.ofSeconds(1));
            jobs.openRequest("discord", "i:2", "u2", "w:app:2:10:token-two");
            jobs.openRequest("telegram", "i:3", "u3", "elsewhere");
            Job job = jobFor(jobs, "i:2");

            assertThat(jobs.openRequests("discord"))
                    .containsExactly(
                            new OpenRequest("i:1", "u1", "w:app:1:10:token-one", START, OptionalLong.empty()),
                            new OpenRequest(
                                    "i:2",
                                    "u2",
                                    "w:app:2:10:token-two",
                                    START.plusSeconds(1),
                                    OptionalLong.of(job.id())));

            jobs.closeRequest("discord", "i:1");
            jobs.openRequest("discord", "i:2", "u2", "w:app:2:10:token-new");

            assertThat(jobs.openRequests("discord"))
                    .extracting(OpenRequest::requestId, OpenRequest::address)
                    .containsExactly(tuple("i:2", "w:app:2:10:token-new"));
            assertThat(jobs.openRequests("telegram")).hasSize(1);
        }
    }
}

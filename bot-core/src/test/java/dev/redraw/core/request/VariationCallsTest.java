package dev.redraw.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.generation.GeneratedImage;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.generation.ImageProvider;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.generation.ProviderRoute;
import dev.redraw.core.history.History;
import dev.redraw.core.job.DeliveryState;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobStatus;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.provider.routing.ProviderRouter;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcJobStore;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.testing.RecordingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The calls side by side that make a request's images when its model takes no count. */
class VariationCallsTest {

    private static final String MODEL = "gemini-2.5-flash-image";

    private final Database database = TestDatabase.open();
    private final JdbcJobStore jobs = new JdbcJobStore(
            database.dataSource(),
            Clock.systemUTC(),
            new JdbcConversationStore(database.dataSource(), Clock.systemUTC()));

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aCallThatThrowsFailsAloneAndTheOtherCallsImagesAreKept() {
        var calls = new AtomicInteger();
        Outcome outcome = run(3, new RecordingContext(), (request, context) -> {
            int call = calls.getAndIncrement();
            if (call == 1) {
                throw new IllegalStateException("could not record the task");
            }
            return image(call);
        });

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Images.class, made -> assertThat(made.images()).hasSize(2));
        assertThat(calls).hasValue(3);
    }

    @Test
    void whenEveryCallThrowsTheJobFailsWithTheFirstFailure() {
        assertThatThrownBy(() -> run(2, new RecordingContext(), (request, context) -> {
                    throw new IllegalStateException("database read-only");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("database read-only");
    }

    @Test
    void aFinishedCallNoLongerHoldsTheJobsProgressBack() throws Exception {
        var firstDone = new CountDownLatch(1);
        var calls = new AtomicInteger();
        var context = new RecordingContext();
        Outcome outcome = run(2, context, (request, slot) -> {
            if (calls.getAndIncrement() == 0) {
                firstDone.countDown();
                return image(0);
            }
            try {
                // The other call has made its image before this one reports halfway.
                assertThat(firstDone.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            // Its call is over once its answer is handed back: until then it still holds the job at 0.
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> {
                        slot.progress(50);
                        return context.progress.contains(50);
                    });
            return image(1);
        });

        assertThat(outcome).isInstanceOf(Outcome.Images.class);
        assertThat(context.progress).contains(50).endsWith(100).isSorted();
    }

    private Outcome run(int count, JobContext context, BiFunction<GenerationRequest, JobContext, Outcome> answer) {
        ImageProvider provider = new ImageProvider() {
            @Override
            public String name() {
                return "upstream";
            }

            @Override
            public Outcome generate(GenerationRequest request, JobContext slot) {
                return answer.apply(request, slot);
            }
        };
        var router = ProviderRouter.direct(List.of(new ProviderRoute(provider, List.of(MODEL))));
        return new VariationCalls(router, jobs).run(job(count), request(count), context);
    }

    private static Outcome image(int n) {
        return new Outcome.Images(
                List.of(new GeneratedImage(new byte[] {(byte) n}, Optional.empty())), Optional.empty());
    }

    private static GenerationRequest request(int count) {
        var history = new History(List.of(new History.Entry(Role.USER, List.of(new Part.Text("a fox")))), 0);
        return new GenerationRequest(
                ModelCatalog.builtIn().capabilitiesOf(MODEL),
                "1:1",
                Optional.empty(),
                history,
                ref -> new byte[0],
                Optional.empty(),
                Optional.empty(),
                count);
    }

    private static Job job(int count) {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        return new Job(
                41,
                1,
                new Origin("telegram", "100", "77", Optional.empty()),
                Optional.empty(),
                "upstream",
                MODEL,
                JobStatus.RUNNING,
                1,
                Optional.empty(),
                OptionalInt.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                0,
                DeliveryState.PENDING,
                Optional.empty(),
                Optional.empty(),
                now,
                Optional.of(now),
                Optional.empty(),
                count);
    }
}

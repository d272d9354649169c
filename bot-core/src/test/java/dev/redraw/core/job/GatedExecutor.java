package dev.redraw.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.NewTurn;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.generation.Execution;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;

/**
 * A generation whose every job waits until the test releases it: the test controls latency, sees
 * which jobs run at once, and in which order they started.
 */
final class GatedExecutor implements JobRunner.Executor {

    final List<Long> started = new CopyOnWriteArrayList<>();
    final List<Long> resumedTasks = new CopyOnWriteArrayList<>();
    /** Jobs that behave like an asynchronous dialect: they get an upstream task id at once. */
    final java.util.Set<Long> async = ConcurrentHashMap.newKeySet();

    private final Map<Long, CompletableFuture<Outcome>> gates = new ConcurrentHashMap<>();
    private volatile boolean open;
    private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
    /** The most jobs that ran at the same time. */
    final java.util.concurrent.atomic.AtomicInteger mostAtOnce = new java.util.concurrent.atomic.AtomicInteger();

    /** Lets every job, present and future, finish at once. */
    void openAll() {
        open = true;
        gates.values().forEach(g -> g.complete(new Outcome.TextOnly("done")));
    }

    void release(long jobId) {
        gate(jobId).complete(new Outcome.TextOnly("done"));
    }

    private CompletableFuture<Outcome> gate(long jobId) {
        return gates.computeIfAbsent(jobId, id -> new CompletableFuture<>());
    }

    /** Waits until {@code count} jobs have started. */
    void awaitStarted(int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(started).as("jobs started").hasSizeGreaterThanOrEqualTo(count));
    }

    /** Fails if more than {@code count} jobs start within the next 100 ms. */
    void awaitNoMoreStartThan(int count) {
        Awaitility.await()
                .during(Duration.ofMillis(100))
                .atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(started).as("jobs started").hasSizeLessThanOrEqualTo(count));
    }

    @Override
    public Execution execute(Job job, JobContext context) {
        job.upstreamTaskId().ifPresent(task -> resumedTasks.add(job.id()));
        if (async.contains(job.id()) && job.upstreamTaskId().isEmpty()) {
            context.providerChosen("async-provider");
            context.taskAccepted("task-" + job.id());
            context.progress(10);
        }
        started.add(job.id());
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            return await(job, context);
        } finally {
            running.decrementAndGet();
        }
    }

    private Execution await(Job job, JobContext context) {
        CompletableFuture<Outcome> gate = gate(job.id());
        if (open) {
            gate.complete(new Outcome.TextOnly("done"));
        }
        context.onCancel(() -> gate.complete(new Outcome.Failed(false, "cancelled")));
        try {
            Outcome outcome = gate.get(30, TimeUnit.SECONDS);
            if (!(outcome instanceof Outcome.TextOnly text)) {
                return new Execution(outcome, Optional.empty(), 0);
            }
            var answer = new NewTurn(
                    OptionalLong.of(job.userTurnId()),
                    Role.MODEL,
                    List.of(new Part.Text(text.text())),
                    job.origin(),
                    Optional.of(job.model()),
                    Optional.empty());
            return new Execution(outcome, Optional.of(answer), 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }
}

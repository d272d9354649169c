package dev.redraw.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcJobStore;
import dev.redraw.core.storage.OnEachDatabase;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.telemetry.Telemetry;
import dev.redraw.core.testing.StoredRequests;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobRunnerTest extends OnEachDatabase {

    JobRunnerTest(TestDatabase.Engine engine) {
        super(engine);
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Database database = engine.open();
    private final JdbcConversationStore turns = new JdbcConversationStore(database.dataSource(), Clock.systemUTC());
    private final JdbcJobStore store = new JdbcJobStore(database.dataSource(), Clock.systemUTC(), turns);
    private final GatedExecutor executor = new GatedExecutor();
    private final RecordingEvents events = new RecordingEvents();
    private final List<JobRunner> runners = new ArrayList<>();

    @AfterEach
    void close() {
        runners.forEach(JobRunner::halt);
        database.close();
    }

    private JobRunner runner(RunnerLimits limits, JobRunner.Executor work, JobEvents sink) {
        return runner(store, limits, work, sink);
    }

    private JobRunner runner(JobStore jobs, RunnerLimits limits, JobRunner.Executor work, JobEvents sink) {
        var runner = new JobRunner(jobs, work, sink, limits, Executors.newVirtualThreadPerTaskExecutor());
        runners.add(runner);
        return runner;
    }

    /** A runner that runs one job at a time. */
    private JobRunner oneAtATime() {
        return runner(new RunnerLimits(1, 1, 1, 2));
    }

    private JobRunner runner(RunnerLimits limits) {
        return runner(limits, executor, events);
    }

    /** Stores a request of {@code user} as the platform would, without queueing it. */
    private Job accepted(String user, String provider) {
        return StoredRequests.accept(store, new Origin("telegram", "chat-" + user, user), provider);
    }

    /** Stores and queues {@code count} requests of {@code user}. */
    private List<Job> submitMany(JobRunner runner, String user, int count) {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jobs.add(submit(runner, user));
        }
        return jobs;
    }

    private Job submit(JobRunner runner, String user) {
        Job job = accepted(user, "p");
        runner.enqueue(job);
        return job;
    }

    /** A store that counts the claims and the separate records of a post beginning. */
    private static final class CountingStore extends ForwardingJobStore {
        final java.util.concurrent.atomic.AtomicInteger claims = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger markedDelivering =
                new java.util.concurrent.atomic.AtomicInteger();

        CountingStore(JobStore target) {
            super(target);
        }

        @Override
        public Optional<Job> claim(long jobId, Duration lease, RunnerLimits limits, boolean newAttempt) {
            claims.incrementAndGet();
            return super.claim(jobId, lease, limits, newAttempt);
        }

        @Override
        public void markDelivering(long jobId) {
            markedDelivering.incrementAndGet();
            super.markDelivering(jobId);
        }
    }

    @Test
    void aJobThatMayStartAtOnceIsClaimedAsItIsStoredAndRunsWithoutAClaimOfItsOwn() throws Exception {
        var counting = new CountingStore(store);
        JobRunner runner = runner(counting, new RunnerLimits(1, 1, 1, 2), executor, events);
        var alice = new Origin("telegram", "chat-alice", "alice");

        Job first = StoredRequests.submitStarting(counting, runner, alice, "p");

        assertThat(first.status())
                .as("claimed in the transaction that stored it")
                .isEqualTo(JobStatus.RUNNING);
        assertThat(first.attempts()).isEqualTo(1);
        executor.awaitStarted(1);
        assertThat(executor.started).containsExactly(first.id());
        assertThat(events.log()).contains("accepted " + first.id() + " starts now");

        // The runner is full: the next job is stored queued and claimed when its turn comes.
        Job second = StoredRequests.submitStarting(counting, runner, alice, "p");
        assertThat(second.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(events.log()).contains("accepted " + second.id() + " ahead 0");
        executor.release(first.id());
        executor.awaitStarted(2);
        executor.release(second.id());
        assertThat(runner.awaitIdle(WAIT)).isTrue();

        assertThat(counting.claims)
                .as("only the queued job needed a claim of its own")
                .hasValue(1);
        assertThat(events.posted).containsOnlyKeys(first.id(), second.id());
        assertThat(store.find(first.id()).orElseThrow().attempts()).isEqualTo(1);
        assertThat(store.find(first.id()).orElseThrow().delivery()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(counting.markedDelivering)
                .as("the intent to post is recorded with the outcome, not after it")
                .hasValue(0);
    }

    @Test
    void aJobIsClaimedAsItIsStoredOnlyWhenItOvertakesNobody() throws Exception {
        // One job per provider at a time, two per user.
        JobRunner runner = runner(new RunnerLimits(10, 1, 2, 2));
        var alice = new Origin("telegram", "chat-alice", "alice");
        var bob = new Origin("telegram", "chat-bob", "bob");

        Job first = StoredRequests.submitStarting(store, runner, alice, "slow");
        Job second = StoredRequests.submitStarting(store, runner, alice, "slow");
        // Room at provider p, but Alice's second job waits before it: her jobs start in the order sent.
        Job third = StoredRequests.submitStarting(store, runner, alice, "p");
        // Bob overtakes nobody who could start.
        Job bobs = StoredRequests.submitStarting(store, runner, bob, "p");

        assertThat(List.of(first.status(), second.status(), third.status(), bobs.status()))
                .containsExactly(JobStatus.RUNNING, JobStatus.QUEUED, JobStatus.QUEUED, JobStatus.RUNNING);
        executor.awaitStarted(2);
        executor.awaitNoMoreStartThan(2);
        // The slow provider frees up: Alice's second starts, her third still waits for Bob's place.
        executor.release(first.id());
        executor.awaitStarted(3);
        executor.awaitNoMoreStartThan(3);
        assertThat(executor.started).containsExactly(first.id(), bobs.id(), second.id());
        executor.openAll();
        assertThat(runner.awaitIdle(WAIT)).isTrue();
        assertThat(executor.started).containsExactly(first.id(), bobs.id(), second.id(), third.id());
    }

    @Test
    void aJobClaimedAsItIsStoredCountsAsServedInTheFairOrder() throws Exception {
        // A database of one process: the order is this runner's own, with nobody else's starts in it.
        var own = new ForwardingJobStore(store) {
            @Override
            public boolean shared() {
                return false;
            }
        };
        JobRunner runner = runner(own, new RunnerLimits(1, 1, 1, 2), executor, events);
        var alice = new Origin("telegram", "chat-alice", "alice");
        var bob = new Origin("telegram", "chat-bob", "bob");

        Job first = StoredRequests.submitStarting(own, runner, alice, "p");
        Job second = StoredRequests.submitStarting(own, runner, alice, "p");
        Job bobs = StoredRequests.submitStarting(own, runner, bob, "p");
        assertThat(first.status()).isEqualTo(JobStatus.RUNNING);

        executor.awaitStarted(1);
        executor.openAll();
        assertThat(runner.awaitIdle(WAIT)).isTrue();
        assertThat(executor.started)
                .as("Bob, not served yet, before Alice's second")
                .containsExactly(first.id(), bobs.id(), second.id());
    }

    @Test
    void aPlaceKeptForAJobBeingStoredIsGivenBackWhenTheJobDoesNotTakeIt() throws Exception {
        JobRunner runner = oneAtATime();

        Optional<JobRunner.Place> kept = runner.place("telegram:alice", "p");
        assertThat(kept).isPresent();
        assertThat(runner.place("telegram:bob", "p"))
                .as("the one place is kept")
                .isEmpty();
        // A job queued meanwhile waits for the kept place.
        Job bobs = submit(runner, "bob");
        assertThat(runner.isIdleNow()).isFalse();
        assertThat(executor.started).isEmpty();

        // The request was refused (or its storing failed): the place goes back and Bob's job runs.
        kept.get().close();
        executor.awaitStarted(1);
        assertThat(executor.started).containsExactly(bobs.id());
        assertThat(runner.place("telegram:carol", "p"))
                .as("nobody gets a place while every place is taken")
                .isEmpty();
        executor.release(bobs.id());
        assertThat(runner.awaitIdle(WAIT)).isTrue();
        try (var again = runner.place("telegram:carol", "p").orElseThrow()) {
            assertThat(runner.isIdleNow()).as("a kept place is work under way").isFalse();
        }
        assertThat(runner.isIdleNow()).isTrue();
    }

    @Test
    void aJobClaimedAsItIsStoredWhileTheRunnerStopsIsQueuedAgainForTheNextStart() throws Exception {
        JobRunner runner = oneAtATime();
        var alice = new Origin("telegram", "chat-alice", "alice");
        JobRunner.Place place = runner.place(alice.userKey(), "p").orElseThrow();
        Job job = store.admit(admission ->
                        admission.acceptStarting(StoredRequests.turn(alice), StoredRequests.job("p"), place.start()))
                .job();
        place.taken(job);
        place.close();

        assertThat(runner.shutdown(Duration.ZERO)).isFalse();
        runner.enqueue(job);

        assertThat(executor.started).isEmpty();
        assertThat(runner.isIdleNow()).as("nothing is held for it in this run").isTrue();
        Job left = store.find(job.id()).orElseThrow();
        assertThat(left.status()).as("queued again for the next start").isEqualTo(JobStatus.QUEUED);
        assertThat(left.attempts())
                .as("the attempt it never made is not counted")
                .isZero();

        JobRunner next = runner(new RunnerLimits(1, 1, 1, 1));
        next.start();
        executor.openAll();
        await().atMost(WAIT).until(() -> events.posted.containsKey(job.id()));
        Job done = store.find(job.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.attempts())
                .as("one attempt, though only one is allowed")
                .isEqualTo(1);
        assertThat(executor.started).containsExactly(job.id());
    }

    @Test
    void everyJobThatEndsIsToldToTelemetryWithItsOutcomeAndHowLongItRan() throws Exception {
        List<String> ended = new java.util.concurrent.CopyOnWriteArrayList<>();
        Telemetry telemetry = new Telemetry() {
            @Override
            public void jobFinished(String provider, String model, String outcome, Duration took) {
                ended.add(provider + " " + outcome + " " + (took.isZero() ? "never ran" : "ran"));
            }
        };
        var runner = new JobRunner(
                store,
                executor,
                events,
                new RunnerLimits(1, 1, 1, 2),
                RunnerTiming.DEFAULTS,
                Executors.newVirtualThreadPerTaskExecutor(),
                new ResultDelivery(
                        store, events, ResultDelivery.Backoff.DEFAULT, dev.redraw.core.provider.Sleeper.REAL),
                telemetry);
        runners.add(runner);
        Job running = submit(runner, "alice");
        executor.awaitStarted(1);
        Job waiting = submit(runner, "alice");

        assertThat(runner.cancel(waiting.id(), "telegram:alice", false)).isEqualTo(JobRunner.CancelResult.CANCELLED);
        executor.release(running.id());
        assertThat(runner.awaitIdle(WAIT)).isTrue();

        assertThat(ended).containsExactly("p cancelled never ran", "p text_only ran");
    }

    @Test
    void oneHeavyUserDoesNotDelayAnotherUsersSingleJob() throws Exception {
        JobRunner runner = oneAtATime();
        List<Job> heavy = submitMany(runner, "heavy", 10);
        Job light = submit(runner, "light");

        executor.openAll();
        assertThat(runner.awaitIdle(WAIT)).isTrue();

        assertThat(executor.started).hasSize(11);
        assertThat(executor.started.indexOf(light.id())).isLessThanOrEqualTo(1);
        assertThat(executor.started.stream().filter(id -> id != light.id()).toList())
                .containsExactlyElementsOf(heavy.stream().map(Job::id).toList());
        assertThat(events.log()).contains("accepted " + light.id() + " ahead 0");
    }

    @Test
    void onlyAJobThatWaitsIsSaidToBeQueued() throws Exception {
        JobRunner runner = oneAtATime();
        List<Job> jobs = submitMany(runner, "alice", 3);

        executor.awaitStarted(1);
        assertThat(events.log())
                .containsSubsequence(
                        "accepted " + jobs.get(0).id() + " starts now",
                        "accepted " + jobs.get(1).id() + " ahead 0",
                        "accepted " + jobs.get(2).id() + " ahead 1");
        assertThat(events.log().indexOf("accepted " + jobs.get(0).id() + " starts now"))
                .isLessThan(events.log().indexOf("started " + jobs.get(0).id()));
        executor.openAll();
        assertThat(runner.awaitIdle(WAIT)).isTrue();
    }

    @Test
    void aUsersJobsStartInTheOrderSent() throws Exception {
        JobRunner runner = runner(new RunnerLimits(10, 10, 1, 2));
        List<Job> jobs = submitMany(runner, "alice", 5);

        executor.openAll();
        assertThat(runner.awaitIdle(WAIT)).isTrue();

        assertThat(executor.started)
                .containsExactlyElementsOf(jobs.stream().map(Job::id).toList());
    }

    @Test
    void atMostTheUserLimitRunsAtOnceWhileOtherUsersStillRun() throws Exception {
        JobRunner runner = runner(new RunnerLimits(10, 10, 2, 2));
        List<Job> alice = submitMany(runner, "alice", 5);
        Job bob = submit(runner, "bob");

        executor.awaitStarted(3);
        executor.awaitNoMoreStartThan(3);
        assertThat(executor.started)
                .containsExactlyInAnyOrder(alice.get(0).id(), alice.get(1).id(), bob.id());

        executor.openAll();
        assertThat(runner.awaitIdle(WAIT)).isTrue();
        assertThat(executor.started).hasSize(6);
        assertThat(executor.mostAtOnce.get()).isEqualTo(3);
    }

    @Test
    void theProviderAndGlobalLimitsHoldJobsBack() throws Exception {
        JobRunner runner = runner(new RunnerLimits(2, 1, 2, 2));
        Job first = accepted("a", "slow-provider");
        Job second = accepted("b", "slow-provider");
        Job other = accepted("c", "fast-provider");
        Job fourth = accepted("d", "fast-provider");
        List.of(first, second, other, fourth).forEach(runner::enqueue);

        executor.awaitStarted(2);
        executor.awaitNoMoreStartThan(2);
        assertThat(executor.started).containsExactlyInAnyOrder(first.id(), other.id());

        executor.release(first.id());
        executor.awaitStarted(3);
        assertThat(executor.started.get(2)).isEqualTo(second.id());

        executor.openAll();
        assertThat(runner.awaitIdle(WAIT)).isTrue();
        assertThat(store.find(fourth.id()).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void jobsMoveThroughTheirStatesAndAreDeliveredOnce() throws Exception {
        JobRunner runner = runner(RunnerLimits.DEFAULTS);
        Job job = accepted("alice", "p");
        executor.async.add(job.id());
        runner.enqueue(job);

        executor.awaitStarted(1);
        Job running = store.find(job.id()).orElseThrow();
        assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(running.attempts()).isEqualTo(1);
        assertThat(running.upstreamTaskId()).contains("task-" + job.id());
        assertThat(running.provider()).isEqualTo("async-provider");
        assertThat(running.progress()).hasValue(10);

        executor.release(job.id());
        assertThat(runner.awaitIdle(WAIT)).isTrue();

        Job done = store.find(job.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.delivery()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(done.deliveredMessageId()).contains("m" + job.id());
        assertThat(done.modelTurnId()).isPresent();
        assertThat(events.log())
                .containsExactly(
                        "accepted " + job.id() + " starts now",
                        "started " + job.id(),
                        "progress " + job.id() + " 10",
                        "delivered " + job.id() + " TEXT_ONLY");
    }

    @Test
    void usersCancelTheirOwnQueuedOrRunningJobsButNotOthers() throws Exception {
        JobRunner runner = oneAtATime();
        List<Job> mine = submitMany(runner, "alice", 2);
        Job running = mine.get(0);
        Job queued = mine.get(1);
        executor.awaitStarted(1);

        assertThat(runner.cancel(queued.id(), "telegram:bob", false)).isEqualTo(JobRunner.CancelResult.NOT_YOURS);
        assertThat(runner.cancel(queued.id(), "telegram:alice", false)).isEqualTo(JobRunner.CancelResult.CANCELLED);
        assertThat(runner.cancel(running.id(), "telegram:alice", false)).isEqualTo(JobRunner.CancelResult.CANCELLING);
        assertThat(runner.awaitIdle(WAIT)).isTrue();

        for (Job job : List.of(running, queued)) {
            Job cancelled = store.find(job.id()).orElseThrow();
            assertThat(cancelled.status()).isEqualTo(JobStatus.FAILED);
            assertThat(cancelled.outcome()).contains(OutcomeKind.CANCELLED);
            assertThat(cancelled.chargedImages()).isZero();
            assertThat(cancelled.delivery()).isEqualTo(DeliveryState.DELIVERED);
        }
        assertThat(executor.started).containsExactly(running.id());
        assertThat(runner.cancel(running.id(), "telegram:alice", false))
                .isEqualTo(JobRunner.CancelResult.ALREADY_FINISHED);
        assertThat(runner.cancel(424242, "telegram:alice", false)).isEqualTo(JobRunner.CancelResult.NOT_FOUND);
    }

    @Test
    void aRunnerStoppedAbruptlyLeavesNothingLostAndNothingTwice() throws Exception {
        Map<Long, Integer> chat = new ConcurrentHashMap<>();
        var firstLife = new RecordingEvents(chat);
        JobRunner first = runner(new RunnerLimits(2, 2, 2, 2), executor, firstLife);
        Job posted = accepted("dora", "p");
        Job cutOff = accepted("alice", "p");
        Job async = accepted("bob", "p");
        Job queued = accepted("carol", "p");
        Job exhausted = accepted("erin", "p");
        store.markRunning(exhausted.id());
        store.markRunning(exhausted.id());
        executor.async.add(async.id());
        firstLife.crashAfterPosting.add(posted.id());
        executor.release(posted.id());
        first.enqueue(posted);
        assertThat(first.awaitIdle(WAIT)).isTrue();
        first.enqueue(cutOff);
        first.enqueue(async);
        executor.awaitStarted(3);
        first.enqueue(queued);

        first.halt();

        assertThat(store.find(posted.id()).orElseThrow().delivery()).isEqualTo(DeliveryState.DELIVERING);
        assertThat(store.find(cutOff.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(store.find(async.id()).orElseThrow().upstreamTaskId()).contains("task-" + async.id());

        var secondExecutor = new GatedExecutor();
        secondExecutor.openAll();
        var secondLife = new RecordingEvents(chat);
        // The next process: the same instance name, a store of its own.
        var restarted = new JdbcJobStore(database.dataSource(), Clock.systemUTC(), turns);
        JobRunner second = runner(restarted, new RunnerLimits(3, 3, 3, 2), secondExecutor, secondLife);
        second.start();
        assertThat(second.awaitIdle(WAIT)).isTrue();

        List<Job> all = List.of(posted, cutOff, async, queued, exhausted);
        for (Job job : all) {
            Job end = store.find(job.id()).orElseThrow();
            assertThat(end.status().finished()).as("job %s finished", job.id()).isTrue();
            assertThat(end.delivery()).as("job %s delivered", job.id()).isEqualTo(DeliveryState.DELIVERED);
            assertThat(chat.get(job.id())).as("job %s posted once", job.id()).isEqualTo(1);
        }
        assertThat(secondExecutor.resumedTasks).containsExactly(async.id());
        assertThat(store.find(cutOff.id()).orElseThrow().attempts()).isEqualTo(2);
        assertThat(store.find(exhausted.id()).orElseThrow().outcome()).contains(OutcomeKind.INTERRUPTED);
        assertThat(secondLife.log()).noneMatch(line -> line.startsWith("delivered " + posted.id()));
    }

    @Test
    void shutdownLetsRunningJobsFinishWithinTheGracePeriodAndLeavesTheRest() throws Exception {
        JobRunner runner = oneAtATime();
        Job running = submit(runner, "alice");
        Job waiting = submit(runner, "bob");
        executor.awaitStarted(1);

        Thread.ofVirtual().start(() -> {
            sleep(200);
            executor.release(running.id());
        });
        assertThat(runner.shutdown(Duration.ofSeconds(5))).isTrue();

        assertThat(store.find(running.id()).orElseThrow().delivery()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(store.find(waiting.id()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
        assertThat(executor.started).containsExactly(running.id());
    }

    /** A platform whose posts wait at {@code gate}, as behind its pacing or a 429's Retry-After. */
    private JobEvents postingBehind(CountDownLatch gate) {
        return new JobEvents() {
            @Override
            public void started(Job job) {
                events.started(job);
            }

            @Override
            public Optional<String> deliver(Job job) throws Exception {
                gate.await();
                return events.deliver(job);
            }

            @Override
            public DeliveryCheck check(Job job) {
                return events.check(job);
            }
        };
    }

    @Test
    void aResultWaitingToBePostedDoesNotHoldUpItsUsersNextJob() throws Exception {
        var gate = new CountDownLatch(1);
        JobRunner runner = runner(new RunnerLimits(1, 1, 1, 2), executor, postingBehind(gate));
        List<Job> jobs = submitMany(runner, "alice", 2);
        executor.openAll();

        await().atMost(WAIT).until(() -> executor.started.size() == 2);
        assertThat(events.posted).isEmpty();
        assertThat(runner.isIdleNow()).as("the posts are still under way").isFalse();
        assertThat(runner.awaitIdle(Duration.ofMillis(50))).isFalse();

        gate.countDown();
        assertThat(runner.awaitIdle(WAIT)).isTrue();
        for (Job job : jobs) {
            assertThat(store.find(job.id()).orElseThrow().delivery()).isEqualTo(DeliveryState.DELIVERED);
            assertThat(events.posted.get(job.id())).isEqualTo(1);
        }
    }

    @Test
    void shutdownWaitsForAResultBeingPostedAndItsRecord() throws Exception {
        var gate = new CountDownLatch(1);
        JobRunner runner = runner(RunnerLimits.DEFAULTS, executor, postingBehind(gate));
        Job job = submit(runner, "alice");
        executor.openAll();
        await().atMost(WAIT).until(() -> store.find(job.id()).orElseThrow().delivery() == DeliveryState.DELIVERING);

        var stopped = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.shutdown(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        gate.countDown();

        assertThat(stopped.get()).isTrue();
        assertThat(store.find(job.id()).orElseThrow().delivery()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(events.posted.get(job.id())).isEqualTo(1);
    }

    @Test
    void shutdownStopsWaitingAfterTheGracePeriod() throws Exception {
        JobRunner runner = runner(RunnerLimits.DEFAULTS);
        Job stuck = submit(runner, "alice");
        executor.awaitStarted(1);

        assertThat(runner.shutdown(Duration.ofMillis(100))).isFalse();

        assertThat(store.find(stuck.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

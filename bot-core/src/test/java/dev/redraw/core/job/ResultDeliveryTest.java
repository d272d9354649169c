package dev.redraw.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcJobStore;
import dev.redraw.core.storage.OnEachDatabase;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.testing.StoredRequests;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResultDeliveryTest extends OnEachDatabase {

    ResultDeliveryTest(TestDatabase.Engine engine) {
        super(engine);
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Database database = engine.open();
    private final JdbcConversationStore turns = new JdbcConversationStore(database.dataSource(), Clock.systemUTC());
    private final JdbcJobStore store = new JdbcJobStore(database.dataSource(), Clock.systemUTC(), turns);
    /** The waits the delivery asked for; it does not really wait, so tests stay fast. */
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    private final Platform platform = new Platform();

    @AfterEach
    void close() {
        database.close();
    }

    private ResultDelivery delivery(JobStore jobs) {
        return new ResultDelivery(
                jobs, platform, new ResultDelivery.Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4)), waits::add);
    }

    private Job finished() {
        Job job = StoredRequests.accept(store, new Origin("telegram", "chat", "alice"), "p");
        store.markRunning(job.id());
        return store.finish(job.id(), Optional.empty(), OutcomeKind.FAILED, "", OutcomeDetails.NONE, 0);
    }

    private DeliveryState state(Job job) {
        return store.find(job.id()).orElseThrow().delivery();
    }

    @Test
    void aPostThatFailsIsTriedAgainWithGrowingWaitsAndArrivesOnce() {
        Job job = finished();
        platform.failures.set(4);

        delivery(store).deliver(job);

        await().atMost(WAIT).until(() -> state(job) == DeliveryState.DELIVERED);
        assertThat(platform.posted).containsExactly(job.id());
        assertThat(platform.calls.get()).isEqualTo(5);
        assertThat(waits)
                .containsExactly(
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(4));
        assertThat(store.undelivered()).isEmpty();
    }

    @Test
    void aResultIsNeverMarkedDeliveredWhilePostingFails() {
        Job job = finished();
        platform.failures.set(Integer.MAX_VALUE);
        ResultDelivery delivery = new ResultDelivery(
                store,
                platform,
                new ResultDelivery.Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4), Integer.MAX_VALUE),
                waits::add);

        delivery.deliver(job);
        await().atMost(WAIT).until(() -> platform.calls.get() >= 3);
        delivery.halt();

        assertThat(state(job)).isEqualTo(DeliveryState.DELIVERING);
        assertThat(store.undelivered()).extracting(Job::id).containsExactly(job.id());
        assertThat(platform.posted).isEmpty();
    }

    @Test
    void aResultTheAdapterCannotVouchForIsPostedAgainAfterACrash() {
        Job job = finished();
        store.markDelivering(job.id());
        platform.answer = JobEvents.DeliveryCheck.UNKNOWN;

        delivery(store).recover(store.find(job.id()).orElseThrow());

        await().atMost(WAIT).until(() -> state(job) == DeliveryState.DELIVERED);
        assertThat(platform.posted).containsExactly(job.id());
    }

    @Test
    void aResultTheAdapterFindsPostedIsRecordedWithoutPostingAgain() {
        Job job = finished();
        store.markDelivering(job.id());
        platform.answer = new JobEvents.DeliveryCheck.Delivered(Optional.of("m9"));

        delivery(store).recover(store.find(job.id()).orElseThrow());

        assertThat(platform.posted).isEmpty();
        Job end = store.find(job.id()).orElseThrow();
        assertThat(end.delivery()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(end.deliveredMessageId()).contains("m9");
    }

    @Test
    void aResultThePlatformRefusesForGoodIsNotTriedAgain() {
        Job job = finished();
        platform.refuse = true;

        delivery(store).deliver(job);

        await().atMost(WAIT).until(() -> state(job) == DeliveryState.UNDELIVERABLE);
        assertThat(store.undelivered()).isEmpty();
        assertThat(platform.calls.get()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aPostWhoseRecordFailsIsRecordedLaterWithoutPostingAgain() {
        Job job = finished();
        AtomicInteger recordFailures = new AtomicInteger(2);
        JobStore flaky = new ForwardingJobStore(store) {
            @Override
            public void markDelivered(long jobId, Optional<String> messageId) {
                if (recordFailures.getAndDecrement() > 0) {
                    throw new IllegalStateException("database is read-only");
                }
                super.markDelivered(jobId, messageId);
            }
        };

        delivery(flaky).deliver(job);

        await().atMost(WAIT).until(() -> state(job) == DeliveryState.DELIVERED);
        assertThat(platform.posted).containsExactly(job.id());
        assertThat(store.find(job.id()).orElseThrow().deliveredMessageId()).contains("m" + job.id());
    }

    @Test
    void theStatusMessageRecordIsDroppedWithTheDeliveryRecordNotBefore() {
        Job job = finished();
        store.recordStatusMessage(job.id(), Optional.of("w:a-stored-response"));
        AtomicInteger recordFailures = new AtomicInteger(1);
        List<Optional<String>> statusWhenRecording = new CopyOnWriteArrayList<>();
        JobStore flaky = new ForwardingJobStore(store) {
            @Override
            public void markDelivered(long jobId, Optional<String> messageId) {
                statusWhenRecording.add(store.find(jobId).orElseThrow().statusMessageId());
                if (recordFailures.getAndDecrement() > 0) {
                    throw new IllegalStateException("database is read-only");
                }
                super.markDelivered(jobId, messageId);
            }
        };

        delivery(flaky).deliver(job);

        await().atMost(WAIT).until(() -> state(job) == DeliveryState.DELIVERED);
        // A crash before the record must still find where the result goes, to post it there again.
        assertThat(statusWhenRecording).containsOnly(Optional.of("w:a-stored-response"));
        assertThat(store.find(job.id()).orElseThrow().statusMessageId()).isEmpty();
    }

    @Test
    void aResultRefusedForGoodDropsItsStatusMessageRecord() {
        Job job = finished();
        store.recordStatusMessage(job.id(), Optional.of("w:a-stored-response"));
        platform.refuse = true;

        delivery(store).deliver(job);

        await().atMost(WAIT).until(() -> state(job) == DeliveryState.UNDELIVERABLE);
        assertThat(store.find(job.id()).orElseThrow().statusMessageId()).isEmpty();
    }

    /** A delivery whose post of {@code job} has reached the platform, which holds it until its gate opens. */
    private ResultDelivery postingHeld(Job job) {
        platform.gate = new CountDownLatch(1);
        ResultDelivery delivery = delivery(store);
        delivery.deliver(job);
        await().atMost(WAIT).until(() -> platform.calls.get() == 1);
        return delivery;
    }

    @Test
    void stoppingWaitsForAPostUnderWayAndItsRecord() throws Exception {
        Job job = finished();
        ResultDelivery delivery = postingHeld(job);

        var stopped = new java.util.concurrent.CompletableFuture<Boolean>();
        Thread.ofVirtual().start(() -> {
            try {
                stopped.complete(delivery.stop(WAIT));
            } catch (InterruptedException e) {
                stopped.completeExceptionally(e);
            }
        });
        assertThat(stopped).isNotDone();
        platform.gate.countDown();

        assertThat(stopped.get()).isTrue();
        assertThat(state(job)).as("recorded before the stop returned").isEqualTo(DeliveryState.DELIVERED);
        delivery.deliver(finished());
        assertThat(platform.calls.get()).isEqualTo(1);
    }

    @Test
    void aResultHandedOverJustBeforeAStopIsPostedAndRecordedBeforeTheStopReturns() throws Exception {
        Job job = finished();
        ResultDelivery delivery = delivery(store);

        delivery.deliver(job);

        assertThat(delivery.stop(WAIT)).isTrue();
        assertThat(state(job)).isEqualTo(DeliveryState.DELIVERED);
        assertThat(platform.posted).containsExactly(job.id());
    }

    @Test
    void aHaltCutsAPostUnderWayOffAndRecordsNothing() throws Exception {
        Job job = finished();
        ResultDelivery delivery = postingHeld(job);

        delivery.halt();

        assertThat(delivery.awaitQuiet(WAIT)).isTrue();
        platform.gate.countDown();
        assertThat(platform.posted).isEmpty();
        assertThat(state(job)).isEqualTo(DeliveryState.DELIVERING);
        assertThat(waits).isEmpty();
    }

    @Test
    void aPostWaitingOutItsBackOffIsTriedAtOnceWhenThePlatformConnects() throws Exception {
        Job job = finished();
        platform.failures.set(1);
        var delivery = new ResultDelivery(
                store,
                platform,
                new ResultDelivery.Backoff(Duration.ofHours(1), Duration.ofHours(1)),
                duration -> Thread.sleep(duration));

        delivery.deliver(job);
        // Once no post is under way, the failed one waits out its back-off.
        assertThat(delivery.awaitQuiet(WAIT)).isTrue();
        assertThat(state(job)).isEqualTo(DeliveryState.DELIVERING);
        assertThat(platform.calls.get()).isEqualTo(1);
        delivery.retryNow();

        await().atMost(WAIT).until(() -> state(job) == DeliveryState.DELIVERED);
        assertThat(platform.posted).containsExactly(job.id());
        delivery.halt();
    }

    @Test
    void aPostThePlatformKeepsRefusingIsGivenUpAfterTheLastAttempt() {
        Job job = finished();
        platform.failures.set(Integer.MAX_VALUE);
        var delivery = new ResultDelivery(
                store,
                platform,
                new ResultDelivery.Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 4),
                waits::add);

        delivery.deliver(job);

        await().atMost(WAIT).until(() -> state(job) == DeliveryState.UNDELIVERABLE);
        assertThat(platform.calls.get()).isEqualTo(4);
        assertThat(waits).hasSize(3);
        assertThat(store.undelivered()).isEmpty();
    }

    @Test
    void aDatabaseFailingAsThePostBeginsDelaysThePostButNeverFailsTheJob() {
        Job job = finished();
        AtomicInteger failures = new AtomicInteger(1);
        JobStore flaky = new ForwardingJobStore(store) {
            @Override
            public void markDelivering(long jobId) {
                if (failures.getAndDecrement() > 0) {
                    throw new IllegalStateException("database is read-only");
                }
                super.markDelivering(jobId);
            }
        };

        delivery(flaky).deliver(job);

        await().atMost(WAIT).until(() -> state(job) == DeliveryState.DELIVERED);
        assertThat(platform.posted).containsExactly(job.id());
        assertThat(store.find(job.id()).orElseThrow().outcome()).contains(OutcomeKind.FAILED);
    }

    /** A platform whose posts fail a set number of times, as a 500 or a timeout would. */
    private static final class Platform implements JobEvents {
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();
        final List<Long> posted = new CopyOnWriteArrayList<>();
        volatile DeliveryCheck answer = DeliveryCheck.NOT_DELIVERED;
        volatile boolean refuse;
        volatile CountDownLatch gate;

        @Override
        public Optional<String> deliver(Job job) throws Exception {
            calls.incrementAndGet();
            if (gate != null) {
                gate.await();
            }
            if (refuse) {
                throw new UndeliverableException("the bot was removed from the chat");
            }
            if (failures.getAndDecrement() > 0) {
                throw new IOException("500 Internal Server Error");
            }
            posted.add(job.id());
            return Optional.of("m" + job.id());
        }

        @Override
        public DeliveryCheck check(Job job) {
            return answer;
        }
    }
}

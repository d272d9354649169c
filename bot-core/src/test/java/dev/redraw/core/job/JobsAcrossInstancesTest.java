package dev.redraw.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redraw.core.StartupException;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcJobStore;
import dev.redraw.core.storage.OnEachDatabase;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.storage.TestPostgres;
import dev.redraw.core.testing.StoredRequests;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Several instances, each with its own pool, job store and runner, on one database: jobs are
 * claimed by one of them, the per-user and per-provider limits count every instance's jobs, and a
 * job whose instance died is taken over once its lease runs out.
 */
class JobsAcrossInstancesTest extends OnEachDatabase {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final RunnerTiming QUICK = new RunnerTiming(Duration.ofMillis(900), Duration.ofMillis(100));

    private final String url = engine.url();
    private final List<Database> databases = new ArrayList<>();
    private final List<JobRunner> runners = new ArrayList<>();
    /** Results posted, by job, across every instance. */
    private final Map<Long, Integer> posted = new ConcurrentHashMap<>();

    JobsAcrossInstancesTest(TestDatabase.Engine engine) {
        super(engine);
    }

    @AfterEach
    void close() {
        runners.forEach(JobRunner::halt);
        databases.forEach(Database::close);
    }

    private record Instance(JdbcJobStore store, JobRunner runner, RecordingEvents events) {}

    private Instance instance(String name, RunnerLimits limits, JobRunner.Executor work) {
        return instance(name, limits, work, QUICK);
    }

    /** An instance whose runner has started. */
    private Instance started(String name, RunnerLimits limits, JobRunner.Executor work) {
        var instance = instance(name, limits, work);
        instance.runner().start();
        return instance;
    }

    private Instance instance(String name, RunnerLimits limits, JobRunner.Executor work, JobEvents sink) {
        return instance(name, limits, work, QUICK, sink);
    }

    private Instance instance(String name, RunnerLimits limits, JobRunner.Executor work, RunnerTiming timing) {
        return instance(name, limits, work, timing, null);
    }

    private Instance instance(
            String name, RunnerLimits limits, JobRunner.Executor work, RunnerTiming timing, JobEvents sink) {
        var database = Database.open(new Database.Settings(url, Optional.empty(), Optional.empty(), 6));
        databases.add(database);
        var clock = Clock.systemUTC();
        var store = new JdbcJobStore(
                database.dataSource(), clock, new JdbcConversationStore(database.dataSource(), clock), name);
        var events = new RecordingEvents(posted);
        var runner = new JobRunner(
                store, work, sink == null ? events : sink, limits, timing, Executors.newVirtualThreadPerTaskExecutor());
        runners.add(runner);
        return new Instance(store, runner, events);
    }

    /**
     * A job that instance {@code name} started with {@code work} and then died with: it stops
     * renewing the lease, and its result never comes unless the test releases it.
     */
    private Job runningOnADeadInstance(String name, RunnerLimits limits, GatedExecutor work) {
        var dying = instance(name, limits, work);
        dying.runner().start();
        Job job = StoredRequests.accept(dying.store(), user("alice"), "p");
        dying.runner().enqueue(job);
        work.awaitStarted(1);
        dying.runner().halt();
        return job;
    }

    private static Origin user(String name) {
        return new Origin("telegram", "chat-" + name, name);
    }

    @Test
    void aJobAcceptedByOneInstanceIsRunByAnother() throws Exception {
        var executor = new GatedExecutor();
        executor.openAll();
        var accepting = instance("a", RunnerLimits.DEFAULTS, executor);
        var running = instance("b", RunnerLimits.DEFAULTS, executor);
        running.runner().start();

        // Instance a stores the request and is gone before it could run it.
        Job job = StoredRequests.accept(accepting.store(), user("alice"), "p");

        Awaitility.await().atMost(WAIT).until(() -> posted.containsKey(job.id()));
        assertThat(running.store().find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(executor.started).containsExactly(job.id());
        assertThat(running.events().log()).contains("started " + job.id());
    }

    @Test
    void aStatusMessageTheAcceptingInstanceRecordsGoesWithTheResultUnlessTheJobFinishedFirst() {
        var work = new GatedExecutor();
        var accepting = instance("a", RunnerLimits.DEFAULTS, work);
        var running = instance("b", RunnerLimits.DEFAULTS, work);
        Job queued = StoredRequests.accept(accepting.store(), user("alice"), "p");
        assertThat(accepting.store().recordStatusMessageWhileUnfinished(queued.id(), "41"))
                .as("recorded while queued")
                .isTrue();
        running.runner().start();
        Job started = StoredRequests.accept(accepting.store(), user("bob"), "p");
        work.awaitStarted(2);
        assertThat(accepting.store().recordStatusMessageWhileUnfinished(started.id(), "42"))
                .as("recorded while running")
                .isTrue();
        Job late = StoredRequests.accept(accepting.store(), user("carol"), "p");
        work.awaitStarted(3);
        work.openAll();
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> posted.keySet().containsAll(List.of(queued.id(), started.id(), late.id())));

        // The accepting instance's status message for Carol's job arrives only after the job finished
        // on the other one, which posted the result without it: the record is refused, so the
        // message is removed by the instance that posted it rather than edited or kept by anyone.
        assertThat(accepting.store().recordStatusMessageWhileUnfinished(late.id(), "43"))
                .as("recorded after the finish")
                .isFalse();
        assertThat(running.store().find(late.id()).orElseThrow().statusMessageId())
                .isEmpty();
        assertThat(running.events().statusAtDelivery)
                .containsEntry(queued.id(), Optional.of("41"))
                .containsEntry(started.id(), Optional.of("42"))
                .containsEntry(late.id(), Optional.empty());
    }

    @Test
    void aStatusRecordThatMeetsAFinishUnderWayWaitsForItAndIsThenRefused() throws Exception {
        var instance = instance("a", RunnerLimits.DEFAULTS, new GatedExecutor());
        Job job = StoredRequests.accept(instance.store(), user("alice"), "p");
        var source = databases.getFirst().dataSource();
        try (var finishing = source.getConnection()) {
            // Another instance's finish, not yet committed, holds the job's row.
            finishing.setAutoCommit(false);
            try (var update = finishing.prepareStatement("UPDATE jobs SET status = 'SUCCEEDED' WHERE id = ?")) {
                update.setLong(1, job.id());
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            var record = CompletableFuture.supplyAsync(
                    () -> instance.store().recordStatusMessageWhileUnfinished(job.id(), "44"));
            Awaitility.await().atMost(WAIT).until(() -> waitingForARowLock(source));
            assertThat(record).isNotDone();
            finishing.commit();
            assertThat(record.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("read again once the finish committed, the job has finished")
                    .isFalse();
        }
        assertThat(instance.store().find(job.id()).orElseThrow().statusMessageId())
                .isEmpty();
    }

    /** Whether a status record of this database waits for a row another transaction holds. */
    private static boolean waitingForARowLock(DataSource source) throws SQLException {
        try (var connection = source.getConnection()) {
            String sql = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")
                    ? "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                            + " AND datname = current_database() AND query LIKE 'UPDATE jobs SET status_message_id%'"
                    : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL"
                            + " AND EXECUTING_STATEMENT LIKE 'UPDATE jobs SET status_message_id%'";
            try (var query = connection.createStatement();
                    var rows = query.executeQuery(sql)) {
                return rows.next() && rows.getLong(1) > 0;
            }
        }
    }

    @Test
    void aUserJustServedByAnotherInstanceWaitsBehindOneNotServed() throws Exception {
        var open = new GatedExecutor();
        open.openAll();
        var other = instance("a", RunnerLimits.DEFAULTS, open);
        other.runner().start();
        Job earlier = StoredRequests.accept(other.store(), user("alice"), "p");
        other.runner().enqueue(earlier);
        Awaitility.await().atMost(WAIT).until(() -> posted.containsKey(earlier.id()));
        other.runner().halt();

        // One place: Carol's job holds it while Alice's and then Bob's wait.
        var gated = new GatedExecutor();
        var here = instance("b", new RunnerLimits(1, 8, 1, 2), gated);
        here.runner().start();
        Job carols = StoredRequests.accept(here.store(), user("carol"), "p");
        here.runner().enqueue(carols);
        gated.awaitStarted(1);
        Job alices = StoredRequests.accept(here.store(), user("alice"), "p");
        here.runner().enqueue(alices);
        Job bobs = StoredRequests.accept(here.store(), user("bob"), "p");
        here.runner().enqueue(bobs);

        gated.release(carols.id());
        gated.awaitStarted(2);
        assertThat(gated.started.get(1))
                .as("Bob, served nowhere yet, before Alice, whom the other instance just served")
                .isEqualTo(bobs.id());
        gated.openAll();
        Awaitility.await().atMost(WAIT).until(() -> posted.containsKey(alices.id()));
    }

    @Test
    void theLimitsPerUserAndPerProviderCountEveryInstancesJobs() throws Exception {
        var executor = new GatedExecutor();
        var limits = new RunnerLimits(8, 3, 1, 2);
        var first = started("a", limits, executor);
        var second = started("b", limits, executor);
        List<Job> alices = new ArrayList<>();
        List<Job> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            alices.add(StoredRequests.accept(first.store(), user("alice"), "p"));
            alices.add(StoredRequests.accept(second.store(), user("alice"), "p"));
            others.add(StoredRequests.accept(i % 2 == 0 ? first.store() : second.store(), user("user" + i), "p"));
        }

        // One of Alice's jobs and two others fill the provider's three places, on both instances together.
        executor.awaitStarted(3);
        executor.awaitNoMoreStartThan(3);
        assertThat(executor.started.stream().filter(id -> alices.stream().anyMatch(j -> j.id() == id)))
                .hasSizeLessThanOrEqualTo(1);

        executor.openAll();
        List<Long> all = new ArrayList<>();
        alices.forEach(job -> all.add(job.id()));
        others.forEach(job -> all.add(job.id()));
        Awaitility.await().atMost(WAIT).until(() -> posted.keySet().containsAll(all));
        assertThat(executor.started).as("each job ran once").hasSize(all.size()).doesNotHaveDuplicates();
        assertThat(posted)
                .as("each result posted once")
                .allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
    }

    @Test
    void aJobIsClaimedAsItIsStoredOnlyWhereTheLimitsOfEveryInstanceLetItStart() throws Exception {
        var executor = new GatedExecutor();
        var limits = new RunnerLimits(8, 8, 1, 2);
        var first = started("a", limits, executor);
        var second = started("b", limits, executor);
        Job running = StoredRequests.submitStarting(second.store(), second.runner(), user("alice"), "p");
        assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
        executor.awaitStarted(1);

        // Instance a has room, but Alice's one place is taken on instance b: stored queued.
        Job waiting = StoredRequests.submitStarting(first.store(), first.runner(), user("alice"), "p");
        assertThat(waiting.status()).isEqualTo(JobStatus.QUEUED);
        Job bobs = StoredRequests.submitStarting(first.store(), first.runner(), user("bob"), "p");
        assertThat(bobs.status()).isEqualTo(JobStatus.RUNNING);
        executor.awaitStarted(2);
        executor.awaitNoMoreStartThan(2);

        executor.openAll();
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> posted.keySet().containsAll(List.of(running.id(), waiting.id(), bobs.id())));
        assertThat(executor.started).as("each job ran once").hasSize(3).doesNotHaveDuplicates();
        assertThat(posted).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
        assertThat(first.store().find(waiting.id()).orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void aJobWhoseInstanceDiedIsTakenOverOnceItsLeaseRunsOut() throws Exception {
        var dying = new GatedExecutor();
        Job job = runningOnADeadInstance("a", RunnerLimits.DEFAULTS, dying);

        var taking = new GatedExecutor();
        taking.openAll();
        var second = started("b", RunnerLimits.DEFAULTS, taking);

        Awaitility.await().atMost(WAIT).until(() -> posted.containsKey(job.id()));
        Job finished = second.store().find(job.id()).orElseThrow();
        assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(finished.attempts()).as("one attempt each").isEqualTo(2);
        assertThat(taking.started).containsExactly(job.id());

        // The first instance's late answer is not recorded over the one that counts.
        dying.release(job.id());
        Awaitility.await()
                .during(Duration.ofMillis(300))
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(posted.get(job.id())).isEqualTo(1));
    }

    @Test
    void aTakenOverJobRunsAtMostMaxAttemptsTimesInAll() throws Exception {
        var limits = new RunnerLimits(8, 8, 2, 1);
        Job job = runningOnADeadInstance("a", limits, new GatedExecutor());

        var taking = new GatedExecutor();
        taking.openAll();
        var second = started("b", limits, taking);

        Awaitility.await().atMost(WAIT).until(() -> posted.containsKey(job.id()));
        assertThat(second.store().find(job.id()).orElseThrow().outcome()).hasValue(OutcomeKind.INTERRUPTED);
        assertThat(taking.started).as("not run a second time").isEmpty();
    }

    @Test
    void anInstanceRestartedUnderItsNameTakesBackItsJobsAtOnce() throws Exception {
        Job job = runningOnADeadInstance("a", RunnerLimits.DEFAULTS, new GatedExecutor());

        var after = new GatedExecutor();
        after.openAll();
        var restarted = instance("a", RunnerLimits.DEFAULTS, after);
        var other = instance("b", RunnerLimits.DEFAULTS, after);
        other.runner().start();
        restarted.runner().start();

        Awaitility.await().atMost(WAIT).until(() -> posted.containsKey(job.id()));
        assertThat(restarted.events().log())
                .as("taken back by its own instance")
                .contains("started " + job.id());
        assertThat(other.events().log()).doesNotContain("started " + job.id());
    }

    @Test
    void onPostgresqlANewJobWakesAnIdleInstanceAtOnceRatherThanAtItsNextPoll() throws Exception {
        Assumptions.assumeTrue(engine == TestDatabase.Engine.POSTGRESQL, "H2 has no notifications");
        // Polls a minute apart: only a notification can start the job within the wait below.
        var slow = new RunnerTiming(Duration.ofMinutes(3), Duration.ofMinutes(1));
        var executor = new GatedExecutor();
        executor.openAll();
        var accepting = instance("a", RunnerLimits.DEFAULTS, executor, slow);
        var idle = instance("b", RunnerLimits.DEFAULTS, executor, slow);
        idle.runner().start();
        // The idle runner is listening once its first wait began; a job accepted before that would
        // be found by its start instead.
        Awaitility.await().atMost(WAIT).until(() -> TestPostgres.get().listeners(TestPostgres.databaseOf(url)) > 0);

        Job job = StoredRequests.accept(accepting.store(), user("alice"), "p");

        Awaitility.await().atMost(WAIT).until(() -> posted.containsKey(job.id()));
        assertThat(idle.events().log()).contains("started " + job.id());
    }

    @Test
    void aCancelPressedOnOneInstanceStopsTheJobAnotherRuns() throws Exception {
        var executor = new GatedExecutor();
        var holder = instance("a", RunnerLimits.DEFAULTS, executor);
        var pressed = instance("b", RunnerLimits.DEFAULTS, executor);
        holder.runner().start();
        pressed.runner().start();
        Job running = StoredRequests.accept(holder.store(), user("alice"), "p");
        holder.runner().enqueue(running);
        executor.awaitStarted(1);

        assertThat(pressed.runner().cancel(running.id(), "telegram:mallory", false))
                .as("someone else's")
                .isEqualTo(JobRunner.CancelResult.NOT_FOUND);
        assertThat(pressed.runner().cancel(running.id(), running.userKey(), false))
                .isEqualTo(JobRunner.CancelResult.CANCELLING);

        Awaitility.await().atMost(WAIT).until(() -> posted.containsKey(running.id()));
        assertThat(holder.store().find(running.id()).orElseThrow().outcome()).hasValue(OutcomeKind.CANCELLED);
        assertThat(pressed.runner().cancel(running.id(), running.userKey(), false))
                .isEqualTo(JobRunner.CancelResult.ALREADY_FINISHED);
    }

    @Test
    void aJobAnotherInstanceAcceptedIsCancelledBeforeItStarts() throws Exception {
        var executor = new GatedExecutor();
        // The holder's only place is taken, so Alice's second job waits in the database.
        var limits = new RunnerLimits(1, 1, 1, 2);
        var holder = instance("a", limits, executor);
        var pressed = instance("b", limits, executor);
        holder.runner().start();
        Job first = StoredRequests.accept(holder.store(), user("alice"), "p");
        holder.runner().enqueue(first);
        executor.awaitStarted(1);
        Job waiting = StoredRequests.accept(holder.store(), user("alice"), "p");
        holder.runner().enqueue(waiting);

        assertThat(pressed.runner().cancel(waiting.id(), waiting.userKey(), false))
                .isEqualTo(JobRunner.CancelResult.CANCELLED);

        executor.openAll();
        Awaitility.await().atMost(WAIT).until(() -> posted.containsKey(first.id()) && posted.containsKey(waiting.id()));
        assertThat(holder.store().find(waiting.id()).orElseThrow().outcome()).hasValue(OutcomeKind.CANCELLED);
        executor.awaitNoMoreStartThan(1);
    }

    @Test
    void aSecondRunningInstanceOfTheSameNameIsRefusedAtStart() throws Exception {
        Assumptions.assumeTrue(engine == TestDatabase.Engine.POSTGRESQL, "an H2 file is open in one process only");
        var executor = new GatedExecutor();
        instance("a", RunnerLimits.DEFAULTS, executor).runner().start();
        var twin = instance("a", RunnerLimits.DEFAULTS, executor);

        assertThatThrownBy(() -> twin.runner().start())
                .isInstanceOf(StartupException.class)
                .hasMessage("jobs.instance: another running instance is named 'a' on this database;"
                        + " give each instance its own name");
    }

    @Test
    void aJobFoundByTheRunnersOwnLookAndThenQueuedByItsDeskRunsOnce() throws Exception {
        var executor = new GatedExecutor();
        var node = instance("a", RunnerLimits.DEFAULTS, executor);
        Job job = StoredRequests.accept(node.store(), user("alice"), "p");

        node.runner().adopt(job);
        node.runner().enqueue(job);
        executor.openAll();

        Awaitility.await().atMost(WAIT).until(() -> posted.containsKey(job.id()));
        executor.awaitNoMoreStartThan(1);
        assertThat(executor.started).containsExactly(job.id());
    }

    @Test
    void aClaimIsNotTakenTwiceByItsProcessButIsTakenBackByALaterProcessOfTheSameName() {
        var first = instance("a", RunnerLimits.DEFAULTS, new GatedExecutor());
        Job job = StoredRequests.accept(first.store(), user("alice"), "p");
        Duration lease = Duration.ofMinutes(5);

        assertThat(first.store().claim(job.id(), lease, RunnerLimits.DEFAULTS, true))
                .isPresent();
        assertThat(first.store().claim(job.id(), lease, RunnerLimits.DEFAULTS, true))
                .isEmpty();
        assertThat(instance("b", RunnerLimits.DEFAULTS, new GatedExecutor())
                        .store()
                        .claim(job.id(), lease, RunnerLimits.DEFAULTS, true))
                .as("another instance, while the lease lasts")
                .isEmpty();

        var restarted = instance("a", RunnerLimits.DEFAULTS, new GatedExecutor());
        assertThat(restarted.store().claimable(true)).extracting(Job::id).contains(job.id());
        assertThat(restarted.store().claim(job.id(), lease, RunnerLimits.DEFAULTS, false))
                .hasValueSatisfying(held -> assertThat(held.attempts()).isEqualTo(1));
    }

    @Test
    void aClaimGivesWayToATransactionHoldingTheJobsRowRatherThanWaitingForIt() throws Exception {
        var node = instance("a", RunnerLimits.DEFAULTS, new GatedExecutor());
        Job job = StoredRequests.accept(node.store(), user("alice"), "p");
        Duration lease = Duration.ofMinutes(5);

        try (var holder = databases.getFirst().dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("SELECT id FROM jobs WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, job.id());
                lock.executeQuery().close();
            }
            var claim = CompletableFuture.supplyAsync(
                    () -> node.store().claim(job.id(), lease, RunnerLimits.DEFAULTS, true));
            assertThat(claim.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("a claim while another transaction holds the row")
                    .isEmpty();
            holder.rollback();
        }
        assertThat(node.store().claim(job.id(), lease, RunnerLimits.DEFAULTS, true))
                .isPresent();
    }

    @Test
    void aProcessRenewsTheLeasesOfTheJobsItRunsAndLetsTheOthersRunOut() {
        var node = instance("a", RunnerLimits.DEFAULTS, new GatedExecutor());
        Job running = StoredRequests.accept(node.store(), user("alice"), "p");
        Job stuck = StoredRequests.accept(node.store(), user("bob"), "p");
        Duration brief = Duration.ofMillis(200);
        node.store().claim(running.id(), brief, RunnerLimits.DEFAULTS, true).orElseThrow();
        node.store().claim(stuck.id(), brief, RunnerLimits.DEFAULTS, true).orElseThrow();

        node.store().renewLeases(Duration.ofMinutes(5), List.of(running.id()));

        // The job this process no longer runs (its finish failed, say) becomes another's to take.
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> node.store().claimable(false).stream().anyMatch(job -> job.id() == stuck.id()));
        assertThat(node.store().claimable(false)).extracting(Job::id).doesNotContain(running.id());
    }

    @Test
    void aResultItsInstanceDiedBeforePostingIsPostedOnceByAnother() throws Exception {
        var executor = new GatedExecutor();
        executor.openAll();
        var posting = new java.util.concurrent.CountDownLatch(1);
        // The first instance finishes the job and dies while its post hangs.
        JobEvents hanging = new JobEvents() {
            @Override
            public Optional<String> deliver(Job job) throws Exception {
                posting.countDown();
                new java.util.concurrent.CountDownLatch(1).await();
                return Optional.empty();
            }

            @Override
            public DeliveryCheck check(Job job) {
                return DeliveryCheck.NOT_DELIVERED;
            }
        };
        var dying = instance("a", RunnerLimits.DEFAULTS, executor, hanging);
        dying.runner().start();
        Job job = StoredRequests.accept(dying.store(), user("alice"), "p");
        dying.runner().enqueue(job);
        assertThat(posting.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        dying.runner().halt();

        var second = instance("b", RunnerLimits.DEFAULTS, executor);
        var third = instance("c", RunnerLimits.DEFAULTS, executor);
        second.runner().start();
        third.runner().start();

        Awaitility.await().atMost(WAIT).until(() -> posted.containsKey(job.id()));
        Awaitility.await()
                .during(Duration.ofMillis(500))
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(posted.get(job.id())).isEqualTo(1));
        assertThat(second.store().find(job.id()).orElseThrow().delivery()).isEqualTo(DeliveryState.DELIVERED);
    }
}

package dev.redraw.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.access.AccessPolicy;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.generation.GenerateCommand;
import dev.redraw.core.generation.GeneratedImage;
import dev.redraw.core.generation.ImageProvider;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.generation.ProviderRoute;
import dev.redraw.core.history.HistoryLimits;
import dev.redraw.core.job.DeliveryState;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobEvents;
import dev.redraw.core.job.JobRunner;
import dev.redraw.core.job.RunnerLimits;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.provider.routing.ProviderRouter;
import dev.redraw.core.quota.QuotaPolicy;
import dev.redraw.core.quota.Quotas;
import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.request.GenerationService.Defaults;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcImageStore;
import dev.redraw.core.storage.JdbcJobStore;
import dev.redraw.core.storage.OnEachDatabase;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.testing.QueuedProvider;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestDeskTest extends OnEachDatabase {

    RequestDeskTest(TestDatabase.Engine engine) {
        super(engine);
    }

    private static final Origin ALICE = new Origin("telegram", "9", "alice");
    private static final Origin BOB = new Origin("telegram", "9", "bob");
    private static final Origin MALLORY = new Origin("telegram", "9", "mallory");

    private final Database database = engine.open();
    private final JdbcConversationStore turns = new JdbcConversationStore(database.dataSource(), Clock.systemUTC());
    private final JdbcJobStore jobs = new JdbcJobStore(database.dataSource(), Clock.systemUTC(), turns);
    private final QueuedProvider provider = new QueuedProvider();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final GenerationService generation = generationService(provider);
    private final JobRunner runner = new JobRunner(
            jobs, generation::execute, new Sink(), RunnerLimits.DEFAULTS, Executors.newVirtualThreadPerTaskExecutor());
    private final RequestDesk desk = new RequestDesk(
            turns,
            new AccessPolicy(
                    Set.of(),
                    AccessPolicy.Lists.EMPTY,
                    new AccessPolicy.Lists(Set.of("telegram:mallory"), Set.of(), Set.of())),
            new Quotas(
                    new QuotaPolicy(1, Duration.ofHours(24), OptionalInt.empty(), Map.of()), jobs, Clock.systemUTC()),
            generation,
            runner,
            jobs,
            Clock.systemUTC());

    @AfterEach
    void close() {
        held.forEach(JobRunner::halt);
        runner.halt();
        database.close();
    }

    @Test
    void anAcceptedRequestIsStoredQueuedRunAndDelivered() throws Exception {
        provider.answer(new Outcome.Images(
                List.of(new GeneratedImage(TestImages.png(8, 8, Color.RED), Optional.empty())), Optional.empty()));

        Submission submission = desk.submit(command(ALICE), Optional.of("msg-1"));

        var accepted = (Submission.Accepted) submission;
        assertThat(accepted.job().requestMessageId()).contains("msg-1");
        assertThat(runner.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(jobs.find(accepted.job().id()).orElseThrow().delivery()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(delivered).containsExactly("job " + accepted.job().id() + " IMAGES");
    }

    @Test
    void deniedUsersAndUsersOverTheirQuotaAreToldAndNothingIsStored() throws Exception {
        provider.answer(new Outcome.Images(
                List.of(new GeneratedImage(TestImages.png(8, 8, Color.RED), Optional.empty())), Optional.empty()));
        desk.submit(command(ALICE), Optional.empty());
        runner.awaitIdle(Duration.ofSeconds(10));

        Submission denied = desk.submit(command(MALLORY), Optional.empty());
        Submission overQuota = desk.submit(command(ALICE), Optional.empty());

        assertThat(denied).isEqualTo(new Submission.Refused(new Refusal.NotAllowed(Refusal.NotAllowed.Reason.DENIED)));
        assertThat(((Submission.Refused) overQuota).refusal()).isInstanceOfSatisfying(Refusal.QuotaUsed.class, used -> {
            assertThat(used.used()).isEqualTo(1);
            assertThat(used.limit()).isEqualTo(1);
        });
        assertThat(jobs.unfinished()).isEmpty();
        assertThat(provider.requests).hasSize(1);
        UsageReport report = desk.usage(ALICE);
        assertThat(report.own().used()).isEqualTo(1);
        assertThat(report.own().limit()).isEqualTo(1);
        assertThat(report.admin()).isFalse();
    }

    @Test
    void whileShuttingDownNewRequestsAreRefusedAndNotStored() throws Exception {
        runner.shutdown(Duration.ZERO);

        assertThat(desk.submit(command(ALICE), Optional.empty()))
                .isEqualTo(new Submission.Refused(new Refusal.Restarting()));
        assertThat(jobs.unfinished()).isEmpty();
    }

    @Test
    void aRerollAsksTheSameQuestionAgainOnASiblingBranchForWhoeverPressedIt() throws Exception {
        var desk = openDesk();
        var first = answeredFor(desk, ALICE);
        long answer = jobs.find(first.job().id()).orElseThrow().modelTurnId().orElseThrow();

        var reroll = (Submission.Accepted) desk.reroll(answer, BOB, Optional.empty());
        runner.awaitIdle(Duration.ofSeconds(10));

        assertThat(reroll.userTurn().parentId()).isEqualTo(first.userTurn().parentId());
        assertThat(reroll.userTurn().text()).isEqualTo("a fox");
        assertThat(reroll.userTurn().origin()).isEqualTo(BOB);
        assertThat(provider.requests).hasSize(2);
    }

    @Test
    void forgetDeletesAUsersTurnsAndImagesButKeepsOthersRemixes() throws Exception {
        var desk = openDesk();
        var first = answeredFor(desk, ALICE);
        long answer = jobs.find(first.job().id()).orElseThrow().modelTurnId().orElseThrow();
        var remix = (Submission.Accepted) desk.submit(
                new GenerateCommand(
                        BOB, OptionalLong.of(answer), "in winter", List.of(), Optional.empty(), Optional.empty()),
                Optional.empty());
        runner.awaitIdle(Duration.ofSeconds(10));

        assertThat(desk.forget(ALICE)).isEmpty();

        assertThat(turns.find(first.userTurn().id())).isEmpty();
        assertThat(turns.find(answer)).isEmpty();
        assertThat(turns.find(remix.userTurn().id()))
                .hasValueSatisfying(turn -> assertThat(turn.parentId()).isEmpty());
        assertThat(jobs.find(first.job().id())).isEmpty();
    }

    @Test
    void forgettingKeepsWhatQuotasAndUsageReportsCount() throws Exception {
        provider.answer(image());
        desk.submit(command(ALICE), Optional.empty());
        assertThat(runner.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(desk.forget(ALICE)).isEmpty();

        assertThat(turns.highestMessageNumber("telegram", "9")).isEmpty();
        assertThat(desk.submit(command(ALICE), Optional.empty()))
                .isInstanceOfSatisfying(
                        Submission.Refused.class,
                        refused -> assertThat(refused.refusal())
                                .isInstanceOfSatisfying(
                                        Refusal.QuotaUsed.class,
                                        used -> assertThat(used.used()).isEqualTo(1)));
        assertThat(desk.usage(ALICE).own().used()).isEqualTo(1);
        assertThat(jobs.usage(java.time.LocalDate.now(java.time.ZoneOffset.UTC), Optional.empty()))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.userId()).isEqualTo("alice");
                    assertThat(row.images()).isEqualTo(1);
                });
        assertThat(jobs.imagesSince(java.time.Instant.EPOCH)).isEqualTo(1);
    }

    @Test
    void aBareCancelStopsTheOneRequestTheUserHasInProgressInThatChat() throws Exception {
        var held = new Held();
        var submitted = (Submission.Accepted) held.desk.submit(command(ALICE), Optional.empty());
        held.provider.awaitCalls(1);

        assertThat(held.desk.cancelInChat(BOB)).isEqualTo(new ChatCancel.Nothing());
        assertThat(held.desk.cancelInChat(new Origin("telegram", "10", "alice")))
                .isEqualTo(new ChatCancel.Nothing());
        assertThat(held.desk.cancelInChat(ALICE))
                .isEqualTo(new ChatCancel.Done(submitted.job().id(), JobRunner.CancelResult.CANCELLING));
        assertThat(held.runner.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(jobs.find(submitted.job().id()).orElseThrow().outcome())
                .contains(dev.redraw.core.job.OutcomeKind.CANCELLED);
        assertThat(held.desk.cancelInChat(ALICE)).isEqualTo(new ChatCancel.Nothing());
    }

    @Test
    void aMessageHandledAgainAfterACrashIsTheJobItBecameNotASecondOne() throws Exception {
        var held = new Held();
        var first = held.desk.submitOnce(command(ALICE), Optional.of("501"));
        var again = held.desk.submitOnce(command(ALICE), Optional.of("501"));
        // The same message id in another chat is another message.
        var elsewhere = held.desk.submitOnce(
                new GenerateCommand(
                        new Origin("telegram", "10", "alice"),
                        OptionalLong.empty(),
                        "a fox",
                        List.of(),
                        Optional.empty(),
                        Optional.empty()),
                Optional.of("501"));

        long job = ((Submission.Accepted) first).job().id();
        assertThat(again)
                .isInstanceOfSatisfying(
                        Submission.AlreadyAccepted.class,
                        before -> assertThat(before.job().id()).isEqualTo(job));
        assertThat(elsewhere).isInstanceOf(Submission.Accepted.class);
        // Buttons under one of the bot's messages ask for a new job each time.
        assertThat(held.desk.submit(command(BOB), Optional.of("777"))).isInstanceOf(Submission.Accepted.class);
        assertThat(held.desk.submit(command(BOB), Optional.of("777"))).isInstanceOf(Submission.Accepted.class);
    }

    @Test
    void withSeveralRequestsOnlyTheirOwnerInTheirChatMayPickOneToCancel() throws Exception {
        var held = new Held();
        List<Long> ids = new java.util.ArrayList<>();
        for (String prompt : List.of("a fox", "a lighthouse at dusk", "a cat")) {
            var command = new GenerateCommand(
                    ALICE, OptionalLong.empty(), prompt, List.of(), Optional.empty(), Optional.empty());
            ids.add(((Submission.Accepted) held.desk.submit(command, Optional.empty()))
                    .job()
                    .id());
        }
        held.desk.submit(command(BOB), Optional.empty());
        held.provider.awaitCalls(2);

        var choose = (ChatCancel.Choose) held.desk.cancelInChat(ALICE);
        assertThat(choose.total()).isEqualTo(3);
        assertThat(choose.choices())
                .extracting(CancelChoice::jobId, CancelChoice::prompt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ids.get(0), "a fox"),
                        org.assertj.core.groups.Tuple.tuple(ids.get(1), "a lighthouse at dusk"),
                        org.assertj.core.groups.Tuple.tuple(ids.get(2), "a cat"));

        long queued = ids.get(1);
        assertThat(held.desk.cancelChosen(queued, BOB)).isEqualTo(JobRunner.CancelResult.NOT_YOURS);
        assertThat(held.desk.cancelChosen(queued, new Origin("telegram", "10", "alice")))
                .isEqualTo(JobRunner.CancelResult.NOT_YOURS);
        assertThat(held.desk.cancelChosen(queued, new Origin("discord", "9", "alice")))
                .isEqualTo(JobRunner.CancelResult.NOT_YOURS);
        assertThat(held.desk.cancelChosen(Long.MAX_VALUE, ALICE)).isEqualTo(JobRunner.CancelResult.NOT_YOURS);
        assertThat(jobs.find(queued).orElseThrow().status().finished()).isFalse();

        assertThat(held.desk.cancelChosen(queued, ALICE)).isEqualTo(JobRunner.CancelResult.CANCELLED);
        assertThat(held.desk.cancelChosen(queued, ALICE)).isEqualTo(JobRunner.CancelResult.ALREADY_FINISHED);
        assertThat(((ChatCancel.Choose) held.desk.cancelInChat(ALICE)).choices())
                .extracting(CancelChoice::jobId)
                .containsExactly(ids.get(0), ids.get(2));
    }

    @Test
    void aBareCancelOffersAtMostAsManyChoicesAsButtonsFit() throws Exception {
        var held = new Held();
        for (int i = 0; i < RequestDesk.MAX_CANCEL_CHOICES + 2; i++) {
            held.desk.submit(command(ALICE), Optional.empty());
        }

        var choose = (ChatCancel.Choose) held.desk.cancelInChat(ALICE);

        assertThat(choose.total()).isEqualTo(RequestDesk.MAX_CANCEL_CHOICES + 2);
        assertThat(choose.choices()).hasSize(RequestDesk.MAX_CANCEL_CHOICES);
    }

    private RequestDesk openDesk() {
        return new RequestDesk(turns, AccessPolicy.OPEN, unlimited(), generation, runner, jobs, Clock.systemUTC());
    }

    /** A request of {@code origin}, answered with an image, with a second image queued for what follows. */
    private Submission.Accepted answeredFor(RequestDesk desk, Origin origin) throws InterruptedException {
        provider.answer(image(), image());
        var first = (Submission.Accepted) desk.submit(command(origin), Optional.empty());
        runner.awaitIdle(Duration.ofSeconds(10));
        return first;
    }

    private Quotas unlimited() {
        return new Quotas(
                new QuotaPolicy(1000, Duration.ofHours(24), OptionalInt.empty(), Map.of()), jobs, Clock.systemUTC());
    }

    private static Outcome image() {
        return new Outcome.Images(
                List.of(new GeneratedImage(TestImages.png(8, 8, Color.RED), Optional.empty())), Optional.empty());
    }

    private static GenerateCommand command(Origin origin) {
        return new GenerateCommand(
                origin, OptionalLong.empty(), "a fox", List.of(), Optional.empty(), Optional.empty());
    }

    /** A desk whose provider holds every request until it is cancelled; one request per user runs at a time. */
    /** The generation service over this test's stores, with {@code provider} as its one provider. */
    private GenerationService generationService(ImageProvider provider) {
        return new GenerationService(
                turns,
                jobs,
                new JdbcImageStore(database.dataSource(), Clock.systemUTC()),
                ModelCatalog.builtIn(),
                ProviderRouter.direct(List.of(new ProviderRoute(provider, List.of("gemini-2.5-flash-image")))),
                new Defaults("gemini-2.5-flash-image", "1:1", HistoryLimits.DEFAULT_BYTE_BUDGET));
    }

    private final class Held {
        final HoldingProvider provider = new HoldingProvider();
        final JobRunner runner;
        final RequestDesk desk;

        Held() {
            var service = generationService(provider);
            runner = new JobRunner(
                    jobs,
                    service::execute,
                    new Sink(),
                    new RunnerLimits(8, 8, 1, 1),
                    Executors.newVirtualThreadPerTaskExecutor());
            desk = new RequestDesk(turns, AccessPolicy.OPEN, unlimited(), service, runner, jobs, Clock.systemUTC());
            held.add(runner);
        }
    }

    private final List<JobRunner> held = new CopyOnWriteArrayList<>();

    /** Answers a request only once its job is cancelled. */
    private static final class HoldingProvider implements dev.redraw.core.generation.ImageProvider {
        private final java.util.concurrent.Semaphore calls = new java.util.concurrent.Semaphore(0);

        void awaitCalls(int count) throws InterruptedException {
            assertThat(calls.tryAcquire(count, 10, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
        }

        @Override
        public String name() {
            return "holding";
        }

        @Override
        public Outcome generate(
                dev.redraw.core.generation.GenerationRequest request, dev.redraw.core.generation.JobContext context) {
            var cancelled = new java.util.concurrent.CountDownLatch(1);
            context.onCancel(cancelled::countDown);
            calls.release();
            try {
                cancelled.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Outcome.Failed(false, "cancelled");
        }
    }

    /** Writes down deliveries; the rest of the events do not matter here. */
    private final class Sink implements JobEvents {
        @Override
        public Optional<String> deliver(Job job) {
            delivered.add("job " + job.id() + " " + job.outcome().orElseThrow());
            return Optional.empty();
        }

        @Override
        public DeliveryCheck check(Job job) {
            return DeliveryCheck.UNKNOWN;
        }
    }
}

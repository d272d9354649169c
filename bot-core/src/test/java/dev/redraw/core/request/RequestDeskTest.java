package dev.redraw.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.access.AccessPolicy;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.generation.GenerateCommand;
import dev.redraw.core.generation.GeneratedImage;
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

class RequestDeskTest {

    private static final Origin ALICE = new Origin("telegram", "9", "alice");
    private static final Origin BOB = new Origin("telegram", "9", "bob");
    private static final Origin MALLORY = new Origin("telegram", "9", "mallory");

    private final Database database = TestDatabase.open();
    private final JdbcConversationStore turns = new JdbcConversationStore(database.dataSource(), Clock.systemUTC());
    private final JdbcJobStore jobs = new JdbcJobStore(database.dataSource(), Clock.systemUTC(), turns);
    private final QueuedProvider provider = new QueuedProvider();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final GenerationService generation = new GenerationService(
            turns,
            jobs,
            new JdbcImageStore(database.dataSource(), Clock.systemUTC()),
            ModelCatalog.builtIn(),
            ProviderRouter.direct(List.of(new ProviderRoute(provider, List.of("gemini-2.5-flash-image")))),
            new Defaults("gemini-2.5-flash-image", "1:1", HistoryLimits.DEFAULT_BYTE_BUDGET));
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

package dev.redraw.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.access.AccessPolicy;
import dev.redraw.core.access.AccessRules;
import dev.redraw.core.access.AdminStore;
import dev.redraw.core.admin.AdminAnswer;
import dev.redraw.core.admin.AdminCommand;
import dev.redraw.core.admin.Administration;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.NewTurn;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobStore;
import dev.redraw.core.job.NewJob;
import dev.redraw.core.job.OutcomeDetails;
import dev.redraw.core.job.OutcomeKind;
import dev.redraw.core.quota.QuotaPolicy;
import dev.redraw.core.quota.Quotas;
import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.telemetry.Telemetry;
import dev.redraw.core.testing.MutableClock;
import dev.redraw.core.testing.RecordingReloads;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The administrators' commands on each database, with two instances over one database: what one
 * decides holds on the other at once, and over a restart (a fresh set of stores).
 */
class AdministrationTest extends OnEachDatabase {

    private static final Origin ADMIN = new Origin("telegram", "1", "900");
    private static final Origin ALICE = new Origin("telegram", "100", "42");
    private static final Origin BOB = new Origin("discord", "200", "7", Optional.of("55"));
    private static final AccessPolicy POLICY =
            new AccessPolicy(Set.of("telegram:900"), AccessPolicy.Lists.EMPTY, AccessPolicy.Lists.EMPTY);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final Database database = engine.open();
    private final Instance one = new Instance();
    private final Instance two = new Instance();

    AdministrationTest(TestDatabase.Engine engine) {
        super(engine);
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** One instance's stores and use cases over the shared database. */
    private final class Instance {
        final JdbcConversationStore conversations = new JdbcConversationStore(database.dataSource(), clock);
        final JdbcJobStore jobs = new JdbcJobStore(database.dataSource(), clock, conversations, "i" + hashCode());
        final JdbcAdminStore admins = new JdbcAdminStore(database.dataSource(), clock);
        final AccessRules access = new AccessRules(POLICY, admins);
        final Quotas quotas = new Quotas(
                new QuotaPolicy(2, Duration.ofHours(24), OptionalInt.empty(), Map.of()), jobs, clock, Telemetry.NONE);
        final RecordingReloads reloads = new RecordingReloads();
        final Map<String, String> circuits = new LinkedHashMap<>(Map.of("gateway", "closed"));
        final Administration administration =
                new Administration(access, quotas, jobs, conversations, () -> circuits, reloads, clock);

        AdminAnswer run(Origin who, AdminCommand command) {
            return administration.run(who, command);
        }
    }

    private static AdminCommand.Target user(Origin origin) {
        return new AdminCommand.User(origin.userKey());
    }

    @Test
    void onlyAdministratorsRunTheCommandsAndNothingChangesForOthers() {
        assertThat(one.run(ALICE, new AdminCommand.Ban(user(BOB)))).isEqualTo(new AdminAnswer.NotAdmin());
        assertThat(one.run(ALICE, new AdminCommand.Pause())).isEqualTo(new AdminAnswer.NotAdmin());
        assertThat(one.run(ALICE, new AdminCommand.Grant(user(ALICE), 100))).isEqualTo(new AdminAnswer.NotAdmin());

        assertThat(two.access.refusal(BOB)).isEmpty();
        assertThat(two.admins.pause()).isEmpty();
        assertThat(two.quotas.status(ALICE, clock.instant()).limit()).isEqualTo(2);
    }

    @Test
    void aBanOnOneInstanceHoldsOnTheOtherAtOnceAndAfterARestartUntilLifted() {
        assertThat(one.run(ADMIN, new AdminCommand.Ban(user(BOB))))
                .isEqualTo(new AdminAnswer.Banned("discord:7", false));

        assertThat(two.access.refusal(BOB)).hasValue(new Refusal.NotAllowed(Refusal.NotAllowed.Reason.BANNED));
        assertThat(two.access.refusal(ALICE)).isEmpty();
        assertThat(new Instance().access.refusal(BOB)).as("after a restart").isPresent();
        assertThat(two.run(ADMIN, new AdminCommand.Ban(user(BOB))))
                .isEqualTo(new AdminAnswer.Banned("discord:7", true));

        assertThat(two.run(ADMIN, new AdminCommand.Unban(user(BOB))))
                .isEqualTo(new AdminAnswer.Unbanned("discord:7", true));
        assertThat(one.access.refusal(BOB)).isEmpty();
        assertThat(one.run(ADMIN, new AdminCommand.Unban(user(BOB))))
                .isEqualTo(new AdminAnswer.Unbanned("discord:7", false));
    }

    @Test
    void anAdministratorOfTheConfigurationCannotBeBanned() {
        assertThat(one.run(ADMIN, new AdminCommand.Ban(user(ADMIN))))
                .isEqualTo(new AdminAnswer.AdminUntouchable("telegram:900"));
        assertThat(one.admins.bans()).isEmpty();
    }

    @Test
    void aReplyToAResultBansWhoAskedForItOnlyWhenTheMessageIsKnownInThatChat() {
        var asked = one.conversations.append(new NewTurn(
                OptionalLong.empty(),
                Role.USER,
                List.of(new Part.Text("a fox")),
                ALICE,
                Optional.of("m"),
                Optional.empty()));
        var answered = one.conversations.append(new NewTurn(
                OptionalLong.of(asked.id()),
                Role.MODEL,
                List.of(new Part.Text("here")),
                ALICE,
                Optional.of("m"),
                Optional.empty()));
        one.conversations.link(new MessageRef("telegram", "100", "77"), answered.id());

        assertThat(one.run(
                        ADMIN,
                        new AdminCommand.Ban(new AdminCommand.AuthorOf(new MessageRef("telegram", "100", "77")))))
                .isEqualTo(new AdminAnswer.Banned("telegram:42", false));
        assertThat(one.run(
                        ADMIN,
                        new AdminCommand.Ban(new AdminCommand.AuthorOf(new MessageRef("telegram", "999", "77")))))
                .as("the same message id in another chat")
                .isEqualTo(new AdminAnswer.UnknownMessage());
    }

    @Test
    void aGrantRaisesTheLimitForOneWindowOnEveryInstance() {
        finishedJob(ALICE, 2);
        assertThat(two.quotas.refusal(ALICE, false)).containsInstanceOf(Refusal.QuotaUsed.class);

        var granted = one.run(ADMIN, new AdminCommand.Grant(user(ALICE), 3));

        assertThat(granted)
                .isEqualTo(new AdminAnswer.Granted("telegram:42", 3, 3, Duration.ofHours(24), clock.instant()));
        assertThat(two.quotas.refusal(ALICE, false)).isEmpty();
        var status = two.quotas.status(ALICE, clock.instant());
        assertThat(status.limit()).isEqualTo(5);
        assertThat(status.granted()).isEqualTo(3);
        assertThat(two.quotas.status(BOB, clock.instant()).limit())
                .as("others keep theirs")
                .isEqualTo(2);

        clock.advance(Duration.ofHours(25));
        assertThat(two.quotas.status(ALICE, clock.instant()).granted())
                .as("a window later")
                .isZero();
    }

    @Test
    void whenImagesFreeUpAgainCountsTheGrantsThatLapseBeforeThen() {
        Instant granted = clock.instant();
        one.run(ADMIN, new AdminCommand.Grant(user(ALICE), 3));
        clock.advance(Duration.ofHours(10));
        finishedJob(ALICE, 1);
        clock.advance(Duration.ofHours(2));
        finishedJob(ALICE, 4);
        clock.advance(Duration.ofHours(1));

        var refusal = (Refusal.QuotaUsed) two.quotas.refusal(ALICE, false).orElseThrow();

        // When the first image leaves (hour 34) the grant has lapsed (hour 24): four still count
        // against two. Only when the four leave (hour 36) is there room.
        Instant expected = granted.plus(Duration.ofHours(36));
        assertThat(refusal.nextFree()).isEqualTo(expected);
        assertThat(two.quotas.status(ALICE, clock.instant()).freeAgainAt(clock.instant()))
                .hasValue(expected);
    }

    @Test
    void aGrantHandledAgainAfterACrashGrantsOnce() {
        var request = Optional.of("telegram:1:77");
        one.administration.run(ADMIN, new AdminCommand.Grant(user(ALICE), 3), request);

        var again = two.administration.run(ADMIN, new AdminCommand.Grant(user(ALICE), 3), request);

        assertThat(again)
                .isEqualTo(new AdminAnswer.Granted("telegram:42", 3, 3, Duration.ofHours(24), clock.instant()));
        assertThat(two.quotas.status(ALICE, clock.instant()).limit()).isEqualTo(5);
        one.administration.run(ADMIN, new AdminCommand.Grant(user(ALICE), 3), Optional.of("telegram:1:78"));
        assertThat(two.quotas.status(ALICE, clock.instant()).granted())
                .as("another message grants again")
                .isEqualTo(6);
    }

    @Test
    void aGrantDoesNotSwitchOnAChatWhereMakingImagesIsSwitchedOff() {
        var quotas = new Quotas(
                new QuotaPolicy(2, Duration.ofHours(24), OptionalInt.empty(), Map.of("telegram:100", 0)),
                one.jobs,
                clock,
                Telemetry.NONE);
        one.run(ADMIN, new AdminCommand.Grant(user(ALICE), 5));

        assertThat(quotas.refusal(ALICE, false)).containsInstanceOf(Refusal.SwitchedOff.class);
        assertThat(quotas.status(ALICE, clock.instant()).limit()).isZero();
        assertThat(quotas.status(new Origin("telegram", "42", "42"), clock.instant())
                        .limit())
                .as("in her private chat the grant counts")
                .isEqualTo(7);
    }

    @Test
    void aPauseRefusesEveryoneButAdministratorsOnEveryInstanceUntilResumed() {
        var paused = one.run(ADMIN, new AdminCommand.Pause());
        assertThat(paused).isEqualTo(new AdminAnswer.Paused(clock.instant(), false));

        assertThat(two.access.refusal(ALICE)).hasValue(new Refusal.Paused(clock.instant()));
        assertThat(two.access.refusal(ADMIN)).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        assertThat(two.run(ADMIN, new AdminCommand.Pause()))
                .isEqualTo(new AdminAnswer.Paused(Instant.parse("2026-03-01T08:00:00Z"), true));

        assertThat(two.run(ADMIN, new AdminCommand.Resume())).isEqualTo(new AdminAnswer.Resumed(true));
        assertThat(one.access.refusal(ALICE)).isEmpty();
        assertThat(one.run(ADMIN, new AdminCommand.Resume())).isEqualTo(new AdminAnswer.Resumed(false));
    }

    @Test
    void grantsAreCountedInsideAnAdmissionOnItsOwnConnection() throws Exception {
        // One connection left to the pool: the admission holds it, so a count read beside it would wait.
        try (var single = Database.open(new Database.Settings(engine.url(), Optional.empty(), Optional.empty(), 2))) {
            var conversations = new JdbcConversationStore(single.dataSource(), clock);
            var store = new JdbcJobStore(single.dataSource(), clock, conversations, "solo");
            new JdbcAdminStore(single.dataSource(), clock).grant("telegram:42", 3, "telegram:900", clock.instant());
            var turn = new NewTurn(
                    OptionalLong.empty(),
                    Role.USER,
                    List.of(new Part.Text("a fox")),
                    ALICE,
                    Optional.of("m"),
                    Optional.empty());
            Job job = store.accept(turn, new NewJob(Optional.empty(), "gateway", "m"))
                    .job();
            store.finish(job.id(), Optional.empty(), OutcomeKind.IMAGES, "", OutcomeDetails.NONE, 2);
            var quotas = new Quotas(
                    new QuotaPolicy(2, Duration.ofHours(24), OptionalInt.empty(), Map.of()),
                    store,
                    clock,
                    Telemetry.NONE);

            Optional<Refusal> three;
            Optional<Refusal> four;
            try (var taken = single.dataSource().getConnection()) {
                three = store.admit(admission -> quotas.refusal(ALICE, false, 3, admission.usage()));
                four = store.admit(admission -> quotas.refusal(ALICE, false, 4, admission.usage()));
            }

            assertThat(three)
                    .as("two made, three granted, two of the limit: room for three")
                    .isEmpty();
            assertThat(four).containsInstanceOf(Refusal.QuotaTooFewLeft.class);
        }
    }

    @Test
    void aUsersStandingReadsTheBanAndThePauseTogether() {
        assertThat(two.admins.standing("discord:7")).isEqualTo(new AdminStore.Standing(false, Optional.empty()));
        one.run(ADMIN, new AdminCommand.Ban(user(BOB)));
        one.run(ADMIN, new AdminCommand.Pause());

        assertThat(two.admins.standing("discord:7"))
                .isEqualTo(new AdminStore.Standing(
                        true, Optional.of(new AdminStore.Pause("telegram:900", clock.instant()))));
        assertThat(two.admins.standing("telegram:42").banned()).isFalse();
    }

    @Test
    void statusShowsCircuitsJobsOfEveryInstanceThePauseAndTheBans() {
        finishedJob(ALICE, 1);
        Job failed = accepted(ALICE, "gateway");
        one.jobs.finish(failed.id(), Optional.empty(), OutcomeKind.FAILED, "", OutcomeDetails.NONE, 0);
        Job refused = accepted(ALICE, "gateway");
        one.jobs.finish(refused.id(), Optional.empty(), OutcomeKind.REFUSED, "", OutcomeDetails.NONE, 0);
        accepted(BOB, "gateway");
        accepted(BOB, "tasks");
        one.run(ADMIN, new AdminCommand.Ban(user(BOB)));
        one.run(ADMIN, new AdminCommand.Pause());
        two.circuits.put("gateway", "open");

        var status = (AdminAnswer.Status) two.run(ADMIN, new AdminCommand.Status());

        assertThat(status.paused()).isPresent();
        assertThat(status.bans()).extracting(b -> b.user()).containsExactly("discord:7");
        assertThat(status.providers())
                .containsExactly(
                        new AdminAnswer.ProviderStatus(
                                "gateway", "open", new JobStore.ProviderActivity("gateway", 1, 0, 1, 1)),
                        new AdminAnswer.ProviderStatus(
                                "tasks", "unused", new JobStore.ProviderActivity("tasks", 1, 0, 0, 0)));
        assertThat(status.queued()).isEqualTo(2);

        clock.advance(Duration.ofHours(2));
        var later = (AdminAnswer.Status) two.run(ADMIN, new AdminCommand.Status());
        assertThat(later.providers().getFirst().jobs())
                .as("finished jobs older than the window drop out")
                .isEqualTo(new JobStore.ProviderActivity("gateway", 1, 0, 0, 0));
    }

    @Test
    void aReloadIsRecordedForEveryInstanceAndRunHere() {
        var answer = one.run(ADMIN, new AdminCommand.Reload());

        assertThat(answer).isInstanceOf(AdminAnswer.Reloaded.class);
        assertThat(one.reloads.generations).containsExactly(1L);
        assertThat(two.admins.reloadGeneration()).isEqualTo(1);
        one.run(ADMIN, new AdminCommand.Reload());
        assertThat(two.admins.reloadGeneration()).isEqualTo(2);
    }

    @Test
    void forgetLeavesBansAndGrantsInPlace() {
        one.run(ADMIN, new AdminCommand.Ban(user(BOB)));
        one.run(ADMIN, new AdminCommand.Grant(user(BOB), 4));

        one.conversations.forget(BOB.platform(), BOB.userId());

        assertThat(two.access.refusal(BOB)).isPresent();
        assertThat(two.admins.grantedSince("discord:7", clock.instant().minusSeconds(60)))
                .isEqualTo(4);
    }

    private Job accepted(Origin origin, String provider) {
        var turn = new NewTurn(
                OptionalLong.empty(),
                Role.USER,
                List.of(new Part.Text("a fox")),
                origin,
                Optional.of("m"),
                Optional.empty());
        return one.jobs
                .accept(turn, new NewJob(Optional.empty(), provider, "m"))
                .job();
    }

    private void finishedJob(Origin origin, int images) {
        Job job = accepted(origin, "gateway");
        one.jobs.finish(job.id(), Optional.empty(), OutcomeKind.IMAGES, "", OutcomeDetails.NONE, images);
    }
}

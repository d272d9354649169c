package dev.redraw.core.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobStore;
import dev.redraw.core.job.OutcomeDetails;
import dev.redraw.core.job.OutcomeKind;
import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcJobStore;
import dev.redraw.core.storage.OnEachDatabase;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.testing.MutableClock;
import dev.redraw.core.testing.StoredRequests;
import dev.redraw.core.text.Messages;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QuotasTest extends OnEachDatabase {

    QuotasTest(TestDatabase.Engine engine) {
        super(engine);
    }

    private static final Origin ALICE = new Origin("telegram", "100", "alice");
    private static final Origin BOB = new Origin("telegram", "100", "bob");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final Database database = engine.open();
    private final JdbcConversationStore turns = new JdbcConversationStore(database.dataSource(), clock);
    private final JdbcJobStore jobs = new JdbcJobStore(database.dataSource(), clock, turns);

    @AfterEach
    void close() {
        database.close();
    }

    private Quotas quotas(int perUser) {
        return quotas(perUser, OptionalInt.empty(), Map.of());
    }

    private Quotas quotas(int perUser, OptionalInt global, Map<String, Integer> overrides) {
        return new Quotas(new QuotaPolicy(perUser, Duration.ofHours(24), global, overrides), jobs, clock);
    }

    /** A job of {@code origin} that finished now with {@code images} charged. */
    private Job finished(Origin origin, OutcomeKind kind, int images) {
        Job job = queued(origin);
        jobs.markRunning(job.id());
        return jobs.finish(job.id(), Optional.empty(), kind, "", OutcomeDetails.NONE, images);
    }

    private Job queued(Origin origin) {
        return StoredRequests.accept(jobs, origin, "p");
    }

    @Test
    void aUsersImagesAreSummedOverTheWindowOnly() {
        finished(ALICE, OutcomeKind.IMAGES, 2);
        clock.advance(Duration.ofHours(2));
        finished(ALICE, OutcomeKind.IMAGES, 3);
        finished(BOB, OutcomeKind.IMAGES, 4);
        finished(new Origin("discord", "100", "alice"), OutcomeKind.IMAGES, 5);

        Instant now = clock.instant();
        assertThat(jobs.imagesSince("telegram", "alice", now.minus(Duration.ofHours(3))))
                .isEqualTo(5);
        assertThat(jobs.imagesSince("telegram", "alice", now.minus(Duration.ofHours(1))))
                .as("the older charge is outside the window")
                .isEqualTo(3);
        assertThat(jobs.imagesSince("telegram", "bob", now.minus(Duration.ofHours(3))))
                .isEqualTo(4);
        assertThat(jobs.imagesSince("telegram", "carol", now.minus(Duration.ofHours(3))))
                .isZero();
        assertThat(jobs.chargesSince("telegram", "alice", now.minus(Duration.ofHours(3))).stream()
                        .mapToInt(JobStore.Charge::images)
                        .sum())
                .as("the same as the charges read one by one")
                .isEqualTo(5);
    }

    @Test
    void theLimitStopsTheNextRequestAndSaysWhenItResets() {
        Quotas quotas = quotas(3);
        finished(ALICE, OutcomeKind.IMAGES, 1);
        clock.advance(Duration.ofHours(1));
        finished(ALICE, OutcomeKind.IMAGES, 2);

        assertThat(said(quotas, ALICE, false))
                .hasValue("You made 3 images in the last 24 h, which is your limit. The next one frees up at"
                        + " 2026-11-21 10:00 UTC (in 23 h 0 min).");
        assertThat(said(quotas, BOB, false)).isEmpty();
        assertThat(said(quotas, ALICE, true)).as("administrators are exempt").isEmpty();
    }

    @Test
    void overALoweredLimitTheNewOneWaitsUntilEnoughHaveLeftTheWindow() {
        for (int hour = 0; hour < 5; hour++) {
            finished(ALICE, OutcomeKind.IMAGES, 1);
            clock.advance(Duration.ofHours(1));
        }
        Quotas lowered = quotas(3);

        // Images of 10:00 … 14:00, now 15:00: three must go, the third leaves at 12:00 tomorrow.
        assertThat(lowered.refusal(ALICE, false))
                .hasValue(new Refusal.QuotaUsed(
                        5, 0, 3, Duration.ofHours(24), Instant.parse("2026-11-21T12:00:00Z"), clock.instant()));
        Quotas.Status status = lowered.status(ALICE, clock.instant());
        assertThat(status.standing()).isEqualTo(Quotas.Status.Standing.OVER);
        assertThat(status.left()).isZero();
        assertThat(status.freeAgainAt(clock.instant())).hasValue(Instant.parse("2026-11-21T12:00:00Z"));

        clock.advance(Duration.ofHours(21));
        assertThat(lowered.refusal(ALICE, false)).isEmpty();
    }

    @Test
    void atTheLimitWithARequestInProgressOneFreeingIsNotEnough() {
        Quotas quotas = quotas(3);
        finished(ALICE, OutcomeKind.IMAGES, 1);
        clock.advance(Duration.ofHours(1));
        finished(ALICE, OutcomeKind.IMAGES, 1);
        clock.advance(Duration.ofHours(1));
        queued(ALICE);
        finished(ALICE, OutcomeKind.IMAGES, 1);

        Refusal refusal = quotas.refusal(ALICE, false).orElseThrow();

        assertThat(refusal)
                .isEqualTo(new Refusal.QuotaUsed(
                        3, 1, 3, Duration.ofHours(24), Instant.parse("2026-11-21T11:00:00Z"), clock.instant()));
        assertThat(((Refusal.QuotaUsed) refusal).nextOneFrees()).isFalse();
        assertThat(quotas.status(ALICE, clock.instant()).standing()).isEqualTo(Quotas.Status.Standing.AT);
    }

    @Test
    void atTheLimitARequestForSeveralWaitsUntilThatManyHaveLeftTheWindow() {
        Quotas quotas = quotas(3);
        for (int hour = 0; hour < 3; hour++) {
            finished(ALICE, OutcomeKind.IMAGES, 1);
            clock.advance(Duration.ofHours(1));
        }

        // Images of 10:00, 11:00 and 12:00, now 13:00: two images fit once the second has aged out.
        assertThat(quotas.refusal(ALICE, false, 2))
                .hasValue(new Refusal.QuotaUsed(
                        3, 0, 3, Duration.ofHours(24), Instant.parse("2026-11-21T11:00:00Z"), clock.instant()));
        assertThat(quotas.refusal(ALICE, false, 1))
                .hasValue(new Refusal.QuotaUsed(
                        3, 0, 3, Duration.ofHours(24), Instant.parse("2026-11-21T10:00:00Z"), clock.instant()));
    }

    @Test
    void underTheLimitNothingNeedsToFreeUp() {
        finished(ALICE, OutcomeKind.IMAGES, 1);
        Quotas.Status status = quotas(3).status(ALICE, clock.instant());

        assertThat(status.standing()).isEqualTo(Quotas.Status.Standing.UNDER);
        assertThat(status.left()).isEqualTo(2);
        assertThat(status.freeAgainAt(clock.instant())).isEmpty();
        assertThat(quotas(0).status(ALICE, clock.instant()).standing()).isEqualTo(Quotas.Status.Standing.SWITCHED_OFF);
    }

    @Test
    void theRollingWindowFreesImagesAsTheyAge() {
        finished(ALICE, OutcomeKind.IMAGES, 2);
        clock.advance(Duration.ofHours(12));
        finished(ALICE, OutcomeKind.IMAGES, 1);
        Quotas quotas = quotas(3);

        clock.advance(Duration.ofHours(11).plusMinutes(59));
        assertThat(said(quotas, ALICE, false)).isPresent();

        clock.advance(Duration.ofMinutes(2));
        assertThat(said(quotas, ALICE, false)).isEmpty();
        assertThat(quotas.status(ALICE, clock.instant()).used()).isEqualTo(1);
    }

    @Test
    void failuresTheUpstreamDidNotChargeDoNotCount() {
        Quotas quotas = quotas(2);
        for (OutcomeKind uncharged : List.of(OutcomeKind.REFUSED, OutcomeKind.FAILED, OutcomeKind.CANCELLED)) {
            finished(ALICE, uncharged, 0);
        }
        finished(ALICE, OutcomeKind.IMAGES, 1);

        assertThat(said(quotas, ALICE, false)).isEmpty();
        assertThat(quotas.status(ALICE, clock.instant()).used()).isEqualTo(1);
    }

    @Test
    void queuedAndRunningJobsHoldTheirImage() {
        Quotas quotas = quotas(2);
        finished(ALICE, OutcomeKind.IMAGES, 1);
        queued(ALICE);

        assertThat(said(quotas, ALICE, false))
                .hasValueSatisfying(
                        message -> assertThat(message).contains("in progress").contains("Wait for them to finish"));
    }

    @Test
    void aChatOverrideChangesTheLimitInThatChat() {
        Origin elsewhere = new Origin("telegram", "200", "alice");
        Quotas quotas = quotas(1, OptionalInt.empty(), Map.of("telegram:200", 5, "telegram:100", 0));
        finished(elsewhere, OutcomeKind.IMAGES, 2);

        assertThat(said(quotas, elsewhere, false)).isEmpty();
        assertThat(said(quotas, ALICE, false)).hasValue("Making images is switched off for you here.");
        assertThat(quotas.limitFor(new Origin("discord", "c", "u", Optional.of("g"))))
                .isEqualTo(1);
    }

    @Test
    void aGuildOverrideAppliesToItsChannels() {
        Origin inGuild = new Origin("discord", "channel", "carol", Optional.of("guild-1"));
        Quotas quotas = quotas(1, OptionalInt.empty(), Map.of("discord:guild-1", 10));

        assertThat(quotas.limitFor(inGuild)).isEqualTo(10);
    }

    @Test
    void theGlobalDailyCapCoversEveryoneUntilMidnightUtc() {
        Quotas quotas = quotas(50, OptionalInt.of(3), Map.of());
        finished(ALICE, OutcomeKind.IMAGES, 2);
        finished(BOB, OutcomeKind.IMAGES, 1);

        assertThat(said(quotas, new Origin("discord", "x", "dave"), false))
                .hasValue("The bot has made its 3 images for today, for everyone. It resets at 2026-11-21 00:00 UTC"
                        + " (in 14 h 0 min).");

        clock.advance(Duration.ofHours(14));
        assertThat(said(quotas, new Origin("discord", "x", "dave"), false)).isEmpty();
    }

    @Test
    void theGlobalDailyCapHoldsBackTheImagesOfRequestsInProgress() {
        Quotas quotas = quotas(50, OptionalInt.of(3), Map.of());
        finished(ALICE, OutcomeKind.IMAGES, 1);
        queued(BOB);

        assertThat(quotas.refusal(new Origin("discord", "x", "dave"), false, 1)).isEmpty();
        assertThat(quotas.refusal(new Origin("discord", "x", "dave"), false, 2))
                .as("one made and one in progress leave one of three")
                .containsInstanceOf(Refusal.GlobalQuotaUsed.class);
    }

    @Test
    void usageIsRecordedPerUserChatModelAndDay() {
        finished(ALICE, OutcomeKind.IMAGES, 2);
        finished(ALICE, OutcomeKind.IMAGES, 1);
        finished(BOB, OutcomeKind.IMAGES, 1);
        clock.advance(Duration.ofDays(1));
        finished(ALICE, OutcomeKind.IMAGES, 4);

        assertThat(jobs.usage(LocalDate.parse("2026-11-20"), Optional.empty()))
                .containsExactly(
                        new JobStore.UsageRow("telegram", "alice", "100", "m", LocalDate.parse("2026-11-20"), 3, 2),
                        new JobStore.UsageRow("telegram", "bob", "100", "m", LocalDate.parse("2026-11-20"), 1, 1),
                        new JobStore.UsageRow("telegram", "alice", "100", "m", LocalDate.parse("2026-11-21"), 4, 1));
        assertThat(jobs.usage(LocalDate.parse("2026-11-21"), Optional.of(new JobStore.UserRef("telegram", "bob"))))
                .isEmpty();
    }

    /** The refusal as an English-speaking user reads it. */
    private static Optional<String> said(Quotas quotas, Origin origin, boolean admin) {
        return quotas.refusal(origin, admin).map(Messages.forLanguage("en")::reason);
    }
}

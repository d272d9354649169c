package dev.redraw.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.OutcomeDetails;
import dev.redraw.core.job.OutcomeKind;
import dev.redraw.core.testing.MutableClock;
import dev.redraw.core.testing.StoredRequests;
import dev.redraw.core.text.Messages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A finished job's outcome is stored as data and read back, and rows from before still read. */
class JdbcJobOutcomeTest extends OnEachDatabase {

    private static final Origin ALICE = new Origin("telegram", "100", "alice");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final Database database = engine.open();
    private final JdbcConversationStore turns = new JdbcConversationStore(database.dataSource(), clock);
    private final JdbcJobStore jobs = new JdbcJobStore(database.dataSource(), clock, turns);

    JdbcJobOutcomeTest(TestDatabase.Engine engine) {
        super(engine);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void everyOutcomesFactsSurviveTheDatabase() {
        List<Outcome> outcomes = List.of(
                new Outcome.Refused("IMAGE_SAFETY"),
                new Outcome.Rejected(Outcome.Rejected.Change.SIZE_OR_RATIO, "bad ratio & size = 7:3 (100%) 不支持"),
                new Outcome.Unauthorized("invalid key"),
                new Outcome.RateLimited(Optional.of(Duration.ofMillis(17_500)), "slow down"),
                new Outcome.RateLimited(Optional.empty(), "slow down"),
                new Outcome.QuotaExhausted("no balance"),
                new Outcome.Failed(true, "HTTP 503"),
                new Outcome.Failed(false, "line one\nline two"),
                new Outcome.Failed(true, Cause.of(Cause.Kind.TIMEOUT, 120)),
                new Outcome.Failed(false, Cause.of(Cause.Kind.PROVIDER_GONE, "relay & co=1")),
                new Outcome.Failed(false, Cause.of(Cause.Kind.UNKNOWN_TASK_STATUS, "exploded"), "engine on fire"),
                new Outcome.Refused(Cause.of(Cause.Kind.FINISH_REASON, "IMAGE_SAFETY"), "I can't draw that."),
                new Outcome.Rejected(Outcome.Rejected.Change.SMALLER, Cause.of(Cause.Kind.HTTP_STATUS, 413), null),
                new Outcome.ModelGone("gemini-2.5-flash-image"));
        for (Outcome outcome : outcomes) {
            OutcomeDetails details = OutcomeDetails.of(outcome);

            Job stored = finish(OutcomeKind.of(outcome), "", details);

            assertThat(stored.outcomeDetails()).as(outcome.toString()).contains(details);
            assertThat(jobs.find(stored.id()).orElseThrow().outcomeDetails()).contains(details);
            assertThat(stored.outcomeMessage()).isEmpty();
        }
        assertThat(finish(OutcomeKind.FAILED, "", OutcomeDetails.internalError())
                        .outcomeDetails())
                .contains(OutcomeDetails.internalError());
        assertThat(OutcomeDetails.of(new Outcome.RateLimited(Optional.of(Duration.ofMillis(17_500)), ""))
                        .retryAfterSeconds())
                .hasValue(18);
    }

    @Test
    void aTextAnswerKeepsTheModelsWords() {
        Job stored = finish(OutcomeKind.TEXT_ONLY, "Which fox?", OutcomeDetails.NONE);

        assertThat(stored.outcomeMessage()).contains("Which fox?");
        assertThat(Messages.forLanguage("zh").outcome(stored))
                .contains("Which fox?")
                .contains("没有生成图片");
    }

    @Test
    void aRowFinishedBeforeOutcomesWereDataIsSaidWithoutItsEnglishSentenceInChinese() throws Exception {
        Job stored = finish(OutcomeKind.RATE_LIMITED, "", OutcomeDetails.NONE);
        String sentence = "The image service is busy right now (rate limited). Try again in 7 s.";
        try (var connection = database.dataSource().getConnection();
                var update = connection.prepareStatement(
                        "UPDATE jobs SET outcome_message = ?, outcome_details = NULL WHERE id = ?")) {
            update.setString(1, sentence);
            update.setLong(2, stored.id());
            update.executeUpdate();
        }

        Job old = jobs.find(stored.id()).orElseThrow();

        assertThat(old.outcomeDetails()).isEmpty();
        assertThat(Messages.forLanguage("en").outcome(old)).isEqualTo("⏳ " + sentence);
        assertThat(Messages.forLanguage("zh").outcome(old))
                .doesNotContain(sentence)
                .contains("一分钟");
    }

    @Test
    void aRowStoredWithTheBotsOwnEnglishReasonIsReadBackAsItsCause() throws Exception {
        Job stored = finish(OutcomeKind.FAILED, "", OutcomeDetails.NONE);
        try (var connection = database.dataSource().getConnection();
                var update = connection.prepareStatement("UPDATE jobs SET outcome_details = ? WHERE id = ?")) {
            update.setString(1, "v=1&transient=1&detail=no+answer+within+120+s");
            update.setLong(2, stored.id());
            update.executeUpdate();
        }

        Job old = jobs.find(stored.id()).orElseThrow();

        assertThat(old.outcomeDetails().orElseThrow().cause()).contains(Cause.of(Cause.Kind.TIMEOUT, 120));
        assertThat(old.outcomeDetails().orElseThrow().detail()).isEmpty();
        assertThat(Messages.forLanguage("zh").outcome(old)).contains("2 分钟").doesNotContain("no answer");
        assertThat(Messages.forLanguage("en").outcome(old)).contains("did not answer within 2 min");
    }

    @Test
    void unreadableStoredFactsAreLeftOutRatherThanFailing() {
        OutcomeDetails read = OutcomeDetails.decode("v=9&change=SOMETHING_NEW&retry=soon&detail=%E4%B8%8D&x");

        assertThat(read.change()).isEmpty();
        assertThat(read.retryAfterSeconds()).isEmpty();
        assertThat(read.detail()).contains("不");
        OutcomeDetails unknownCause = OutcomeDetails.decode("v=2&cause=SOMETHING_NEW&causeNumber=x&detail=words");
        assertThat(unknownCause.cause()).isEmpty();
        assertThat(unknownCause.detail()).contains("words");
        assertThat(OutcomeDetails.decode("v=2&cause=TIMEOUT&causeNumber=x").cause())
                .contains(new Cause(Cause.Kind.TIMEOUT, java.util.OptionalLong.empty(), Optional.empty()));
    }

    private Job finish(OutcomeKind kind, String modelText, OutcomeDetails details) {
        Job job = StoredRequests.accept(jobs, ALICE, "p");
        jobs.markRunning(job.id());
        return jobs.finish(job.id(), Optional.empty(), kind, modelText, details, 0);
    }
}

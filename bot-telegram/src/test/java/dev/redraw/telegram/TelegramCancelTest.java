package dev.redraw.telegram;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.redraw.core.job.JobRunner.CancelResult;
import dev.redraw.core.job.OutcomeKind;
import dev.redraw.core.job.QueueState;
import dev.redraw.core.text.Messages;
import dev.redraw.core.text.TypedNumber;
import dev.redraw.telegram.fake.FakeChat;
import dev.redraw.telegram.fake.FakeTelegram.Call;
import dev.redraw.telegram.fake.FakeTelegram.Kind;
import dev.redraw.telegram.fake.FakeTelegram.SentMessage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /cancel in all its forms, the numbers users type, and what a new job's status says. */
class TelegramCancelTest extends TelegramTestBase {

    private static final Messages EN = Messages.forLanguage("en");
    private static final Messages ZH = Messages.forLanguage("zh");
    private static final FakeChat GROUP = FakeChat.group(-300, "Painters");

    @BeforeEach
    void poll() throws Exception {
        harness.startPolling();
    }

    private static MockResponse slowImage() {
        return image(RED).newBuilder().headersDelay(4, TimeUnit.SECONDS).build();
    }

    /** The answers to {@code command}: texts sent in reply to it. */
    private SentMessage answerTo(long chat, long command) {
        return awaitSent(
                chat, m -> m.kind() == Kind.TEXT && Long.valueOf(command).equals(m.replyTo()));
    }

    private String jobStatus(long chat, long job) {
        return awaitSent(chat, textContaining("#" + job)).text();
    }

    private String pressAnswer(String callbackQueryId) {
        Call answer = telegram.awaitCall(
                "answerCallbackQuery", c -> callbackQueryId.equals(c.param("callback_query_id")), WAIT);
        return answer.param("text") == null ? "" : answer.param("text");
    }

    @Test
    void aJobThatStartsAtOnceShowsItIsDrawingAndOnlyAWaitingJobShowsTheQueue() throws Exception {
        gateway.enqueue(slowImage());
        gateway.enqueue(slowImage());
        gateway.enqueue(image(RED));
        // One user's requests run two at a time: the third waits.
        telegram.from(ALICE).text("a red fox");
        assertThat(jobStatus(ALICE.id(), 1)).isEqualTo(EN.withJobNumber(EN.generating(TelegramHarness.MODEL), 1));
        telegram.from(ALICE).text("a blue fox");
        assertThat(jobStatus(ALICE.id(), 2)).isEqualTo(EN.withJobNumber(EN.generating(TelegramHarness.MODEL), 2));
        telegram.from(ALICE).text("a green fox");
        assertThat(jobStatus(ALICE.id(), 3)).isEqualTo(EN.withJobNumber(EN.queued(0), 3));

        await().atMost(WAIT)
                .until(() -> telegram.sent(ALICE.id()).stream()
                                .filter(m -> m.photo())
                                .count()
                        == 3);
        String queuedText = EN.queueState(new QueueState.Waiting(0), TelegramHarness.MODEL);
        assertThat(telegram.calls("sendMessage").stream()
                        .filter(c -> c.param("text").contains(queuedText))
                        .map(c -> c.param("text")))
                .containsExactly(EN.withJobNumber(EN.queued(0), 3));
        assertThat(telegram.calls("editMessageText"))
                .noneMatch(c -> c.param("text").contains(queuedText));
    }

    @Test
    void aBareCancelStopsTheOneRequestInProgressInTheChat() throws Exception {
        gateway.enqueue(slowImage());
        telegram.from(ALICE).text("a slow fox");
        jobStatus(ALICE.id(), 1);

        var cancel = telegram.from(ALICE).text("/cancel");

        assertThat(answerTo(ALICE.id(), cancel.messageId()).text())
                .isIn(EN.cancelResult(CancelResult.CANCELLING, 1), EN.cancelResult(CancelResult.CANCELLED, 1));
        assertThat(harness.idle()).isTrue();
        assertThat(harness.jobs.find(1).orElseThrow().outcome()).contains(OutcomeKind.CANCELLED);
        var again = telegram.from(ALICE).text("/cancel");
        assertThat(answerTo(ALICE.id(), again.messageId()).text()).isEqualTo(EN.nothingToCancel());
    }

    @Test
    void withSeveralRequestsABareCancelAsksWithAButtonEachThatOnlyTheAskerMayPress() throws Exception {
        for (int i = 0; i < 3; i++) {
            gateway.enqueue(slowImage());
        }
        telegram.from(ALICE).in(GROUP).text("/imagine a lighthouse at dusk, oil painting with heavy brush strokes");
        jobStatus(GROUP.id(), 1);
        telegram.from(ALICE).in(GROUP).text("/imagine a fox");
        jobStatus(GROUP.id(), 2);
        telegram.from(BOB).in(GROUP).text("/imagine a cat");
        jobStatus(GROUP.id(), 3);

        var cancel = telegram.from(ALICE).in(GROUP).text("/cancel");
        SentMessage question = answerTo(GROUP.id(), cancel.messageId());

        assertThat(question.text()).isEqualTo(EN.cancelWhich(2));
        var rows = json.readTree(question.replyMarkup()).path("inline_keyboard");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get(0).path("text").asText()).isEqualTo("⏹ Job #1: a lighthouse at dusk, oil painting…");
        assertThat(rows.get(1).get(0).path("text").asText()).isEqualTo("⏹ Job #2: a fox");
        assertThat(buttonData(question, CancelButtons.PREFIX)).isEqualTo(CancelButtons.PREFIX + 1);

        // Bob presses Alice's button, and Alice forges the data of a button for Bob's job and garbage.
        var bobPress = telegram.from(BOB).in(GROUP).callback(question.messageId(), CancelButtons.PREFIX + 2);
        assertThat(pressAnswer(bobPress.callbackQueryId())).isEqualTo(EN.cancelResult(CancelResult.NOT_YOURS, 2));
        var forged = telegram.from(ALICE).in(GROUP).callback(question.messageId(), CancelButtons.PREFIX + 3);
        assertThat(pressAnswer(forged.callbackQueryId())).isEqualTo(EN.cancelResult(CancelResult.NOT_YOURS, 3));
        for (String garbage : List.of("-1", "99999999999999999999999", "x", "")) {
            var press = telegram.from(ALICE).in(GROUP).callback(question.messageId(), CancelButtons.PREFIX + garbage);
            assertThat(pressAnswer(press.callbackQueryId())).isEmpty();
        }
        assertThat(harness.jobs.find(2).orElseThrow().status().finished()).isFalse();
        assertThat(harness.jobs.find(3).orElseThrow().status().finished()).isFalse();
        assertThat(telegram.calls("editMessageText"))
                .noneMatch(c -> c.param("message_id").equals(Long.toString(question.messageId())));

        telegram.from(ALICE).in(GROUP).callback(question.messageId(), CancelButtons.PREFIX + 2);
        Call edit = telegram.awaitCall(
                "editMessageText", c -> c.param("message_id").equals(Long.toString(question.messageId())), WAIT);
        assertThat(edit.param("text"))
                .isIn(EN.cancelResult(CancelResult.CANCELLING, 2), EN.cancelResult(CancelResult.CANCELLED, 2));
        assertThat(harness.idle()).isTrue();
        assertThat(harness.jobs.find(2).orElseThrow().outcome()).contains(OutcomeKind.CANCELLED);
        assertThat(harness.jobs.find(1).orElseThrow().outcome()).contains(OutcomeKind.IMAGES);
        assertThat(harness.jobs.find(3).orElseThrow().outcome()).contains(OutcomeKind.IMAGES);
    }

    @Test
    void cancelByNumberOrByReplyStillWorksAndEveryTypedNumberIsChecked() throws Exception {
        gateway.enqueue(slowImage());
        telegram.from(ALICE).text("a slow fox");
        jobStatus(ALICE.id(), 1);

        record Typed(String command, String echo, TypedNumber.Problem problem) {}
        for (Typed typed : List.of(
                new Typed("/cancel 999999999999999999999", "999999999999999999999", TypedNumber.Problem.TOO_BIG),
                new Typed("/cancel -4", "-4", TypedNumber.Problem.NEGATIVE),
                new Typed("/cancel 0", "0", TypedNumber.Problem.ZERO),
                new Typed("/cancel two", "two", TypedNumber.Problem.NOT_A_NUMBER))) {
            var command = telegram.from(ALICE).text(typed.command());
            assertThat(answerTo(ALICE.id(), command.messageId()).text())
                    .isEqualTo(EN.numberProblem(
                            new TypedNumber.Invalid(TypedNumber.Kind.JOB, typed.problem(), typed.echo())));
        }
        var chinese = telegram.from(BOB.withLanguage("zh-hans")).text("/cancel 99999999999999999");
        assertThat(answerTo(BOB.id(), chinese.messageId()).text())
                .isEqualTo(ZH.numberProblem(new TypedNumber.Invalid(
                        TypedNumber.Kind.JOB, TypedNumber.Problem.TOO_BIG, "99999999999999999")));
        var missing = telegram.from(ALICE).text("/cancel #77");
        assertThat(answerTo(ALICE.id(), missing.messageId()).text())
                .isEqualTo(EN.cancelResult(CancelResult.NOT_FOUND, 77));
        assertThat(harness.jobs.find(1).orElseThrow().status().finished()).isFalse();

        var byNumber = telegram.from(ALICE).text("/cancel #1");
        assertThat(answerTo(ALICE.id(), byNumber.messageId()).text())
                .isIn(EN.cancelResult(CancelResult.CANCELLING, 1), EN.cancelResult(CancelResult.CANCELLED, 1));
        assertThat(harness.idle()).isTrue();
        assertThat(telegram.calls("sendMessage")).noneMatch(c -> c.param("text").equals(EN.internalError()));
    }
}

package dev.redraw.telegram;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.testing.TestImages;
import dev.redraw.telegram.fake.FakeChat;
import dev.redraw.telegram.fake.FakeTelegram.Incoming;
import dev.redraw.telegram.fake.FakeTelegram.Kind;
import dev.redraw.telegram.fake.FakeTelegram.SentMessage;
import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Buttons act only on the result they are attached to, in the chat where they are pressed. */
class TelegramButtonAuthorisationTest extends TelegramTestBase {

    private static final byte[] GREEN = TestImages.png(64, 64, Color.GREEN);

    @Test
    void anotherChatsButtonDataPressedUnderOnesOwnResultReachesNothingOfThatChat() throws Exception {
        gateway.enqueue(image(RED));
        gateway.enqueue(image(GREEN));
        harness.startPolling();
        telegram.from(ALICE).text("alice's secret fox");
        SentMessage alices = awaitSent(ALICE.id(), photo());
        telegram.from(BOB).text("a cat");
        SentMessage bobs = awaitSent(BOB.id(), photo());
        String aliceTurn = buttonData(alices, "o:").substring(2);
        assertThat(buttonData(bobs, "o:").substring(2)).isNotEqualTo(aliceTurn);

        List<Incoming> presses = List.of(
                telegram.from(BOB).callback(bobs.messageId(), "o:" + aliceTurn),
                telegram.from(BOB).callback(bobs.messageId(), "r:" + aliceTurn),
                telegram.from(BOB).callback(bobs.messageId(), "e:" + aliceTurn),
                telegram.from(BOB).callback(bobs.messageId(), "o:99999999999999999999"));

        for (Incoming press : presses) {
            var answer = telegram.awaitCall(
                    "answerCallbackQuery",
                    call -> press.callbackQueryId().equals(call.param("callback_query_id")),
                    WAIT);
            assertThat(answer.param("text")).contains("no longer");
        }
        assertThat(harness.idle()).isTrue();
        assertThat(telegram.sent(BOB.id()))
                .as("nothing new was posted in Bob's chat")
                .noneMatch(m -> m.messageId() > bobs.messageId() && m.kind() != Kind.DELETE);
        assertThat(telegram.sent(BOB.id())).noneMatch(m -> m.kind() == Kind.DOCUMENT);
        assertThat(gateway.getRequestCount()).isEqualTo(2);
    }

    /** Alice's /imagine "a fox" in {@code group}, whose admins switched remixing off; the result. */
    private SentMessage alicesFoxWithRemixingOff(FakeChat group) throws Exception {
        harness.startPolling();
        harness.core.services.settings().setRemixAllowed("telegram", Long.toString(group.id()), false);
        telegram.from(ALICE).in(group).text("/imagine a fox");
        return awaitSent(group.id(), photo());
    }

    @Test
    void aResultsOwnButtonStillWorksAndOthersNeedTheChatsRemixSwitch() throws Exception {
        gateway.enqueue(image(RED));
        FakeChat group = FakeChat.group(-200, "Club");
        SentMessage result = alicesFoxWithRemixingOff(group);
        String original = buttonData(result, "o:");

        Incoming bobs = telegram.from(BOB).in(group).callback(result.messageId(), original);
        var refused = telegram.awaitCall(
                "answerCallbackQuery", call -> bobs.callbackQueryId().equals(call.param("callback_query_id")), WAIT);
        assertThat(refused.param("text")).contains("only the person who asked");
        assertThat(telegram.sent(group.id())).noneMatch(m -> m.kind() == Kind.DOCUMENT);

        telegram.from(ALICE).in(group).callback(result.messageId(), original);
        SentMessage file = awaitSent(group.id(), m -> m.kind() == Kind.DOCUMENT);
        assertThat(file.file()).containsExactly(RED);
    }

    @Test
    void aReplyToSomeoneElsesResultNeedsTheChatsRemixSwitchToo() throws Exception {
        gateway.enqueue(image(RED));
        gateway.enqueue(image(GREEN));
        FakeChat group = FakeChat.group(-300, "Club");
        SentMessage result = alicesFoxWithRemixingOff(group);

        Incoming bobs = telegram.from(BOB).in(group).replyTo(result.messageId()).text("make it blue");
        SentMessage refused = awaitSent(
                group.id(),
                m -> m.kind() == Kind.TEXT && Long.valueOf(bobs.messageId()).equals(m.replyTo()));
        assertThat(refused.text()).contains("only the person who asked");

        telegram.from(ALICE).in(group).replyTo(result.messageId()).text("make it green");
        SentMessage alices = awaitSent(group.id(), m -> m.photo() && m.messageId() > result.messageId());
        assertThat(alices.file()).containsExactly(GREEN);
        assertThat(gateway.getRequestCount()).as("Bob's reply reached no model").isEqualTo(2);
    }
}

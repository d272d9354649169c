package dev.redraw.telegram;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.TestImages;
import dev.redraw.telegram.fake.FakeChat;
import dev.redraw.telegram.fake.FakeTelegram;
import dev.redraw.telegram.fake.FakeTelegram.Kind;
import dev.redraw.telegram.fake.FakeTelegram.SentMessage;
import java.awt.Color;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Commands, settings and the community rules of the Telegram bot, end to end. */
class TelegramCommandsTest extends TelegramTestBase {

    @BeforeEach
    void poll() throws Exception {
        harness.startPolling();
    }

    private static final byte[] WIDE = TestImages.png(96, 54, Color.BLUE);

    @Test
    void startAndHelpExplainTheBot() {
        telegram.from(ALICE).text("/start");
        telegram.from(ALICE).text("/help");

        awaitSent(ALICE.id(), textContaining(FakeTelegram.BOT_USERNAME));
        assertThat(awaitSent(ALICE.id(), textContaining("/imagine")).text()).contains("--ar");
        assertThat(telegram.calls("setMyCommands")).hasSize(2);
    }

    @Test
    void settingsChosenWithButtonsApplyToNewRequests() throws Exception {
        gateway.enqueue(image(RED));
        telegram.from(ALICE).text("/settings");
        SentMessage menu = awaitSent(ALICE.id(), m -> m.kind() == Kind.TEXT && m.replyMarkup() != null);

        telegram.from(ALICE).callback(menu.messageId(), SettingsMenu.SET_RATIO + "9:16");
        telegram.awaitCall("answerCallbackQuery", WAIT);
        telegram.from(ALICE).text("a tall tower");

        assertThat(nextRequest().path("size").asText()).isEqualTo("9:16");
    }

    @Test
    void anImageSentAsADocumentIsEditedAndSoIsAPhotoRepliedToWithEdit() throws Exception {
        gateway.enqueue(image(RED));
        gateway.enqueue(image(RED));
        FakeChat group = FakeChat.group(-100, "Friends");

        telegram.from(ALICE).document(WIDE, "wide.png", "image/png", "sharpen it");
        JsonNode document = nextRequest();
        var photo = telegram.from(BOB).in(group).photo(WIDE, null);
        telegram.from(ALICE).in(group).replyTo(photo.messageId()).text("/edit add a moon");
        JsonNode edit = nextRequest();

        for (JsonNode request : new JsonNode[] {document, edit}) {
            assertThat(request.path("contents")
                            .get(0)
                            .path("parts")
                            .get(1)
                            .path("image")
                            .asText())
                    .isEqualTo(ContentsGateway.dataUri("image/png", WIDE));
            assertThat(request.path("size").asText()).isEqualTo("16:9");
        }
    }

    @Test
    void usageCancelAndForget() throws Exception {
        gateway.enqueue(
                image(RED).newBuilder().headersDelay(3, TimeUnit.SECONDS).build());
        gateway.enqueue(image(RED));
        telegram.from(ALICE).text("a slow fox");
        SentMessage status = awaitSent(ALICE.id(), textContaining("#1"));

        var cancel = telegram.from(ALICE).replyTo(status.messageId()).text("/cancel");
        awaitSent(
                ALICE.id(),
                m -> m.kind() == Kind.TEXT && Long.valueOf(cancel.messageId()).equals(m.replyTo()));
        assertThat(harness.idle()).isTrue();
        telegram.from(ALICE).text("a quick fox");
        awaitSent(ALICE.id(), m -> m.photo());
        assertThat(harness.idle()).isTrue();

        telegram.from(ALICE).text("/usage");
        awaitSent(ALICE.id(), textContaining("You made 1 image in the last 24 h."));

        forgetConfirmed(ALICE);
        assertThat(harness.conversations.highestMessageNumber("telegram", "42")).isEmpty();
        assertThat(harness.jobs.find(1)).isEmpty();
    }

    @Test
    void othersMayUseTheButtonsUntilTheChatsAdminsTurnThatOff() throws Exception {
        gateway.enqueue(image(RED));
        gateway.enqueue(image(RED));
        FakeChat group = FakeChat.group(-200, "Artists");
        telegram.from(ALICE).in(group).text("/imagine a fox");
        SentMessage result = awaitSent(group.id(), m -> m.photo());
        nextRequest();
        String turn = json.readTree(result.replyMarkup())
                .path("inline_keyboard")
                .get(0)
                .get(0)
                .path("callback_data")
                .asText();

        telegram.from(BOB).in(group).callback(result.messageId(), turn);
        nextRequest();

        telegram.from(BOB).in(group).text("/remix off");
        awaitSent(
                group.id(),
                m -> m.kind() == Kind.TEXT
                        && m.replyTo() != null
                        && m.text() != null
                        && !m.text().contains("#"));
        telegram.makeAdmin(group, ALICE);
        var switchOff = telegram.from(ALICE).in(group).text("/remix off");
        telegram.awaitCall("getChatMember", c -> c.param("user_id").equals("42"), WAIT);
        awaitSent(
                group.id(),
                m -> m.kind() == Kind.TEXT
                        && Long.valueOf(switchOff.messageId()).equals(m.replyTo()));
        assertThat(harness.idle()).isTrue();
        telegram.from(BOB).in(group).callback(result.messageId(), turn);
        var refused = telegram.awaitCall("answerCallbackQuery", c -> c.param("text") != null, WAIT);

        assertThat(refused.param("text")).isNotBlank();
        assertThat(harness.idle()).isTrue();
        assertThat(gateway.getRequestCount()).isEqualTo(2);
    }
}

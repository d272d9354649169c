package dev.redraw.telegram;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.text.Messages;
import dev.redraw.telegram.fake.FakeTelegram.Incoming;
import dev.redraw.telegram.fake.FakeTelegram.Kind;
import dev.redraw.telegram.fake.FakeTelegram.SentMessage;
import dev.redraw.telegram.fake.FakeUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /settings, /remix and the Original button, as they go through the core's use cases. */
class TelegramSettingsTest extends TelegramTestBase {

    private static final FakeUser ALICE_ZH = ALICE.withLanguage("zh-hans");
    private static final Messages ZH = Messages.forLanguage("zh");

    @BeforeEach
    void poll() throws Exception {
        harness.startPolling();
    }

    /** The labels and data of the menu's buttons, row by row. */
    private List<JsonNode> buttons(SentMessage menu) throws Exception {
        List<JsonNode> buttons = new ArrayList<>();
        json.readTree(menu.replyMarkup()).path("inline_keyboard").forEach(row -> row.forEach(buttons::add));
        return buttons;
    }

    private void press(FakeUser user, SentMessage menu, String data) {
        Incoming press = telegram.from(user).callback(menu.messageId(), data);
        telegram.awaitCall(
                "answerCallbackQuery", call -> press.callbackQueryId().equals(call.param("callback_query_id")), WAIT);
    }

    @Test
    void aChineseUsersSettingsMenuHasNoEnglishLabel() throws Exception {
        telegram.from(ALICE_ZH).text("/settings");
        SentMessage menu = awaitSent(ALICE.id(), m -> m.kind() == Kind.TEXT && m.replyMarkup() != null);

        assertThat(menu.text()).startsWith(ZH.settingsTitle(TelegramHarness.MODEL, Optional.empty(), Optional.empty()));
        List<String> values = new ArrayList<>(SettingsMenu.SETTINGS_RATIOS);
        values.addAll(SettingsMenu.SETTINGS_SIZES);
        values.add("🎨 " + TelegramHarness.MODEL);
        List<String> labels = buttons(menu).stream()
                .map(button -> button.path("text").asText())
                .toList();
        assertThat(labels).contains(ZH.ratioDefaultButton(), ZH.sizeDefaultButton());
        assertThat(labels)
                .filteredOn(label -> !values.contains(label))
                .isNotEmpty()
                .allSatisfy(
                        label -> assertThat(label).containsPattern("\\p{IsHan}").doesNotContainPattern("[A-Za-z]"));
    }

    @Test
    void theDefaultButtonsGiveTheRatioAndTheSizeBackToTheModel() throws Exception {
        telegram.from(ALICE_ZH).text("/settings");
        SentMessage menu = awaitSent(ALICE.id(), m -> m.kind() == Kind.TEXT && m.replyMarkup() != null);
        press(ALICE_ZH, menu, SettingsMenu.SET_RATIO + "9:16");
        press(ALICE_ZH, menu, SettingsMenu.SET_SIZE + "2K");
        var chosen = harness.core.services.preferences().of("telegram", Long.toString(ALICE.id()));
        assertThat(chosen.aspectRatio()).hasValue("9:16");
        assertThat(chosen.imageSize()).hasValue("2K");

        for (JsonNode button : buttons(menu)) {
            if (List.of(ZH.ratioDefaultButton(), ZH.sizeDefaultButton())
                    .contains(button.path("text").asText())) {
                press(ALICE_ZH, menu, button.path("callback_data").asText());
            }
        }

        var shown = harness.core.services.preferences().of("telegram", Long.toString(ALICE.id()));
        assertThat(shown.aspectRatio()).isEmpty();
        assertThat(shown.imageSize()).isEmpty();
        var edited = telegram.calls("editMessageText").getLast();
        assertThat(edited.param("text"))
                .isEqualTo(ZH.settingsTitle(TelegramHarness.MODEL, Optional.empty(), Optional.empty()));
        assertThat(edited.json("reply_markup").findValuesAsText("text"))
                .as("the menu keeps its buttons")
                .contains(ZH.ratioDefaultButton(), ZH.sizeDefaultButton(), "2K");
    }

    @Test
    void aPrivateChatHasNoRemixSwitch() {
        var command = telegram.from(ALICE).text("/remix off");

        SentMessage answer = awaitSent(
                ALICE.id(),
                m -> m.kind() == Kind.TEXT && Long.valueOf(command.messageId()).equals(m.replyTo()));

        assertThat(answer.text()).isEqualTo(Messages.forLanguage("en").notAdmin());
        assertThat(telegram.calls("getChatMember")).isEmpty();
        assertThat(harness.core.services.settings().remixAllowed("telegram", Long.toString(ALICE.id())))
                .isTrue();
    }

    @Test
    void anOriginalIsSentAsAFileOfItsTypeAndARepliesToItContinuesTheBranch() throws Exception {
        gateway.enqueue(image(RED));
        gateway.enqueue(image(RED));
        telegram.from(ALICE).text("a fox");
        SentMessage result = awaitSent(ALICE.id(), photo());
        nextRequest();

        telegram.from(ALICE).callback(result.messageId(), buttonData(result, "o:"));
        SentMessage original = awaitSent(ALICE.id(), m -> m.kind() == Kind.DOCUMENT);
        assertThat(original.file()).containsExactly(RED);
        assertThat(original.fileName()).isEqualTo("redraw-original.png");

        telegram.from(ALICE).replyTo(original.messageId()).text("add a hat");
        JsonNode edit = nextRequest();
        assertThat(edit.path("contents")).hasSize(3);
    }
}

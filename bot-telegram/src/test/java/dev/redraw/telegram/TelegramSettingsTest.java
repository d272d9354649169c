package dev.redraw.telegram;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.settings.SettingProblem;
import dev.redraw.core.settings.UnusedDefault;
import dev.redraw.core.settings.UserSettings;
import dev.redraw.core.testing.CoreHarness;
import dev.redraw.core.text.Messages;
import dev.redraw.telegram.fake.FakeChat;
import dev.redraw.telegram.fake.FakeTelegram;
import dev.redraw.telegram.fake.FakeTelegram.Call;
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
    private static final Messages EN = Messages.forLanguage("en");
    private static final FakeChat GROUP = FakeChat.group(-300, "Club");

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
        answer(telegram.from(user).callback(menu.messageId(), data));
    }

    /** The bot's answer to a button press. */
    private Call answer(Incoming press) {
        return telegram.awaitCall(
                "answerCallbackQuery", call -> press.callbackQueryId().equals(call.param("callback_query_id")), WAIT);
    }

    /** The menu {@code user} gets for /settings in their private chat. */
    private SentMessage menu(FakeUser user) {
        telegram.from(user).text("/settings");
        return awaitSent(user.id(), m -> m.kind() == Kind.TEXT && m.replyMarkup() != null);
    }

    /** The callback data of every button under {@code markup}. */
    private List<String> data(String markup) throws Exception {
        return json.readTree(markup).findValuesAsText("callback_data");
    }

    private UserSettings stored(FakeUser user) {
        return harness.core.services.settings().user("telegram", Long.toString(user.id()));
    }

    @Test
    void aChineseUsersSettingsMenuHasNoEnglishLabel() throws Exception {
        telegram.from(ALICE_ZH).text("/settings");
        SentMessage menu = awaitSent(ALICE.id(), m -> m.kind() == Kind.TEXT && m.replyMarkup() != null);

        assertThat(menu.text()).startsWith(ZH.settingsTitle(TelegramHarness.MODEL, Optional.empty(), Optional.empty()));
        List<String> values = new ArrayList<>(harness.core
                .services
                .preferences()
                .choices(TelegramHarness.MODEL)
                .ratios());
        harness.core.services.preferences().models().forEach(model -> values.add("🎨 " + model));
        List<String> labels = buttons(menu).stream()
                .map(button -> button.path("text").asText())
                .toList();
        assertThat(labels).contains(ZH.ratioDefaultButton()).doesNotContain(ZH.sizeDefaultButton());
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
        press(ALICE_ZH, menu, SettingsMenu.SET_MODEL + CoreHarness.SIZED_MODEL);
        press(ALICE_ZH, menu, SettingsMenu.SET_RATIO + "9:16");
        press(ALICE_ZH, menu, SettingsMenu.SET_SIZE + "2K");
        menu = telegram.sent(ALICE.id()).getLast();
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
                .isEqualTo(ZH.settingsTitle(CoreHarness.SIZED_MODEL, Optional.empty(), Optional.empty()));
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

    @Test
    void theMenuOffersOnlyTheRatiosAndSizesTheModelTakes() throws Exception {
        SentMessage menu = menu(ALICE);
        assertThat(data(menu.replyMarkup()))
                .as("no size for a model without a size choice")
                .noneMatch(data -> data.startsWith(SettingsMenu.SET_SIZE))
                .contains(SettingsMenu.SET_RATIO + "21:9", SettingsMenu.SET_MODEL + CoreHarness.SIZED_MODEL);

        press(ALICE, menu, SettingsMenu.SET_MODEL + CoreHarness.SIZED_MODEL);
        Call sized = telegram.calls("editMessageText").getLast();
        press(ALICE, menu, SettingsMenu.SET_MODEL + CoreHarness.FEW_RATIOS_MODEL);
        Call few = telegram.calls("editMessageText").getLast();

        assertThat(data(sized.param("reply_markup")))
                .contains(
                        SettingsMenu.SET_SIZE + "1K",
                        SettingsMenu.SET_SIZE + "4K",
                        SettingsMenu.SET_SIZE + SettingsMenu.DEFAULT);
        assertThat(data(few.param("reply_markup")))
                .filteredOn(data -> data.startsWith(SettingsMenu.SET_RATIO))
                .containsExactly(
                        SettingsMenu.SET_RATIO + "auto",
                        SettingsMenu.SET_RATIO + "1:1",
                        SettingsMenu.SET_RATIO + "3:2",
                        SettingsMenu.SET_RATIO + "2:3",
                        SettingsMenu.SET_RATIO + SettingsMenu.DEFAULT);
        assertThat(data(few.param("reply_markup"))).noneMatch(data -> data.startsWith(SettingsMenu.SET_SIZE));
    }

    @Test
    void theMenuListsEveryRatioOfTheModelInRowsTelegramShows() throws Exception {
        SentMessage menu = menu(ALICE);

        List<List<String>> ratioRows = new ArrayList<>();
        json.readTree(menu.replyMarkup()).path("inline_keyboard").forEach(row -> {
            List<String> ratios = new ArrayList<>();
            row.forEach(button -> {
                String data = button.path("callback_data").asText();
                if (data.startsWith(SettingsMenu.SET_RATIO) && !data.endsWith(":" + SettingsMenu.DEFAULT)) {
                    ratios.add(button.path("text").asText());
                }
            });
            if (!ratios.isEmpty()) {
                ratioRows.add(ratios);
            }
        });

        // Every ratio the contents gateways document for Nano Banana (seed 002), beyond the old eight.
        assertThat(ratioRows.stream().flatMap(List::stream).toList())
                .containsExactlyElementsOf(dev.redraw.core.model.ModelCatalog.NANO_BANANA_RATIOS)
                .contains("4:5", "5:4");
        assertThat(ratioRows)
                .hasSize(3)
                .allSatisfy(row -> assertThat(row).hasSizeBetween(1, SettingsMenu.RATIOS_PER_ROW));
    }

    @Test
    void theAutoButtonAsksForAutoAndTheDefaultButtonStaysApart() throws Exception {
        SentMessage menu = menu(ALICE);
        // The model's default is a choice of its own, never the data auto.
        assertThat(data(menu.replyMarkup()))
                .contains(SettingsMenu.SET_RATIO + SettingsMenu.DEFAULT)
                .doesNotContain(SettingsMenu.SET_RATIO + "auto");
        // A menu made before auto was a ratio: its old default button is refused, as Nano Banana takes no auto.
        Call old = answer(telegram.from(ALICE).callback(menu.messageId(), SettingsMenu.SET_RATIO + "auto"));
        assertThat(old.param("show_alert")).isEqualTo("true");
        assertThat(stored(ALICE).aspectRatio()).isEmpty();

        press(ALICE, menu, SettingsMenu.SET_MODEL + CoreHarness.FEW_RATIOS_MODEL);
        press(ALICE, menu, SettingsMenu.SET_RATIO + "auto");

        assertThat(stored(ALICE).aspectRatio()).hasValue("auto");
        assertThat(telegram.calls("editMessageText").getLast().param("text"))
                .isEqualTo(EN.settingsTitle(CoreHarness.FEW_RATIOS_MODEL, Optional.of("auto"), Optional.empty()));
        gateway.enqueue(image(RED));
        telegram.from(ALICE).text("a fox");
        JsonNode request = nextRequest();
        assertThat(request.path("model").asText()).isEqualTo(CoreHarness.FEW_RATIOS_MODEL);
        assertThat(request.path("size").asText()).isEqualTo("auto");
        awaitSent(ALICE.id(), photo());

        press(ALICE, menu, SettingsMenu.SET_RATIO + SettingsMenu.DEFAULT);
        assertThat(stored(ALICE).aspectRatio()).isEmpty();
    }

    @Test
    void aSizeTheModelDoesNotTakeIsRefusedInAnAlertAndNotSaved() {
        SentMessage menu = menu(ALICE);

        Call answer = answer(telegram.from(ALICE).callback(menu.messageId(), SettingsMenu.SET_SIZE + "4K"));

        assertThat(answer.param("show_alert")).isEqualTo("true");
        assertThat(answer.param("text"))
                .isEqualTo(EN.settingRefused(new SettingProblem.NoSizeChoice(CoreHarness.MODEL)));
        assertThat(stored(ALICE).imageSize()).isEmpty();
    }

    @Test
    void aForgedModelIsRefusedAndRequestsStillWork() throws Exception {
        SentMessage menu = menu(ALICE);

        Call answer = answer(telegram.from(ALICE).callback(menu.messageId(), SettingsMenu.SET_MODEL + "evil-model"));

        assertThat(answer.param("show_alert")).isEqualTo("true");
        assertThat(answer.param("text"))
                .isEqualTo(EN.settingRefused(new SettingProblem.UnknownModel(
                        "evil-model", harness.core.services.preferences().models())));
        Call negative = answer(
                telegram.from(ALICE).callback(menu.messageId(), SettingsMenu.SET_RATIO + "-1:99999999999999999999"));
        assertThat(negative.param("text")).contains("-1:99999999999999999999");
        assertThat(stored(ALICE).aspectRatio()).isEmpty();
        assertThat(stored(ALICE).model()).isEmpty();
        gateway.enqueue(image(RED));
        telegram.from(ALICE).text("a fox");
        assertThat(nextRequest().path("model").asText()).isEqualTo(CoreHarness.MODEL);
        awaitSent(ALICE.id(), photo());
    }

    @Test
    void callbackDataOfAnotherShapeOrLengthIsRefusedWithoutTouchingTheSettings() {
        SentMessage menu = menu(ALICE);
        UserSettings before = stored(ALICE);

        for (String forged : List.of(
                SettingsMenu.SET_MODEL + "x".repeat(5_000),
                SettingsMenu.SET_RATIO + "9".repeat(61),
                "s:q:16:9",
                SettingsMenu.SET_SIZE,
                SettingsMenu.SET_SIZE + "2K extra")) {
            Call answer = answer(telegram.from(ALICE).callback(menu.messageId(), forged));
            assertThat(answer.param("show_alert")).as(forged).isEqualTo("true");
            assertThat(answer.param("text").length()).isLessThanOrEqualTo(FakeTelegram.MAX_CALLBACK_ANSWER);
            assertThat(answer.param("text"))
                    .as(forged)
                    .startsWith(
                            EN.settingRefused(new SettingProblem.Malformed()).substring(0, 10));
        }

        assertThat(stored(ALICE)).isEqualTo(before);
        assertThat(telegram.calls("editMessageText")).isEmpty();
    }

    @Test
    void theCountButtonsSetHowManyImagesEachRequestMakes() throws Exception {
        SentMessage menu = menu(ALICE);
        assertThat(data(menu.replyMarkup()))
                .containsSubsequence(
                        SettingsMenu.SET_COUNT + 1,
                        SettingsMenu.SET_COUNT + 2,
                        SettingsMenu.SET_COUNT + 3,
                        SettingsMenu.SET_COUNT + 4);
        assertThat(buttons(menu))
                .anyMatch(button -> button.path("text").asText().equals("🖼 ×3"));

        press(ALICE, menu, SettingsMenu.SET_COUNT + 3);

        assertThat(stored(ALICE).variations()).hasValue(3);
        assertThat(telegram.calls("editMessageText").getLast().param("text")).contains(EN.settingsVariations(3));
        gateway.enqueue(image(RED));
        gateway.enqueue(image(RED));
        gateway.enqueue(image(RED));
        telegram.from(ALICE).text("a fox");
        for (int i = 0; i < 3; i++) {
            assertThat(nextRequest().has("n")).isFalse();
        }
        press(ALICE, menu, SettingsMenu.SET_COUNT + 1);
        assertThat(stored(ALICE).variations()).isEmpty();
        assertThat(telegram.calls("editMessageText").getLast().param("text")).doesNotContain(EN.settingsVariations(1));
    }

    @Test
    void aForgedCountIsRefusedWithoutTouchingTheSettings() {
        SentMessage menu = menu(ALICE);
        press(ALICE, menu, SettingsMenu.SET_COUNT + 2);
        UserSettings before = stored(ALICE);

        for (String forged : List.of("0", "5", "-1", "x", "1180591620717411303424")) {
            Call answer = answer(telegram.from(ALICE).callback(menu.messageId(), SettingsMenu.SET_COUNT + forged));
            assertThat(answer.param("show_alert")).as(forged).isEqualTo("true");
            assertThat(answer.param("text")).as(forged).isEqualTo(EN.settingRefused(new SettingProblem.Malformed()));
        }

        assertThat(stored(ALICE)).isEqualTo(before);
    }

    @Test
    void inAGroupOnlyTheUserAMenuWasMadeForMayUseIt() {
        telegram.from(ALICE).in(GROUP).text("/settings");
        SentMessage menu = awaitSent(GROUP.id(), m -> m.kind() == Kind.TEXT && m.replyMarkup() != null);

        Call bobs = answer(telegram.from(BOB).in(GROUP).callback(menu.messageId(), SettingsMenu.SET_RATIO + "9:16"));

        assertThat(bobs.param("show_alert")).isEqualTo("true");
        assertThat(bobs.param("text")).isEqualTo(EN.menuNotYours(Optional.of(ALICE.firstName())));
        assertThat(stored(BOB).aspectRatio()).isEmpty();
        assertThat(stored(ALICE).aspectRatio()).isEmpty();
        assertThat(telegram.calls("editMessageText")).isEmpty();

        Call alices =
                answer(telegram.from(ALICE).in(GROUP).callback(menu.messageId(), SettingsMenu.SET_RATIO + "9:16"));

        assertThat(alices.param("text")).isEqualTo(EN.settingsSaved());
        assertThat(stored(ALICE).aspectRatio()).hasValue("9:16");
        assertThat(telegram.calls("editMessageText").getLast().param("text"))
                .isEqualTo(EN.settingsTitle(CoreHarness.MODEL, Optional.of("9:16"), Optional.empty()));
    }

    private void storeForAlice(UserSettings settings) {
        harness.core.services.settings().saveUser("telegram", Long.toString(ALICE.id()), settings);
    }

    /** Alice's request is answered with a photo, and {@code note} is told once, in reply to the request. */
    private void awaitToldOnceInReplyTo(String note, long request) {
        SentMessage told = awaitSent(ALICE.id(), textContaining(note));
        assertThat(told.replyTo()).isEqualTo(request);
        awaitSent(ALICE.id(), photo());
        assertThat(telegram.sent(ALICE.id())).filteredOn(textContaining(note)).hasSize(1);
    }

    @Test
    void aStoredSizeTheModelDoesNotTakeIsLeftOutOfARequestAndToldOnce() throws Exception {
        // Stored before sizes were checked, or for a model the operator changed since.
        storeForAlice(UserSettings.NONE.withImageSize(Optional.of("4K")));
        gateway.enqueue(image(RED));

        var request = telegram.from(ALICE).text("a fox");

        String note = EN.unusedDefault(new UnusedDefault.Size("4K", CoreHarness.MODEL));
        awaitToldOnceInReplyTo(note, request.messageId());
        assertThat(menu(ALICE).text()).contains(note);

        // Told once, not under every request: a second request is made without a word of it.
        gateway.enqueue(image(RED));
        var again = telegram.from(ALICE).text("a second fox");
        awaitSent(ALICE.id(), m -> m.photo() && Long.valueOf(again.messageId()).equals(m.replyTo()));
        assertThat(telegram.sent(ALICE.id()))
                .filteredOn(textContaining(note))
                .noneMatch(m -> Long.valueOf(again.messageId()).equals(m.replyTo()));
    }

    @Test
    void aStoredRatioTheModelDoesNotTakeIsLeftOutOfARequestAndToldOnce() throws Exception {
        // 8:1 is a ratio of other models only: stored for one of them, then the model was changed.
        storeForAlice(UserSettings.NONE.withAspectRatio(Optional.of("8:1")));
        gateway.enqueue(image(RED));

        var request = telegram.from(ALICE).text("a fox");

        assertThat(nextRequest().path("size").asText()).isNotEqualTo("8:1");
        awaitToldOnceInReplyTo(
                EN.unusedDefault(new UnusedDefault.Ratio("8:1", CoreHarness.MODEL)), request.messageId());
    }

    @Test
    void aDefaultRatioDoesNotReshapeAPhotoEditNorTheEditsThatContinueIt() throws Exception {
        SentMessage menu = menu(ALICE);
        press(ALICE, menu, SettingsMenu.SET_RATIO + "16:9");
        gateway.enqueue(image(RED));
        gateway.enqueue(image(RED));
        gateway.enqueue(image(RED));

        telegram.from(ALICE)
                .photo(dev.redraw.core.testing.TestImages.png(96, 64, java.awt.Color.BLUE), "make it night");
        assertThat(nextRequest().path("size").asText()).isEqualTo("3:2");
        SentMessage result = awaitSent(ALICE.id(), photo());
        telegram.from(ALICE).replyTo(result.messageId()).text("add snow");
        assertThat(nextRequest().path("size").asText()).isEqualTo("3:2");
        telegram.from(ALICE).text("a lighthouse");
        assertThat(nextRequest().path("size").asText()).isEqualTo("16:9");
    }
}

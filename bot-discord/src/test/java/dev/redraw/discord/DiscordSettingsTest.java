package dev.redraw.discord;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.settings.SettingProblem;
import dev.redraw.core.settings.UnusedDefault;
import dev.redraw.core.settings.UserSettings;
import dev.redraw.core.testing.CoreHarness;
import dev.redraw.core.testing.TestImages;
import dev.redraw.core.text.Messages;
import dev.redraw.discord.fake.FakeDiscord;
import dev.redraw.discord.fake.FakeDiscord.Reply;
import dev.redraw.discord.fake.FakeDiscord.ReplyKind;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /settings, the remix switch and the actions on a result that go through the core's preferences. */
class DiscordSettingsTest extends DiscordTestBase {

    private static final byte[] RED = TestImages.png(64, 64, Color.RED);
    private static final Messages ZH = Messages.forLanguage("zh");
    private static final Messages EN = Messages.forLanguage("en");
    private static final int MODAL = 9;
    private static final int EPHEMERAL = 64;

    private FakeDiscord.Interaction slash(long user, long channel, String name, Map<String, ?> options, String locale) {
        return harness.discord.slashCommand(user, channel, name, options, List.of(), locale);
    }

    /** Alice's result of "a fox" in the guild channel, once the bot posted and linked it: its message id. */
    private long alicesFox() {
        gateway.enqueue(image(RED));
        var interaction =
                slash(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "imagine", Map.of("prompt", "a fox"), "en-US");
        return harness.messageShowing(result(interaction));
    }

    @Test
    void aChineseUsersSettingsAreShownInChineseWithNoEnglishOfOurs() {
        var settings = slash(
                FakeDiscord.ALICE,
                FakeDiscord.CHANNEL_ID,
                "settings",
                Map.of("ratio", "9:16", "private", true, "remix", false),
                "zh-CN");

        Reply shown = answer(settings);

        assertThat(shown.flags() & EPHEMERAL).isEqualTo(EPHEMERAL);
        assertThat(shown.content())
                .startsWith(ZH.settingsTitle(
                        DiscordHarness.MODEL, java.util.Optional.of("9:16"), java.util.Optional.empty()))
                .contains(ZH.privateResults(true), ZH.remixOff());
        String ours = shown.content()
                .replace(DiscordHarness.MODEL, "")
                .replace("--ar", "")
                .replace("--model", "")
                .replace("--size", "");
        assertThat(Pattern.compile("[A-Za-z]{2,}").matcher(ours).find())
                .as("English words in %s", shown.content())
                .isFalse();
        assertThat(harness.core.services.preferences().privateResults("discord", Long.toString(FakeDiscord.ALICE)))
                .isTrue();
        assertThat(harness.core.services.settings().remixAllowed("discord", Long.toString(FakeDiscord.GUILD_ID)))
                .isFalse();
    }

    @Test
    void onlyAServerManagerSwitchesRemixingAndADirectMessageHasNoSwitch() {
        Reply bobs =
                answer(slash(FakeDiscord.BOB, FakeDiscord.CHANNEL_ID, "settings", Map.of("remix", false), "en-US"));
        Reply inDm =
                answer(slash(FakeDiscord.ALICE, FakeDiscord.ALICE_DM, "settings", Map.of("remix", false), "en-US"));

        assertThat(bobs.content()).contains(EN.notAdmin());
        assertThat(inDm.content()).contains(EN.notAdmin());
        assertThat(harness.core.services.settings().remixAllowed("discord", Long.toString(FakeDiscord.GUILD_ID)))
                .isTrue();
        assertThat(harness.core.services.settings().remixAllowed("discord", Long.toString(FakeDiscord.ALICE_DM)))
                .isTrue();
    }

    @Test
    void theSettingsOptionsAreDescribedAsOptionsInEveryLanguage() {
        JsonNode settings = null;
        for (JsonNode command : harness.discord.commands("global")) {
            if (command.path("name").asText().equals("settings")) {
                settings = command;
            }
        }
        assertThat(settings).isNotNull();
        for (JsonNode option : settings.path("options")) {
            String name = option.path("name").asText();
            assertThat(option.path("description").asText()).as(name).isEqualTo(EN.optionDescription(name));
            assertThat(option.path("description_localizations").path("zh-CN").asText())
                    .as(name)
                    .isEqualTo(ZH.optionDescription(name));
        }
        assertThat(settings.path("options").findValuesAsText("name"))
                .containsExactly("model", "ratio", "size", "private", "remix", "remix-role", "auto-share", "count");
        for (JsonNode option : settings.path("options")) {
            if (List.of("ratio", "size").contains(option.path("name").asText())) {
                assertThat(option.path("autocomplete").asBoolean())
                        .as("%s is suggested for the model", option)
                        .isTrue();
                assertThat(option.path("choices").isEmpty()).isTrue();
            }
        }
    }

    @Test
    void theCountOptionSetsHowManyImagesEachRequestMakesWithinItsRange() {
        JsonNode count = null;
        for (JsonNode command : harness.discord.commands("global")) {
            if (command.path("name").asText().equals("settings")) {
                for (JsonNode option : command.path("options")) {
                    if (option.path("name").asText().equals(SettingsCommand.COUNT)) {
                        count = option;
                    }
                }
            }
        }
        assertThat(count).isNotNull();
        assertThat(count.path("min_value").asInt()).isEqualTo(1);
        assertThat(count.path("max_value").asInt()).isEqualTo(4);

        Reply saved = answer(slash(
                FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "settings", Map.of(SettingsCommand.COUNT, 3), "en-US"));

        assertThat(saved.content()).contains(EN.settingsVariations(3));
        assertThat(stored().variations()).hasValue(3);
        // A client that ignores the range may send anything: it is answered and nothing is saved.
        for (Object forged : List.of(0, 5, -1, 1_000_000_000_000L)) {
            Reply refused = answer(slash(
                    FakeDiscord.ALICE,
                    FakeDiscord.CHANNEL_ID,
                    "settings",
                    Map.of(SettingsCommand.COUNT, forged, "ratio", "9:16"),
                    "en-US"));
            assertThat(refused.content()).as("%s", forged).contains("One request makes from 1 to 4 images");
        }
        assertThat(stored().variations()).hasValue(3);
        assertThat(stored().aspectRatio()).isEmpty();
    }

    private UserSettings stored() {
        return harness.core.services.settings().user("discord", Long.toString(FakeDiscord.ALICE));
    }

    @Test
    void editImageOnAnotherUsersResultIsRefusedAtOnceWhereRemixingIsOff() {
        long fox = alicesFox();
        harness.core.services.settings().setRemixAllowed("discord", Long.toString(FakeDiscord.GUILD_ID), false);

        Reply bobs = answer(harness.discord.messageContextMenu(FakeDiscord.BOB, CommandDefinitions.EDIT_IMAGE, fox));
        Reply alices =
                answer(harness.discord.messageContextMenu(FakeDiscord.ALICE, CommandDefinitions.EDIT_IMAGE, fox));

        assertThat(bobs.callbackType()).isNotEqualTo(MODAL);
        assertThat(bobs.content()).isEqualTo(EN.remixNotAllowed());
        assertThat(bobs.flags() & EPHEMERAL).isEqualTo(EPHEMERAL);
        assertThat(alices.callbackType()).isEqualTo(MODAL);
        assertThat(alices.payload().path("custom_id").asText()).startsWith(EditTurnModal.PREFIX + fox + ":");
    }

    @Test
    void theOriginalButtonSendsTheStoredImageNamedByItsType() {
        long fox = alicesFox();
        var turn = harness.core.conversations.resolve(new dev.redraw.core.conversation.MessageRef(
                "discord", Long.toString(FakeDiscord.CHANNEL_ID), Long.toString(fox)));

        var press = harness.discord.button(FakeDiscord.ALICE, fox, "o:" + turn.getAsLong(), "en-US");

        Reply sent = await().atMost(WAIT)
                .until(
                        () -> harness.discord.replies(press.token()).stream()
                                .filter(r -> !r.files().isEmpty())
                                .findFirst()
                                .orElse(null),
                        reply -> reply != null);
        assertThat(sent.files()).hasSize(1);
        assertThat(sent.files().getFirst().filename()).isEqualTo("redraw-original.png");
        assertThat(sent.files().getFirst().bytes()).isEqualTo(RED);
    }

    private UserSettings stored(long user) {
        return harness.core.services.settings().user("discord", Long.toString(user));
    }

    /** The values Discord would offer for {@code focused} of /settings. */
    private List<String> suggested(Map<String, String> options, String focused, String typed, String locale) {
        Reply choices =
                answer(harness.discord.autocomplete(FakeDiscord.ALICE, "settings", options, focused, typed, locale));
        return choices.payload().path("choices").findValuesAsText("value");
    }

    @Test
    void ratiosAndSizesAreSuggestedAsTheModelTakesThem() {
        assertThat(suggested(Map.of(), "size", "", "en-US"))
                .as("no size choice")
                .isEmpty();
        assertThat(suggested(Map.of(), "ratio", "", "en-US")).contains("21:9", "16:9", SettingsCommand.DEFAULT);
        assertThat(suggested(Map.of("model", CoreHarness.SIZED_MODEL), "size", "", "en-US"))
                .containsExactly("1K", "2K", "4K", SettingsCommand.DEFAULT);
        assertThat(suggested(Map.of("model", CoreHarness.FEW_RATIOS_MODEL), "ratio", "", "en-US"))
                .containsExactly("auto", "1:1", "3:2", "2:3", SettingsCommand.DEFAULT);
        assertThat(suggested(Map.of("model", CoreHarness.SIZED_MODEL), "size", "4", "en-US"))
                .containsExactly("4K", SettingsCommand.DEFAULT);

        Reply chinese =
                answer(harness.discord.autocomplete(FakeDiscord.ALICE, "settings", Map.of(), "ratio", "", "zh-CN"));
        assertThat(chinese.payload().path("choices").findValuesAsText("name")).contains(ZH.ratioDefaultButton());
    }

    @Test
    void aModelSizeAndRatioChosenTogetherAreCheckedAgainstThatModelAndSaved() {
        Reply shown = answer(slash(
                FakeDiscord.ALICE,
                FakeDiscord.CHANNEL_ID,
                "settings",
                Map.of("model", CoreHarness.SIZED_MODEL, "size", "4k", "ratio", "21:9"),
                "en-US"));

        assertThat(shown.content())
                .startsWith(EN.settingsTitle(CoreHarness.SIZED_MODEL, Optional.of("21:9"), Optional.of("4K")));
        assertThat(stored(FakeDiscord.ALICE).imageSize()).hasValue("4K");

        Reply reset = answer(slash(
                FakeDiscord.ALICE,
                FakeDiscord.CHANNEL_ID,
                "settings",
                Map.of("ratio", SettingsCommand.DEFAULT, "size", SettingsCommand.DEFAULT),
                "en-US"));
        assertThat(reset.content())
                .startsWith(EN.settingsTitle(CoreHarness.SIZED_MODEL, Optional.empty(), Optional.empty()));
        assertThat(stored(FakeDiscord.ALICE).aspectRatio()).isEmpty();
    }

    @Test
    void aValueTheModelDoesNotTakeOrAForgedOneIsRefusedAndNothingIsSaved() {
        Map<Map<String, Object>, String> refusals = Map.of(
                Map.of("size", "2K", "private", true),
                EN.settingRefused(new SettingProblem.NoSizeChoice(CoreHarness.MODEL)),
                Map.of("model", "evil-model"),
                EN.settingRefused(new SettingProblem.UnknownModel(
                        "evil-model", harness.core.services.preferences().models())),
                Map.of("ratio", "x".repeat(5_000)),
                EN.settingRefused(new SettingProblem.Malformed()));

        refusals.forEach((options, refusal) -> {
            Reply shown = answer(slash(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "settings", options, "en-US"));
            assertThat(shown.content()).as("%s", options.keySet()).contains(refusal);
            assertThat(shown.content()).doesNotContain(EN.privateResults(true));
        });

        assertThat(stored(FakeDiscord.ALICE)).isEqualTo(UserSettings.NONE.withLanguage(Optional.of("en-US")));
    }

    private void storeForAlice(UserSettings settings) {
        harness.core.services.settings().saveUser("discord", Long.toString(FakeDiscord.ALICE), settings);
    }

    /** Waits for the image {@code interaction} asked for to be posted in its response. */
    private void awaitImageIn(FakeDiscord.Interaction interaction) {
        await().atMost(WAIT)
                .until(() -> harness.discord.replies(interaction.token()).stream()
                        .anyMatch(r -> r.kind() == ReplyKind.EDIT_ORIGINAL
                                && !r.files().isEmpty()));
    }

    @Test
    void aStoredDefaultTheModelDoesNotTakeIsLeftOutOfImagineAndToldOnlyOnce() {
        storeForAlice(UserSettings.NONE.withModel(Optional.of("removed-model")));
        gateway.enqueue(image(RED));

        var imagine = slash(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "imagine", Map.of("prompt", "a fox"), "en-US");

        Reply note = harness.discord.awaitReply(imagine.token(), ReplyKind.FOLLOWUP, WAIT);
        assertThat(note.content())
                .isEqualTo(EN.unusedDefault(new UnusedDefault.Model("removed-model", CoreHarness.MODEL)));
        assertThat(note.flags() & EPHEMERAL).isEqualTo(EPHEMERAL);
        awaitImageIn(imagine);
        assertThat(harness.discord.replies(imagine.token()))
                .filteredOn(r -> r.kind() == ReplyKind.FOLLOWUP)
                .hasSize(1);

        // Told once, not under every request.
        gateway.enqueue(image(RED));
        var again = slash(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "imagine", Map.of("prompt", "a cat"), "en-US");
        awaitImageIn(again);
        assertThat(harness.discord.replies(again.token()))
                .filteredOn(r -> r.kind() == ReplyKind.FOLLOWUP)
                .isEmpty();
    }

    @Test
    void aDefaultRatioDoesNotReshapeAnAttachedPhotoButShapesANewImage() throws Exception {
        storeForAlice(UserSettings.NONE.withAspectRatio(Optional.of("16:9")));
        gateway.enqueue(image(RED));
        gateway.enqueue(image(RED));
        var photo =
                harness.discord.registerAttachment(TestImages.png(96, 64, Color.BLUE), "wide.png", "image/png", 96, 64);

        var edit = slash(
                FakeDiscord.ALICE,
                FakeDiscord.CHANNEL_ID,
                "imagine",
                Map.of("prompt", "make it night", "image1", photo),
                "en-US");
        assertThat(nextRequest().path("size").asText()).isEqualTo("3:2");
        awaitImageIn(edit);
        var drawing =
                slash(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "imagine", Map.of("prompt", "a lighthouse"), "en-US");
        assertThat(nextRequest().path("size").asText()).isEqualTo("16:9");
        awaitImageIn(drawing);
    }
}

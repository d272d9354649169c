package dev.redraw.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.CoreHarness;
import dev.redraw.core.testing.OpenAiGateway;
import dev.redraw.core.testing.SentImages;
import dev.redraw.core.text.Messages;
import dev.redraw.telegram.fake.FakeChat;
import dev.redraw.telegram.fake.FakeTelegram;
import dev.redraw.telegram.fake.FakeTelegram.Incoming;
import dev.redraw.telegram.fake.FakeTelegram.Kind;
import dev.redraw.telegram.fake.FakeTelegram.SentMessage;
import dev.redraw.telegram.fake.FakeUser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * flux, a model that makes images from text only (seed 003), served in the {@code openai} dialect:
 * a prompt on it makes an image from the documented pixel size, and every way of editing an image
 * on it is refused before any call, naming the models that can edit.
 */
class TelegramTextOnlyModelTest extends TelegramTestBase {

    private static final String FLUX = CoreHarness.TEXT_ONLY_MODEL;
    private static final Refusal TAKES_NO_IMAGES = new Refusal.TakesNoImages(
            FLUX, List.of(CoreHarness.MODEL, CoreHarness.SIZED_MODEL, CoreHarness.FEW_RATIOS_MODEL));
    private static final Messages EN = Messages.forLanguage("en");
    private static final FakeChat GROUP = FakeChat.group(-500, "Painters");

    @Override
    @BeforeEach
    void startBot() throws Exception {
        harness = TelegramHarness.withOpenAiGateway(gateway);
        telegram = harness.telegram;
        harness.startPolling();
    }

    /** The next call the gateway received, which must be a generation in the openai dialect. */
    private JsonNode nextGeneration() throws Exception {
        RecordedRequest request = gateway.takeRequest(20, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the gateway").isNotNull();
        assertThat(request.getUrl().encodedPath()).isEqualTo(OpenAiGateway.GENERATIONS);
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        return json.readTree(request.getBody().utf8());
    }

    /** The body seed 003's flux section documents: model, prompt and a size of its list, no image field. */
    private JsonNode fluxBody(String prompt, String size) {
        return json.createObjectNode()
                .put("model", FLUX)
                .put("prompt", prompt)
                .put("size", size)
                .put("response_format", "b64_json")
                .put("n", 1);
    }

    /** Alice's flux image of a lighthouse, delivered; the one call the gateway gets in these tests. */
    private SentMessage fluxResult() throws Exception {
        gateway.enqueue(OpenAiGateway.image(RED));
        telegram.from(ALICE).text("a lighthouse --model flux");
        SentMessage result = awaitSent(ALICE.id(), photo());
        nextGeneration();
        return result;
    }

    /** The bot's text reply to {@code asked}. */
    private SentMessage answerTo(FakeUser user, Incoming asked) {
        return awaitSent(
                user.id(),
                m -> m.kind() == Kind.TEXT && Long.valueOf(asked.messageId()).equals(m.replyTo()));
    }

    private SentMessage settingsMenu(FakeUser user) {
        telegram.from(user).text("/settings");
        return awaitSent(user.id(), m -> m.kind() == Kind.TEXT && m.replyMarkup() != null);
    }

    @Test
    void aPromptOnFluxMakesAnImageOfTheDocumentedPixelSizeAndDeliversIt() throws Exception {
        gateway.enqueue(OpenAiGateway.image(RED));

        var asked = telegram.from(ALICE).text("a lighthouse at dawn --model flux --ar 21:9");

        SentMessage result = awaitSent(ALICE.id(), photo());
        assertThat(result.file()).containsExactly(RED);
        assertThat(result.replyTo()).isEqualTo(asked.messageId());
        assertThat(result.text()).contains("a lighthouse at dawn");
        assertThat(result.replyMarkup()).contains("r:").contains("e:");
        // Seed 003's flux sizes: 1344x576 is its 21:9; no aspect_ratio, image or mask.
        assertThat(nextGeneration()).isEqualTo(fluxBody("a lighthouse at dawn", "1344x576"));
    }

    @Test
    void fluxChosenInSettingsMakesImagesAtTheBotsDefaultRatioAsASize() throws Exception {
        SentMessage menu = settingsMenu(ALICE);
        telegram.from(ALICE).callback(menu.messageId(), SettingsMenu.SET_MODEL + FLUX);
        telegram.awaitCall("answerCallbackQuery", WAIT);
        gateway.enqueue(OpenAiGateway.image(RED));

        telegram.from(ALICE).text("a cat");

        awaitSent(ALICE.id(), photo());
        assertThat(nextGeneration()).isEqualTo(fluxBody("a cat", "1024x1024"));
    }

    @Test
    void optionsFluxDoesNotTakeAreRefusedBeforeAnyCall() throws Exception {
        for (String prompt : List.of(
                "a lighthouse --model flux --ar 8:1",
                "a lighthouse --model flux --ar -1:99999999999999999999",
                "a lighthouse --model flux --ar 1344x576x2",
                "a lighthouse --model flux --size 4K",
                "a lighthouse --model flux --quality hd",
                "a lighthouse --model FLUX; drop table turns")) {
            var asked = telegram.from(ALICE).text(prompt);
            assertThat(answerTo(ALICE, asked).text()).as(prompt).isNotBlank();
        }
        assertThat(harness.idle()).isTrue();
        assertThat(gateway.getRequestCount()).isZero();
    }

    @Test
    void replyingToAFluxImageOnFluxIsRefusedNamingTheModelsThatEditWithoutACall() throws Exception {
        SentMessage result = fluxResult();

        var reply = telegram.from(ALICE).replyTo(result.messageId()).text("at night --model flux");

        SentMessage refusal = answerTo(ALICE, reply);
        assertThat(refusal.text())
                .isEqualTo(EN.refusal(TAKES_NO_IMAGES))
                .contains(FLUX, CoreHarness.MODEL, CoreHarness.FEW_RATIOS_MODEL);
        assertThat(harness.idle()).isTrue();
        assertThat(gateway.getRequestCount()).isEqualTo(1);
        assertThat(harness.conversations.children(turnOf(result))).isEmpty();
    }

    @Test
    void replyingToAnImageWhileFluxIsTheChosenModelIsRefusedAndNamingAnEditorWorks() throws Exception {
        SentMessage result = fluxResult();
        SentMessage menu = settingsMenu(ALICE);
        telegram.from(ALICE).callback(menu.messageId(), SettingsMenu.SET_MODEL + FLUX);
        telegram.awaitCall("answerCallbackQuery", WAIT);

        var reply = telegram.from(ALICE).replyTo(result.messageId()).text("at night");
        assertThat(answerTo(ALICE, reply).text()).isEqualTo(EN.refusal(TAKES_NO_IMAGES));
        assertThat(harness.idle()).isTrue();
        assertThat(gateway.getRequestCount()).isEqualTo(1);

        gateway.enqueue(ContentsGateway.image(RED));
        telegram.from(ALICE).replyTo(result.messageId()).text("at night --model " + CoreHarness.MODEL);
        JsonNode edit = nextRequest();
        assertThat(edit.path("model").asText()).isEqualTo(CoreHarness.MODEL);
        assertThat(edit.path("contents").get(1).path("role").asText()).isEqualTo("model");
        assertThat(SentImages.in(edit)).singleElement().isEqualTo(RED);
    }

    @Test
    void theEditButtonsQuestionAnsweredOnFluxIsRefusedWithoutACall() throws Exception {
        SentMessage result = fluxResult();

        SentMessage question = pressEdit(result.messageId(), buttonData(result, "e:"));
        var answer = telegram.from(ALICE).replyTo(question.messageId()).text("add a hat -m flux");

        assertThat(answerTo(ALICE, answer).text()).isEqualTo(EN.refusal(TAKES_NO_IMAGES));
        assertThat(harness.idle()).isTrue();
        assertThat(gateway.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aPhotoWithACaptionOnFluxIsRefusedBeforeItIsDownloaded() throws Exception {
        var asked = telegram.from(ALICE).photo(RED, "make it night --model flux");

        assertThat(answerTo(ALICE, asked).text()).isEqualTo(EN.refusal(TAKES_NO_IMAGES));
        assertThat(telegram.calls(FakeTelegram.DOWNLOAD)).isEmpty();
        assertThat(gateway.getRequestCount()).isZero();
    }

    @Test
    void aPhotoOrAlbumWhileFluxIsTheChosenModelIsRefusedInTheUsersLanguage() throws Exception {
        FakeUser li = FakeUser.of(77, "Li").withLanguage("zh-hans");
        SentMessage menu = settingsMenu(li);
        telegram.from(li).callback(menu.messageId(), SettingsMenu.SET_MODEL + FLUX);
        telegram.awaitCall("answerCallbackQuery", WAIT);

        var photo = telegram.from(li).photo(RED, "把天空变成夜晚");
        String refusal = answerTo(li, photo).text();
        var album = telegram.from(li).album(List.of(RED, RED), "合成两张图");
        String albumRefusal = answerTo(li, album.getFirst()).text();

        assertThat(refusal)
                .isEqualTo(Messages.forLanguage("zh").refusal(TAKES_NO_IMAGES))
                .isEqualTo(albumRefusal)
                .containsPattern("\\p{IsHan}")
                .contains(FLUX, CoreHarness.MODEL);
        assertThat(telegram.calls(FakeTelegram.DOWNLOAD)).isEmpty();
        assertThat(gateway.getRequestCount()).isZero();
    }

    @Test
    void editCommandOnSomeonesPhotoOnFluxIsRefusedWithoutACall() throws Exception {
        var photo = telegram.from(BOB).in(GROUP).photo(RED, null);
        var edit = telegram.from(ALICE).in(GROUP).replyTo(photo.messageId()).text("/edit add a moon --model flux");

        SentMessage refusal = awaitSent(
                GROUP.id(),
                m -> m.kind() == Kind.TEXT && Long.valueOf(edit.messageId()).equals(m.replyTo()));
        assertThat(refusal.text()).isEqualTo(EN.refusal(TAKES_NO_IMAGES));
        assertThat(telegram.calls(FakeTelegram.DOWNLOAD)).isEmpty();
        assertThat(gateway.getRequestCount()).isZero();
    }

    /** The turn a result shows, as its reroll button names it. */
    private long turnOf(SentMessage result) throws Exception {
        return Long.parseLong(buttonData(result, "r:").substring(2));
    }
}

package dev.redraw.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.CoreHarness;
import dev.redraw.core.testing.OpenAiGateway;
import dev.redraw.core.testing.TestImages;
import dev.redraw.core.text.Flags;
import dev.redraw.core.text.Messages;
import dev.redraw.discord.fake.FakeDiscord;
import dev.redraw.discord.fake.FakeDiscord.Reply;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * flux, a model that makes images from text only (seed 003), served in the {@code openai} dialect:
 * /imagine on it makes an image from the documented pixel size, and the Edit button, Edit image,
 * /blend and images given to /imagine are refused on it before any call, naming the models that edit.
 */
class DiscordTextOnlyModelTest extends DiscordTestBase {

    private static final byte[] RED = TestImages.png(64, 64, Color.RED);
    private static final String FLUX = CoreHarness.TEXT_ONLY_MODEL;
    private static final Refusal TAKES_NO_IMAGES = new Refusal.TakesNoImages(
            FLUX, List.of(CoreHarness.MODEL, CoreHarness.SIZED_MODEL, CoreHarness.FEW_RATIOS_MODEL));
    private static final Messages EN = Messages.forLanguage("en");

    @Override
    DiscordHarness start(MockWebServer gateway) throws Exception {
        return DiscordHarness.withOpenAiGateway(gateway);
    }

    private JsonNode nextGeneration() throws Exception {
        RecordedRequest request = nextCall();
        assertThat(request.getUrl().encodedPath()).isEqualTo(OpenAiGateway.GENERATIONS);
        return json.readTree(request.getBody().utf8());
    }

    /** Alice makes flux her model with /settings. */
    private void chooseFlux() {
        Reply saved = answer(slash("settings", Map.of("model", FLUX)));
        assertThat(saved.content()).contains(FLUX);
    }

    /** A result of the default model (on the contents gateway), delivered. */
    private Reply geminiResult() throws Exception {
        gateway.enqueue(ContentsGateway.image(RED));
        Reply result = result(slash("imagine", Map.of("prompt", "a fox")));
        nextCall();
        return result;
    }

    private List<FakeDiscord.Call> downloads() {
        return harness.discord.calls("GET", "/attachments/.*");
    }

    @Test
    void imagineOnFluxMakesAnImageOfTheDocumentedPixelSizeAndDeliversIt() throws Exception {
        gateway.enqueue(OpenAiGateway.image(RED));

        Reply result = result(slash("imagine", Map.of("prompt", "a long train", "model", FLUX, "ratio", "2:1")));

        assertThat(result.files())
                .singleElement()
                .satisfies(file -> assertThat(file.bytes()).containsExactly(RED));
        assertThat(result.embeds().toString()).contains("a long train").contains(FLUX);
        // Seed 003's flux sizes: 1024x512 is its 2:1; no aspect_ratio, image or mask.
        assertThat(nextGeneration())
                .isEqualTo(json.createObjectNode()
                        .put("model", FLUX)
                        .put("prompt", "a long train")
                        .put("size", "1024x512")
                        .put("response_format", "b64_json")
                        .put("n", 1));
    }

    @Test
    void blendAndImagineWithAnImageOnFluxAreRefusedBeforeTheImagesAreDownloaded() throws Exception {
        var first = harness.discord.registerAttachment(RED, "a.png", "image/png", 64, 64);
        var second = harness.discord.registerAttachment(RED, "b.png", "image/png", 64, 64);

        Reply blend = firstEdit(
                slash("blend", Map.of("prompt", "blend them", "model", FLUX, "image1", first, "image2", second)));
        Reply imagine = firstEdit(slash("imagine", Map.of("prompt", "add a hat --model flux", "image1", first)));

        assertThat(blend.content())
                .isEqualTo(EN.refusal(TAKES_NO_IMAGES))
                .contains(FLUX, CoreHarness.MODEL, CoreHarness.FEW_RATIOS_MODEL);
        assertThat(blend.files()).isEmpty();
        assertThat(imagine.content()).isEqualTo(EN.refusal(TAKES_NO_IMAGES));
        assertThat(downloads()).isEmpty();
        assertThat(gateway.getRequestCount()).isZero();
    }

    @Test
    void editImageOnSomeonesPhotoWhileFluxIsTheChosenModelIsRefusedWithoutACall() throws Exception {
        chooseFlux();
        var photo = harness.discord.registerAttachment(RED, "p.png", "image/png", 64, 64);
        long message =
                harness.discord.userMessage(FakeDiscord.BOB, FakeDiscord.CHANNEL_ID, "look", List.of(photo), null);

        var submit = editImage(message, "add a moon");

        assertThat(firstEdit(submit).content()).isEqualTo(EN.refusal(TAKES_NO_IMAGES));
        assertThat(downloads()).isEmpty();
        assertThat(gateway.getRequestCount()).isZero();
    }

    @Test
    void theEditButtonWhileFluxIsTheChosenModelIsRefusedWithoutACall() throws Exception {
        Reply fox = geminiResult();
        long message = harness.messageShowing(fox);
        chooseFlux();

        var submit = pressEdit(message, fox.button("e:"), "at night");

        assertThat(firstEdit(submit).content()).isEqualTo(EN.refusal(TAKES_NO_IMAGES));
        assertThat(harness.core.idle()).isTrue();
        assertThat(gateway.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aReplyToTheBotsImageOnFluxIsRefusedWithoutACall() throws Exception {
        long message = harness.messageShowing(geminiResult());

        harness.discord.userMessage(
                FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "at night --model flux", List.of(), message);
        JsonNode named = refusalReplyingTo(message, 1);
        chooseFlux();
        harness.discord.userMessage(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "in winter", List.of(), message);
        JsonNode chosen = refusalReplyingTo(message, 2);

        assertThat(named.path("content").asText()).isEqualTo(EN.refusal(TAKES_NO_IMAGES));
        assertThat(chosen.path("content").asText()).isEqualTo(EN.refusal(TAKES_NO_IMAGES));
        assertThat(harness.core.idle()).isTrue();
        assertThat(gateway.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aReplyWithAnOptionThatCannotBeUsedIsAnsweredWithWhatIsWrongWithoutACall() throws Exception {
        long message = harness.messageShowing(geminiResult());

        harness.discord.userMessage(
                FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "at night --seed 42", List.of(), message);
        JsonNode unknown = refusalReplyingTo(message, 1);
        harness.discord.userMessage(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "--ar 16:9", List.of(), message);
        JsonNode empty = refusalReplyingTo(message, 2);
        harness.discord.userMessage(
                FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "at night --model flux --ar 8:1", List.of(), message);
        JsonNode onFlux = refusalReplyingTo(message, 3);

        assertThat(unknown.path("content").asText())
                .isEqualTo(EN.invalidFlag(new Flags.Invalid("--seed", Flags.Problem.UNKNOWN)));
        assertThat(empty.path("content").asText()).isEqualTo(EN.emptyPrompt());
        // flux cannot continue from an image whatever its options: that is said first.
        assertThat(onFlux.path("content").asText()).isEqualTo(EN.refusal(TAKES_NO_IMAGES));
        assertThat(harness.core.idle()).isTrue();
        assertThat(gateway.getRequestCount()).isEqualTo(1);
    }

    /** The {@code count}th message the bot posted in the channel without a file: its answer to a reply. */
    private JsonNode refusalReplyingTo(long message, int count) {
        return await().atMost(WAIT)
                .until(
                        () -> harness.discord.channelMessages(FakeDiscord.CHANNEL_ID).stream()
                                .filter(m -> m.path("attachments").isEmpty())
                                .toList(),
                        texts -> texts.size() >= count)
                .get(count - 1);
    }
}

package dev.redraw.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.CoreHarness;
import dev.redraw.core.testing.TestImages;
import dev.redraw.core.text.Flags;
import dev.redraw.core.text.Messages;
import dev.redraw.discord.fake.FakeDiscord;
import dev.redraw.discord.fake.FakeDiscord.Reply;
import dev.redraw.discord.fake.FakeDiscord.ReplyKind;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Every option a model takes, asked for through /imagine and /blend: any ratio and size of the
 * chosen model (suggested as it takes them), the same written into the prompt, and as many images
 * as the models take.
 */
class DiscordRequestOptionsTest extends DiscordTestBase {

    private static final byte[] RED = TestImages.png(64, 64, Color.RED);
    private static final Messages EN = Messages.forLanguage("en");
    private static final int EPHEMERAL = 64;

    @Override
    DiscordHarness start(MockWebServer gateway) throws Exception {
        return DiscordHarness.withTaskGateway(gateway);
    }

    /** The task gateway's answer (seed 004, replyType json): the task done, its image at a URL it serves. */
    private void enqueueTaskResult() {
        gateway.enqueue(ContentsGateway.ok("{\"id\":\"7-a1\",\"status\":\"succeeded\",\"progress\":100,"
                + "\"results\":[{\"url\":\"" + gateway.url("/files/result.png") + "\"}],\"error\":\"\"}"));
        gateway.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "image/png")
                .body(new okio.Buffer().write(RED))
                .build());
    }

    /** The values Discord would offer for {@code focused} of {@code command}. */
    private List<String> suggested(String command, Map<String, String> options, String focused, String typed) {
        Reply choices =
                answer(harness.discord.autocomplete(FakeDiscord.ALICE, command, options, focused, typed, "en-US"));
        return choices.payload().path("choices").findValuesAsText("value");
    }

    @Test
    void imagineWithRatio8To1AndSize4KReachesTheTaskGatewayAsSuch() throws Exception {
        enqueueTaskResult();

        var interaction = slash(
                "imagine",
                Map.of("prompt", "a long river", "model", CoreHarness.TASK_MODEL, "ratio", "8:1", "size", "4k"));

        RecordedRequest call = nextCall();
        assertThat(call.getUrl().encodedPath()).endsWith("/api/generate");
        JsonNode body = json.readTree(call.getBody().utf8());
        assertThat(body.path("model").asText()).isEqualTo(CoreHarness.TASK_MODEL);
        assertThat(body.path("prompt").asText()).isEqualTo("a long river");
        // Seed 004: nano-banana-2 takes 8:1 beyond the common ratios, and imageSize 1K, 2K or 4K.
        assertThat(body.path("aspectRatio").asText()).isEqualTo("8:1");
        assertThat(body.path("imageSize").asText()).isEqualTo("4K");
        assertThat(result(interaction).files()).hasSize(1);
    }

    @Test
    void optionsWrittenInThePromptWorkAsTheCommandsOwn() throws Exception {
        enqueueTaskResult();

        result(slash("imagine", Map.of("prompt", "a long river --ar 8:1 --model nano-banana-2 --size 2K")));

        JsonNode body = nextRequest();
        assertThat(body.path("model").asText()).isEqualTo(CoreHarness.TASK_MODEL);
        assertThat(body.path("prompt").asText()).isEqualTo("a long river");
        assertThat(body.path("aspectRatio").asText()).isEqualTo("8:1");
        assertThat(body.path("imageSize").asText()).isEqualTo("2K");
    }

    @Test
    void anOptionChosenAndWrittenBothOrAPromptOfOptionsAloneIsAnsweredWithoutACall() {
        Reply twice = answer(slash("imagine", Map.of("prompt", "a river --ar 1:1", "ratio", "16:9")));
        assertThat(twice.content()).isEqualTo(EN.invalidFlag(new Flags.Invalid("--ar", Flags.Problem.REPEATED)));
        assertThat(twice.flags() & EPHEMERAL).isEqualTo(EPHEMERAL);

        Reply empty = answer(slash("blend", Map.of("prompt", "--size 4K")));
        assertThat(empty.content()).isEqualTo(EN.emptyPrompt());

        Reply unknown = answer(slash("imagine", Map.of("prompt", "a river --seed 42")));
        assertThat(unknown.content()).isEqualTo(EN.invalidFlag(new Flags.Invalid("--seed", Flags.Problem.UNKNOWN)));

        assertThat(gateway.getRequestCount()).isZero();
    }

    @Test
    void aRatioOrSizeTheModelDoesNotTakeIsRefusedBeforeAnyCall() throws Exception {
        for (Map<String, String> options : List.of(
                Map.of("prompt", "a river", "ratio", "8:1"),
                Map.of("prompt", "a river", "ratio", "-1:99999999999999999999"),
                Map.of("prompt", "a river", "model", CoreHarness.TASK_MODEL, "size", "99K"),
                Map.of("prompt", "a river", "model", CoreHarness.TASK_MODEL, "ratio", "auto; drop table"))) {
            var interaction = slash("imagine", options);
            Reply refusal = await().atMost(WAIT)
                    .until(
                            () -> harness.discord.replies(interaction.token()).stream()
                                    .filter(r -> r.kind() == ReplyKind.EDIT_ORIGINAL)
                                    .findFirst()
                                    .orElse(null),
                            reply -> reply != null);
            assertThat(refusal.content()).as(options.toString()).isNotBlank();
            assertThat(refusal.files()).isEmpty();
        }
        assertThat(gateway.getRequestCount()).isZero();
    }

    @Test
    void theRatioSuggestionsAreEveryRatioOfTheChosenModelThenItsPixelSizes() {
        List<String> nanoBanana2 = suggested("imagine", Map.of("model", CoreHarness.TASK_MODEL), "ratio", "");
        assertThat(nanoBanana2).hasSize(15).startsWith("auto", "1:1").contains("21:9", "1:4", "4:1", "1:8", "8:1");
        assertThat(suggested("blend", Map.of("model", CoreHarness.TASK_MODEL), "ratio", "8"))
                .containsExactly("8:1");
        assertThat(suggested("imagine", Map.of("model", CoreHarness.TASK_MODEL), "size", ""))
                .containsExactly("1K", "2K", "4K");

        List<String> vip = suggested("imagine", Map.of("model", CoreHarness.PIXELS_MODEL), "ratio", "");
        assertThat(vip).hasSize(RequestAutocomplete.CHOICES).startsWith("auto", "1:1", "16:9");
        assertThat(suggested("imagine", Map.of("model", CoreHarness.PIXELS_MODEL), "ratio", "2048"))
                .containsExactly("2048x2048", "2048x1152", "2048x1360", "2048x688");

        // A model the bot does not have is not believed: the user's model (the bot's default) is.
        assertThat(suggested("imagine", Map.of("model", "evil-model"), "ratio", ""))
                .containsExactlyElementsOf(ModelCatalog.NANO_BANANA_RATIOS);
        assertThat(suggested("imagine", Map.of(), "size", "")).isEmpty();
        // /settings stores ratios, not pixels, and has the model's default as a choice of its own.
        assertThat(suggested("settings", Map.of("model", CoreHarness.PIXELS_MODEL), "ratio", ""))
                .hasSize(16 + 1)
                .startsWith("auto", "1:1")
                .endsWith(SettingsCommand.DEFAULT)
                .noneMatch(value -> value.contains("x"));
    }

    @Test
    void settingsStoreAutoAsARatioAndDefaultUnsetsIt() {
        Reply auto = answer(slash("settings", Map.of("model", CoreHarness.TASK_MODEL, "ratio", "auto")));
        assertThat(auto.content())
                .startsWith(EN.settingsTitle(
                        CoreHarness.TASK_MODEL, java.util.Optional.of("auto"), java.util.Optional.empty()));
        assertThat(harness.core
                        .services
                        .settings()
                        .user("discord", Long.toString(FakeDiscord.ALICE))
                        .aspectRatio())
                .hasValue("auto");

        answer(slash("settings", Map.of("ratio", SettingsCommand.DEFAULT)));
        assertThat(harness.core
                        .services
                        .settings()
                        .user("discord", Long.toString(FakeDiscord.ALICE))
                        .aspectRatio())
                .isEmpty();
    }

    @Test
    void imagineTakesAsManyImagesAsTheModelsTakeAndHelpSaysSo() throws Exception {
        // gpt-image-1 and gpt-image-2-vip take 16 (seed 003 and seed 004's family), the most of the configured models.
        JsonNode imagine = null;
        for (JsonNode command : harness.discord.commands("global")) {
            if (command.path("name").asText().equals("imagine")) {
                imagine = command;
            }
        }
        assertThat(imagine).isNotNull();
        List<String> names = new ArrayList<>();
        imagine.path("options").forEach(option -> names.add(option.path("name").asText()));
        assertThat(names)
                .startsWith("prompt", "ratio", "model", "size", CommandDefinitions.COUNT)
                .endsWith("image16")
                .hasSize(5 + 16);

        Reply help = answer(slash("help", Map.of()));
        assertThat(help.content()).contains("up to 16 images", "2 to 16 images");

        // Seven images to Gemini 3 Pro, which takes 14: more than the five of before.
        gateway.enqueue(ContentsGateway.image(RED));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("prompt", "put them all in one room");
        options.put("model", CoreHarness.SIZED_MODEL);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            byte[] png = TestImages.png(32 + i, 32, new Color(30 * i, 0, 0));
            sent.add(png);
            options.put(
                    "image" + i, harness.discord.registerAttachment(png, "p" + i + ".png", "image/png", 32 + i, 32));
        }
        var interaction = slash("imagine", options);

        JsonNode body = nextRequest();
        JsonNode parts = body.path("contents").get(0).path("parts");
        assertThat(parts).hasSize(1 + 7);
        for (int i = 0; i < 7; i++) {
            assertThat(parts.get(i + 1).path("image").asText())
                    .as("image %d in its place", i + 1)
                    .isEqualTo(ContentsGateway.dataUri("image/png", sent.get(i)));
        }
        assertThat(result(interaction).files()).hasSize(1);
    }

    @Test
    void moreImagesThanTheModelTakesAreRefusedWithoutACall() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("prompt", "put them all in one room");
        var attachments = new ArrayList<FakeDiscord.Attachment>();
        for (int i = 1; i <= 6; i++) {
            var file = harness.discord.registerAttachment(RED, "p" + i + ".png", "image/png", 64, 64);
            attachments.add(file);
            options.put("image" + i, file);
        }
        var interaction = slash("blend", options);

        Reply refusal = await().atMost(WAIT)
                .until(
                        () -> harness.discord.replies(interaction.token()).stream()
                                .filter(r -> r.kind() == ReplyKind.EDIT_ORIGINAL)
                                .findFirst()
                                .orElse(null),
                        reply -> reply != null);
        assertThat(refusal.content()).isEqualTo(EN.refusal(new Refusal.TooManyImages(CoreHarness.MODEL, 6, 5)));
        assertThat(gateway.getRequestCount()).isZero();
    }
}

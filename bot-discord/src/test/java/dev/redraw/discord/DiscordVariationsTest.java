package dev.redraw.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.job.DeliveryState;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobRunner.CancelResult;
import dev.redraw.core.job.OutcomeKind;
import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.TestImages;
import dev.redraw.core.text.Messages;
import dev.redraw.core.text.TypedNumber;
import dev.redraw.discord.fake.FakeDiscord;
import dev.redraw.discord.fake.FakeDiscord.Reply;
import dev.redraw.discord.fake.FakeDiscord.ReplyKind;
import java.awt.Color;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several variations of one request on Discord (/imagine count:4, or --n 4 in the prompt): one
 * message with every image and a row of numbered buttons for each, a reply to it asked to press one,
 * ✏️ N continuing from image N, and the delivery guarantees of single results. The real JDA against
 * the fake Discord; the gateway answers each call on its own.
 */
class DiscordVariationsTest extends DiscordTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Messages EN = Messages.forLanguage("en");
    private static final int EPHEMERAL = 64;
    private static final List<byte[]> COLOURS = List.of(
            TestImages.png(64, 64, Color.RED),
            TestImages.png(64, 64, Color.GREEN),
            TestImages.png(64, 64, Color.BLUE),
            TestImages.png(64, 64, Color.YELLOW),
            TestImages.png(64, 64, Color.MAGENTA));
    private static final MockResponse REFUSED_CALL =
            ContentsGateway.ok("{\"code\":400,\"msg\":\"Invalid parameter: Unsupported aspect ratio\",\"data\":null}");

    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    /** Call n (from 0) is answered with this; a different colour for each by default. */
    private volatile IntFunction<MockResponse> answers = n -> ContentsGateway.image(COLOURS.get(n % COLOURS.size()));

    private volatile boolean holding;

    @Override
    DiscordHarness start(MockWebServer gateway) throws Exception {
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                int call = calls.getAndIncrement();
                if (holding) {
                    release.await(30, TimeUnit.SECONDS);
                }
                return answers.apply(call);
            }
        });
        return super.start(gateway);
    }

    @Override
    Duration patience() {
        return WAIT;
    }

    @AfterEach
    void releaseHeldCalls() {
        release.countDown();
    }

    private FakeDiscord.Interaction imagine(Map<String, ?> options) {
        return slash(FakeDiscord.ALICE, "imagine", options);
    }

    /** The edits of the interaction's response that carried files. */
    private List<Reply> resultEdits(FakeDiscord.Interaction interaction) {
        return harness.discord.replies(interaction.token()).stream()
                .filter(r -> r.kind() == ReplyKind.EDIT_ORIGINAL && !r.files().isEmpty())
                .toList();
    }

    private Job delivered(long jobId) {
        return await().atMost(WAIT)
                .until(
                        () -> harness.core.jobs.find(jobId).orElse(null),
                        job -> job != null && job.delivery() == DeliveryState.DELIVERED);
    }

    /** The result of {@code interaction}, job {@code jobId}, once delivered: its one edit with files. */
    private Reply result(FakeDiscord.Interaction interaction, long jobId) {
        delivered(jobId);
        assertThat(resultEdits(interaction)).hasSize(1);
        return resultEdits(interaction).getFirst();
    }

    /** The buttons of a message, row by row: each row's labels and custom ids. */
    private static List<List<JsonNode>> rows(Reply reply) {
        List<List<JsonNode>> rows = new ArrayList<>();
        for (JsonNode row : reply.components()) {
            List<JsonNode> buttons = new ArrayList<>();
            row.path("components").forEach(buttons::add);
            rows.add(buttons);
        }
        return rows;
    }

    /** The turn a numbered button of row {@code number} (from 1) acts on. */
    private static String button(Reply reply, int number, String prefix) {
        return rows(reply).get(number - 1).stream()
                .map(button -> button.path("custom_id").asText())
                .filter(id -> id.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + number + " in " + reply.components()));
    }

    private long messageOf(long jobId) {
        return Long.parseLong(delivered(jobId).deliveredMessageId().orElseThrow());
    }

    @Test
    void imagineWithCount4AnswersWithOneMessageOfFourImagesAndNumberedButtons() throws Exception {
        var interaction = imagine(Map.of("prompt", "a fox", "count", 4));

        Reply result = result(interaction, 1);

        assertThat(calls.get()).isEqualTo(4);
        assertThat(result.files()).hasSize(4);
        assertThat(result.files().stream().map(FakeDiscord.Upload::filename))
                .containsExactly("redraw-1-0.png", "redraw-1-1.png", "redraw-1-2.png", "redraw-1-3.png");
        Set<String> images = new HashSet<>();
        result.files().forEach(file -> images.add(TestImages.sha256(file.bytes())));
        assertThat(images).as("four different images").hasSize(4);
        assertThat(result.content()).isEmpty();
        assertThat(result.embeds().toString()).contains("a fox");

        List<List<JsonNode>> rows = rows(result);
        assertThat(rows).hasSize(4);
        Set<String> turns = new HashSet<>();
        for (int number = 1; number <= 4; number++) {
            assertThat(rows.get(number - 1))
                    .extracting(button -> button.path("label").asText())
                    .as("nothing was re-encoded: no Original")
                    .containsExactly("🔁 " + number, "✏️ " + number);
            String reroll = button(result, number, "r:");
            assertThat(button(result, number, "e:").substring(2)).isEqualTo(reroll.substring(2));
            turns.add(reroll.substring(2));
        }
        assertThat(turns).as("each image its own turn").hasSize(4);

        long message = messageOf(1);
        assertThat(harness.core.conversations.resolve(new MessageRef(
                        DiscordDelivery.PLATFORM, Long.toString(FakeDiscord.CHANNEL_ID), Long.toString(message))))
                .as("the message stands for the request")
                .hasValue(harness.core.jobs.find(1).orElseThrow().userTurnId());
    }

    @Test
    void editThreeThenTheChangeContinuesFromTheThirdImage() throws Exception {
        var interaction = imagine(Map.of("prompt", "a fox --n 4"));
        Reply result = result(interaction, 1);
        for (int i = 0; i < 4; i++) {
            assertThat(nextRequest().toString()).doesNotContain("--n");
        }
        long message = messageOf(1);

        var press = harness.discord.button(FakeDiscord.ALICE, message, button(result, 3, "e:"), "en-US");
        Reply modal = answer(press);
        assertThat(modal.callbackType()).as("a modal").isEqualTo(9);
        var submit = harness.discord.modalSubmit(
                FakeDiscord.ALICE,
                modal.payload().path("custom_id").asText(),
                Map.of(EditForm.INSTRUCTION, "add a hat"),
                "en-US");

        delivered(2);
        assertThat(resultEdits(submit)).hasSize(1);
        String history = nextRequest().toString();
        byte[] third = result.files().get(2).bytes();
        assertThat(history).contains("add a hat").contains(ContentsGateway.dataUri("image/png", third));
        for (int other : List.of(0, 1, 3)) {
            assertThat(history)
                    .as("image %d is not in the history", other + 1)
                    .doesNotContain(ContentsGateway.dataUri(
                            "image/png", result.files().get(other).bytes()));
        }
    }

    @Test
    void aReplyToTheMessageOfSeveralIsAskedToPressTheNumberedEditButton() {
        result(imagine(Map.of("prompt", "a fox", "count", 3)), 1);
        long message = messageOf(1);

        harness.discord.userMessage(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "at night", List.of(), message);

        JsonNode answer = await().atMost(WAIT)
                .until(
                        () -> harness.discord.channelMessages(FakeDiscord.CHANNEL_ID).stream()
                                .filter(m -> !m.path("content").asText().isEmpty())
                                .findFirst()
                                .orElse(null),
                        found -> found != null);
        assertThat(answer.path("content").asText()).isEqualTo(EN.refusal(new Refusal.ChooseVariation(3)));
        assertThat(answer.path("attachments")).isEmpty();
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void editImageOnTheMessageOfSeveralAsksWhichImageInsteadOfOpeningTheForm() {
        result(imagine(Map.of("prompt", "a fox", "count", 3)), 1);
        long message = messageOf(1);

        Reply menu =
                answer(harness.discord.messageContextMenu(FakeDiscord.ALICE, CommandDefinitions.EDIT_IMAGE, message));

        assertThat(menu.callbackType()).as("no edit form").isNotEqualTo(9);
        assertThat(menu.content()).isEqualTo(EN.refusal(new Refusal.ChooseVariation(3)));
        assertThat(menu.flags() & EPHEMERAL).isEqualTo(EPHEMERAL);
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void whenTwoOfFourCallsFailTheTwoImagesArriveWithALineSayingSo() {
        answers = n -> n % 2 == 0 ? ContentsGateway.image(COLOURS.get(n)) : REFUSED_CALL;

        var interaction = imagine(Map.of("prompt", "a fox", "count", 4));

        Reply result = result(interaction, 1);
        assertThat(result.files()).hasSize(2);
        assertThat(result.content()).isEqualTo(EN.variationsFailed(2, 4));
        assertThat(rows(result)).hasSize(2);
        assertThat(rows(result).get(1))
                .extracting(button -> button.path("label").asText())
                .containsExactly("🔁 2", "✏️ 2");
        assertThat(harness.core
                        .conversations
                        .children(harness.core.jobs.find(1).orElseThrow().userTurnId())
                        .size())
                .as("two answers stored")
                .isEqualTo(2);
    }

    @Test
    void aChineseUserGetsTheNumberedButtonsAndTheFailedLineInChinese() {
        answers = n -> n == 0 ? ContentsGateway.image(COLOURS.get(n)) : REFUSED_CALL;
        var zh = Messages.forLanguage("zh");

        var interaction = harness.discord.slashCommand(
                FakeDiscord.ALICE,
                FakeDiscord.CHANNEL_ID,
                "imagine",
                Map.of("prompt", "一只狐狸", "count", 2),
                List.of(),
                "zh-CN");

        Reply result = result(interaction, 1);
        assertThat(result.content()).isEqualTo(zh.variationsFailed(1, 2)).containsPattern("\\p{IsHan}");
        assertThat(rows(result).getFirst())
                .extracting(button -> button.path("label").asText())
                .containsExactly("🔁 1号", "✏️ 1号");
    }

    @Test
    void pressesNamingAnotherImageOrComingFromSomeoneElseAreRefused() {
        Reply earlier = result(imagine(Map.of("prompt", "a cat")), 1);
        String otherTurn = earlier.button("e:").substring(2);
        var interaction = imagine(Map.of("prompt", "a fox", "count", 4));
        Reply result = result(interaction, 2);
        long message = messageOf(2);
        String requestTurn =
                Long.toString(harness.core.jobs.find(2).orElseThrow().userTurnId());

        for (String forged : List.of(
                "e:" + otherTurn,
                "r:" + otherTurn,
                "o:" + otherTurn,
                "e:" + requestTurn,
                "r:" + requestTurn,
                "e:-1",
                "e:99999999999999999999999",
                "e:three")) {
            Reply refused = answer(harness.discord.button(FakeDiscord.ALICE, message, forged, "en-US"));
            assertThat(refused.content()).as(forged).isEqualTo(EN.imageGone());
            assertThat(refused.flags() & EPHEMERAL).isEqualTo(EPHEMERAL);
        }

        answer(slash(FakeDiscord.ALICE, "settings", Map.of("remix", false)));
        Reply foreign = answer(harness.discord.button(FakeDiscord.BOB, message, button(result, 3, "e:"), "en-US"));
        assertThat(foreign.content()).isEqualTo(EN.remixNotAllowed());
        assertThat(foreign.flags() & EPHEMERAL).isEqualTo(EPHEMERAL);

        assertThat(harness.core.jobs.find(3)).as("no job was made").isEmpty();
        assertThat(calls.get()).isEqualTo(1 + 4);
    }

    @Test
    void aCountOutOfRangeOrBadNIsRefusedWithTheCoresWordsBeforeAnyCall() {
        Map<Map<String, ?>, TypedNumber> refused = Map.of(
                Map.of("prompt", "a fox", "count", 9),
                TypedNumber.variations("9"),
                Map.of("prompt", "a fox", "count", 0),
                TypedNumber.variations("0"),
                Map.of("prompt", "a fox", "count", -3),
                TypedNumber.variations("-3"),
                Map.of("prompt", "a fox", "count", new BigInteger("99999999999999999999999")),
                TypedNumber.variations("99999999999999999999999"),
                Map.of("prompt", "a fox --n 9"),
                TypedNumber.variations("9"),
                Map.of("prompt", "a fox --n four"),
                TypedNumber.variations("four"),
                Map.of("prompt", "a fox --n=-1"),
                TypedNumber.variations("-1"));
        refused.forEach((options, number) -> {
            Reply answer = answer(imagine(options));
            assertThat(number).isInstanceOf(TypedNumber.Invalid.class);
            assertThat(answer.content()).as(options.toString()).isEqualTo(EN.numberProblem((TypedNumber.Invalid)
                    number));
            assertThat(answer.flags() & EPHEMERAL).isEqualTo(EPHEMERAL);
        });

        Reply twice = answer(imagine(Map.of("prompt", "a fox --n 2", "count", 3)));
        assertThat(twice.content())
                .isEqualTo(EN.invalidFlag(
                        new dev.redraw.core.text.Flags.Invalid("--n", dev.redraw.core.text.Flags.Problem.REPEATED)));

        assertThat(harness.core.jobs.find(1)).isEmpty();
        assertThat(calls.get()).isZero();
    }

    @Test
    void theCountOptionIsRegisteredWithItsRangeAndHelpSpeaksOfIt() {
        for (JsonNode command : harness.discord.commands("global")) {
            String name = command.path("name").asText();
            if (!name.equals("imagine") && !name.equals("blend")) {
                continue;
            }
            JsonNode count = null;
            for (JsonNode option : command.path("options")) {
                if (option.path("name").asText().equals(CommandDefinitions.COUNT)) {
                    count = option;
                }
            }
            assertThat(count).as(name).isNotNull();
            assertThat(count.path("type").asInt()).isEqualTo(4);
            assertThat(count.path("min_value").asInt()).isEqualTo(1);
            assertThat(count.path("max_value").asInt()).isEqualTo(TypedNumber.MAX_VARIATIONS);
            assertThat(count.path("description_localizations").path("zh-CN").asText())
                    .isEqualTo(Messages.forLanguage("zh").variationsOption());
        }
        Reply help = answer(slash(FakeDiscord.ALICE, "help", Map.of()));
        assertThat(help.content()).contains(EN.discordVariationsHelp());
    }

    @Test
    void aMessagePromptTakesNToo() {
        harness.discord.userMessage(FakeDiscord.ALICE, FakeDiscord.ALICE_DM, "a fox --n 2", List.of(), null);

        delivered(1);
        JsonNode posted = harness.discord.channelMessages(FakeDiscord.ALICE_DM).stream()
                .filter(m -> m.path("attachments").size() > 0)
                .findFirst()
                .orElseThrow();
        assertThat(posted.path("attachments")).hasSize(2);
        assertThat(posted.path("components")).hasSize(2);
        assertThat(calls.get()).isEqualTo(2);

        harness.discord.userMessage(FakeDiscord.ALICE, FakeDiscord.ALICE_DM, "a fox --n 5", List.of(), null);
        await().atMost(WAIT)
                .until(() -> harness.discord.channelMessages(FakeDiscord.ALICE_DM).stream()
                        .anyMatch(m -> m.path("content").asText().equals(EN.numberProblem((TypedNumber.Invalid)
                                TypedNumber.variations("5")))));
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void whenTheTokenHasRunOutTheFourImagesArePostedOnceInTheChannel() {
        holding = true;
        var interaction = imagine(Map.of("prompt", "a fox", "count", 4));
        await().atMost(WAIT).until(() -> calls.get() == 4);
        harness.discord.expireToken(interaction);
        // The first post takes effect but its answer is lost: the retry must find it, not post again.
        harness.discord.failNextUpload("POST", "channels/\\d+/messages", 1, 500, true);
        release.countDown();

        Job job = delivered(1);

        List<JsonNode> posted = harness.discord.botMessages().stream()
                .filter(m -> m.path("attachments").toString().contains("redraw-1-"))
                .toList();
        assertThat(posted).hasSize(1);
        assertThat(posted.getFirst().path("attachments")).hasSize(4);
        assertThat(posted.getFirst().path("components")).hasSize(4);
        assertThat(job.deliveredMessageId())
                .hasValue(posted.getFirst().path("id").asText());
        assertThat(resultEdits(interaction)).isEmpty();
        assertThat(harness.core.conversations.resolve(new MessageRef(
                        DiscordDelivery.PLATFORM,
                        Long.toString(FakeDiscord.CHANNEL_ID),
                        posted.getFirst().path("id").asText())))
                .hasValue(job.userTurnId());
    }

    @Test
    void fourFilesTooLargeTogetherAreReEncodedToFitOneRequestAndOfferTheirOriginals() {
        // Four files of 6.75 MB each pass the per-file limit (10 MiB) but not the request's 25 MiB together.
        byte[] big = TestImages.png(TestImages.opaqueNoise(1500, 1500, 3));
        assertThat(big.length).isBetween(6_600_000, (int) FakeDiscord.DEFAULT_UPLOAD_LIMIT);
        answers = n -> ContentsGateway.image(big);

        var interaction = imagine(Map.of("prompt", "noise", "count", 4));

        Reply result = result(interaction, 1);
        assertThat(result.files()).hasSize(4);
        long total = result.files().stream().mapToLong(f -> f.bytes().length).sum();
        assertThat(total).isLessThanOrEqualTo(FakeDiscord.REQUEST_LIMIT);
        assertThat(harness.discord.calls().stream().filter(call -> call.status() == 413))
                .as("sized to fit before sending")
                .isEmpty();
        assertThat(result.content()).isEqualTo(EN.extra(Messages.Extra.RESULT_COMPRESSED));
        for (int number = 1; number <= 4; number++) {
            assertThat(rows(result).get(number - 1))
                    .extracting(button -> button.path("label").asText())
                    .containsExactly("🔁 " + number, "✏️ " + number, "📄 " + number);
        }
    }

    @Test
    void whenTheChannelTakesLessTogetherThanTheBotKnowsTheFilesAreShrunkUntilTheyFit() {
        harness.discord.requestLimit(60_000);
        List<byte[]> noisy = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            noisy.add(TestImages.png(TestImages.opaqueNoise(120, 120, i)));
        }
        assertThat(noisy.stream().mapToInt(b -> b.length).sum()).isGreaterThan(60_000);
        answers = n -> ContentsGateway.image(noisy.get(n % noisy.size()));

        var interaction = imagine(Map.of("prompt", "noise", "count", 3));

        Reply result = result(interaction, 1);
        assertThat(result.files()).hasSize(3);
        assertThat(result.files().stream().mapToLong(f -> f.bytes().length).sum())
                .isLessThanOrEqualTo(60_000);
        assertThat(harness.discord.calls().stream().filter(call -> call.status() == 413))
                .isNotEmpty();
        assertThat(result.button("o:")).isNotBlank();
    }

    @Test
    void cancellingARequestForFourStopsEveryCallAndDeliversNoImage() {
        holding = true;
        var interaction = imagine(Map.of("prompt", "a fox", "count", 4));
        await().atMost(WAIT).until(() -> calls.get() == 4);

        Reply cancelled = answer(slash(FakeDiscord.ALICE, "cancel", Map.of("job", 1)));
        assertThat(cancelled.content()).isEqualTo(EN.cancelResult(CancelResult.CANCELLING, 1));

        // The four calls are still held by the gateway: the job ends without waiting for them.
        Job job = delivered(1);
        assertThat(job.outcome()).hasValue(OutcomeKind.CANCELLED);
        Reply last = harness.discord.replies(interaction.token()).getLast();
        assertThat(last.kind()).isEqualTo(ReplyKind.EDIT_ORIGINAL);
        assertThat(last.content()).isEqualTo(EN.outcome(job));
        release.countDown();
        assertThat(resultEdits(interaction)).isEmpty();
        assertThat(harness.core.conversations.children(job.userTurnId())).isEmpty();
        assertThat(calls.get()).isEqualTo(4);
    }
}

package dev.redraw.discord;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.job.DeliveryState;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobStatus;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.HoldingGateway;
import dev.redraw.core.testing.TestImages;
import dev.redraw.discord.fake.FakeDiscord;
import dev.redraw.discord.fake.FakeDiscord.Reply;
import dev.redraw.discord.fake.FakeDiscord.ReplyKind;
import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Results reach Discord exactly once: across restarts and crashes, failed or lost answers, while
 * other users' events run, and within Discord's rate limits. The real JDA against a fake Discord.
 */
class DiscordDeliveryTest {

    private static final byte[] RED = TestImages.png(64, 64, Color.RED);

    @StartStop
    private final MockWebServer gateway = new MockWebServer();

    private final HoldingGateway upstream = new HoldingGateway(RED);
    private DiscordRestarts restarts;

    private DiscordRestarts restarts(Pacing pacing) {
        gateway.setDispatcher(upstream);
        restarts = new DiscordRestarts(gateway, pacing);
        return restarts;
    }

    private DiscordRestarts restarts() {
        return restarts(Pacing.DISCORD);
    }

    @AfterEach
    void stop() throws Exception {
        upstream.release();
        if (restarts != null) {
            restarts.close();
        }
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20));
    }

    private FakeDiscord discord() {
        return restarts.discord;
    }

    private FakeDiscord.Interaction imagine(long user, String prompt) {
        return discord()
                .slashCommand(user, FakeDiscord.CHANNEL_ID, "imagine", Map.of("prompt", prompt), List.of(), "en-US");
    }

    private Job job(long id) {
        return restarts.jobs.find(id).orElseThrow();
    }

    private void awaitDelivered(long jobId) {
        eventually()
                .until(() -> restarts.jobs
                        .find(jobId)
                        .filter(job -> job.delivery() == DeliveryState.DELIVERED)
                        .isPresent());
    }

    /** Edits of the interaction's response that carried files (each one shows the result). */
    private List<Reply> resultEdits(FakeDiscord.Interaction interaction) {
        return discord().replies(interaction.token()).stream()
                .filter(r -> r.kind() == ReplyKind.EDIT_ORIGINAL && !r.files().isEmpty())
                .toList();
    }

    /** The bot's messages that exist now and show the job's result files. */
    private List<JsonNode> resultMessages(long jobId) {
        return discord().botMessages().stream()
                .filter(m -> m.path("attachments").toString().contains("redraw-" + jobId + "-"))
                .toList();
    }

    /** The bot's messages that exist now in the channel and show a job's state. */
    private List<JsonNode> statusMessages() {
        return discord().botMessages().stream()
                .filter(m -> m.path("channel_id").asLong() == FakeDiscord.CHANNEL_ID)
                .filter(m -> m.path("content").asText().contains("#"))
                .toList();
    }

    @Test
    void aResultThatFinishedWhileTheBotWasDownIsPostedOnceItConnects() throws Exception {
        restarts();
        upstream.hold(1);
        var first = restarts.run().start();
        var interaction = imagine(FakeDiscord.ALICE, "a fox");
        eventually().until(() -> upstream.requests() == 1);
        first.kill();

        var second = restarts.run();
        second.runner.start();
        eventually().until(() -> job(1).status() == JobStatus.SUCCEEDED);
        assertThat(job(1).delivery()).isNotEqualTo(DeliveryState.DELIVERED);
        assertThat(resultEdits(interaction)).isEmpty();
        second.bot.start();

        awaitDelivered(1);
        assertThat(resultEdits(interaction)).hasSize(1);
        assertThat(resultEdits(interaction).getFirst().files().getFirst().bytes())
                .containsExactly(RED);
        assertThat(resultMessages(1)).hasSize(1);
        assertThat(job(1).statusMessageId()).as("the stored token is dropped").isEmpty();
    }

    @Test
    void theBotKilledMidGenerationPostsTheResultOnceAfterARestartThroughTheStoredResponse() throws Exception {
        restarts();
        upstream.hold(1);
        var first = restarts.run().start();
        var interaction = imagine(FakeDiscord.ALICE, "a fox");
        eventually().until(() -> upstream.requests() == 1);
        assertThat(job(1).statusMessageId())
                .hasValueSatisfying(id -> assertThat(id).startsWith(Responses.STORED));
        first.kill();

        restarts.run().start();

        awaitDelivered(1);
        assertThat(upstream.requests()).isEqualTo(2);
        assertThat(resultEdits(interaction)).hasSize(1);
        assertThat(resultMessages(1)).hasSize(1);
        assertThat(discord().channelMessages(FakeDiscord.CHANNEL_ID)).isEmpty();
        assertThat(discord().replies(interaction.token()))
                .as("the response shows the job, never that the request was lost")
                .noneMatch(reply -> String.valueOf(reply.content()).contains("send it again"));
        assertThat(restarts.jobs.openRequests(DiscordDelivery.PLATFORM)).isEmpty();
    }

    @Test
    void anInteractionDeferredJustBeforeAKillIsAnsweredAfterTheRestart() throws Exception {
        restarts();
        var first = restarts.run().start();
        var photo = discord().registerAttachment(RED, "fox.png", "image/png", 64, 64);
        var slowCdn = discord().holdDownloads(photo);
        var interaction = discord()
                .slashCommand(
                        FakeDiscord.ALICE,
                        FakeDiscord.CHANNEL_ID,
                        "imagine",
                        Map.of("prompt", "make it blue", "image1", photo),
                        List.of(),
                        "en-US");
        // Deferred ("thinking…"), and killed while the image downloads: no job was made.
        eventually().until(() -> slowCdn.started() == 1);
        assertThat(discord().replies(interaction.token())).singleElement().matches(Reply::isDefer);
        first.kill();
        try {
            restarts.run().start();

            Reply answer = discord().awaitReply(interaction.token(), ReplyKind.EDIT_ORIGINAL, Duration.ofSeconds(30));
            assertThat(answer.content()).contains("send it again");
            eventually()
                    .until(() ->
                            restarts.jobs.openRequests(DiscordDelivery.PLATFORM).isEmpty());
            assertThat(restarts.jobs.find(1)).isEmpty();
            assertThat(upstream.requests()).isZero();
        } finally {
            slowCdn.release();
        }
    }

    @Test
    void aRefusalDiscordFailsToShowIsAnsweredAfterTheRestart() throws Exception {
        restarts();
        var first = restarts.run().start();
        discord().failNext("PATCH", ".*/messages/@original", 50, 500, 0);
        // Longer than any model takes: refused before any call.
        var interaction = imagine(FakeDiscord.ALICE, "a fox ".repeat(20_000));
        eventually()
                .until(() -> discord().calls().stream()
                                .filter(call -> call.method().equals("PATCH")
                                        && call.path().endsWith("/messages/@original"))
                                .count()
                        >= 1);
        assertThat(restarts.jobs.openRequests(DiscordDelivery.PLATFORM))
                .as("kept until the refusal is shown")
                .hasSize(1);
        first.kill();
        discord().clearFailures();

        restarts.run().start();

        Reply answer = discord().awaitReply(interaction.token(), ReplyKind.EDIT_ORIGINAL, Duration.ofSeconds(30));
        assertThat(answer.content()).contains("send it again");
        eventually()
                .until(() ->
                        restarts.jobs.openRequests(DiscordDelivery.PLATFORM).isEmpty());
        assertThat(upstream.requests()).isZero();
    }

    /** Alice's /imagine "a fox", delivered; the id of the message showing it. */
    private long aFox() {
        imagine(FakeDiscord.ALICE, "a fox");
        awaitDelivered(1);
        return Long.parseLong(job(1).deliveredMessageId().orElseThrow());
    }

    /** Alice replies to the bot's image: a job answered in the channel, with a status message. */
    private void replyTo(long image) {
        discord().userMessage(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "at night", List.of(), image);
    }

    @Test
    void aLeftoverStatusMessageIsRemovedWhenTheResultIsPostedAfterARestart() throws Exception {
        restarts();
        var first = restarts.run().start();
        long image = aFox();
        upstream.hold(1);
        replyTo(image);
        eventually().until(() -> upstream.requests() == 2);
        eventually()
                .until(() -> restarts.jobs.find(2).flatMap(Job::statusMessageId).isPresent());
        String status = job(2).statusMessageId().orElseThrow();
        eventually()
                .until(() -> discord()
                        .message(Long.parseLong(status))
                        .path("content")
                        .asText()
                        .contains("#2"));
        first.kill();

        restarts.run().start();

        awaitDelivered(2);
        assertThat(resultMessages(2)).hasSize(1);
        assertThat(resultMessages(2).getFirst().path("message_reference").isMissingNode())
                .as("the result replies to the request")
                .isFalse();
        assertThat(discord().message(Long.parseLong(status)))
                .as("the old status message")
                .isNull();
        assertThat(statusMessages()).isEmpty();
        assertThat(job(2).statusMessageId()).isEmpty();
    }

    @Test
    void aServerErrorOnTheFinalEditStillDeliversTheResultExactlyOnce() throws Exception {
        restarts().run().start();
        discord().failNextUpload("PATCH", "webhooks/.*/messages/@original", 1, 500, false);

        var interaction = imagine(FakeDiscord.ALICE, "a fox");

        awaitDelivered(1);
        assertThat(discord().calls("PATCH", "webhooks/.*/messages/@original").stream()
                        .filter(call -> call.status() == 500))
                .hasSize(1);
        assertThat(resultEdits(interaction)).hasSize(1);
        assertThat(resultMessages(1)).hasSize(1);
        assertThat(discord().channelMessages(FakeDiscord.CHANNEL_ID)).isEmpty();
    }

    @Test
    void anEditThatTookEffectButWasAnsweredWithAnErrorIsNotRepeatedAsASecondMessage() throws Exception {
        restarts().run().start();
        discord().failNextUpload("PATCH", "webhooks/.*/messages/@original", 1, 500, true);

        imagine(FakeDiscord.ALICE, "a fox");

        awaitDelivered(1);
        assertThat(resultMessages(1)).hasSize(1);
        assertThat(discord().channelMessages(FakeDiscord.CHANNEL_ID)).isEmpty();
    }

    @Test
    void aChannelResultSentButAnsweredWithAnErrorIsFoundInsteadOfSentAgain() throws Exception {
        restarts().run().start();
        long image = aFox();
        discord().failNextUpload("POST", "channels/\\d+/messages", 1, 500, true);

        replyTo(image);

        awaitDelivered(2);
        assertThat(resultMessages(2)).hasSize(1);
        assertThat(discord().calls("POST", "channels/\\d+/messages").stream()
                        .filter(call -> call.file() != null && call.status() == 200))
                .isEmpty();
    }

    @Test
    void aTextResultSentTwiceWithTheSameNonceIsOneMessage() throws Exception {
        restarts().run().start();
        long image = aFox();
        upstream.answerWith(() -> ContentsGateway.ok(
                "{\"code\":400,\"msg\":\"Invalid parameter: Unsupported aspect ratio\",\"data\":null}"));
        discord().failNextWithContent("POST", "channels/\\d+/messages", "Unsupported", 500, true);

        replyTo(image);

        awaitDelivered(2);
        var sends = discord().calls("POST", "channels/\\d+/messages").stream()
                .filter(call -> call.json().path("content").asText().contains("Unsupported"))
                .toList();
        assertThat(sends).hasSize(2);
        assertThat(sends)
                .allSatisfy(call -> assertThat(call.json().path("enforce_nonce").asBoolean())
                        .isTrue());
        assertThat(sends.get(0).json().path("nonce"))
                .isEqualTo(sends.get(1).json().path("nonce"));
        assertThat(discord().botMessages().stream()
                        .filter(m -> m.path("content").asText().contains("Unsupported")))
                .hasSize(1);
    }

    @Test
    void oneUsersSlowBlendDoesNotHoldUpAnotherUsersImagine() throws Exception {
        restarts().run().start();
        byte[] large = TestImages.png(TestImages.opaqueNoise(512, 512, 7));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("prompt", "blend them");
        List<FakeDiscord.Attachment> files = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            var file = discord().registerAttachment(large, "big" + i + ".png", "image/png", 512, 512);
            files.add(file);
            options.put("image" + i, file);
        }
        var slowCdn = discord().holdDownloads(files.toArray(FakeDiscord.Attachment[]::new));

        var blend =
                discord().slashCommand(FakeDiscord.BOB, FakeDiscord.CHANNEL_ID, "blend", options, List.of(), "en-US");
        eventually().until(() -> slowCdn.started() == 5);
        var imagine = imagine(FakeDiscord.ALICE, "a fox");

        awaitDelivered(1);
        assertThat(resultEdits(imagine)).hasSize(1);
        assertThat(discord().replies(blend.token()).getFirst().isDefer())
                .as("Bob's blend was acknowledged while its images download")
                .isTrue();
        assertThat(restarts.jobs.find(2))
                .as("Bob's blend still waits for its images")
                .isEmpty();

        slowCdn.release();
        awaitDelivered(2);
        assertThat(resultEdits(blend)).hasSize(1);
    }

    @Test
    void aBurstOfResultsInOneChannelStaysWithinItsRateLimitAndAllArrive() throws Exception {
        restarts(new Pacing(3, Duration.ofSeconds(1), 3, Duration.ofSeconds(1)));
        restarts.run().start();
        long image = aFox();
        discord().channelRateLimit(3, Duration.ofSeconds(1));

        for (long user : new long[] {FakeDiscord.ALICE, FakeDiscord.BOB, FakeDiscord.ALICE, FakeDiscord.BOB}) {
            discord().userMessage(user, FakeDiscord.CHANNEL_ID, "again", List.of(), image);
        }

        for (long job = 2; job <= 5; job++) {
            awaitDelivered(job);
            assertThat(resultMessages(job)).hasSize(1);
        }
        assertThat(discord().channelRateLimited()).isZero();
        eventually().until(() -> statusMessages().isEmpty());
    }
}

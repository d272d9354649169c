package dev.redraw.discord;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.TestImages;
import dev.redraw.discord.fake.FakeDiscord;
import dev.redraw.discord.fake.FakeDiscord.ReplyKind;
import java.awt.Color;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Discord's own help, direct messages and mentions of the bot (prompts when the bot may read
 * messages, a pointer to /imagine when not), and the Original button's upload limit.
 */
class DiscordHelpAndMessagesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final byte[] RED = TestImages.png(64, 64, Color.RED);
    private static final byte[] BLUE = TestImages.png(64, 64, Color.BLUE);
    private static final String MENTION = "<@" + FakeDiscord.BOT_ID + ">";

    @StartStop
    private final MockWebServer gateway = new MockWebServer();

    private final ObjectMapper json = new ObjectMapper();
    private DiscordHarness harness;

    @AfterEach
    void disconnect() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private FakeDiscord discord() {
        return harness.discord;
    }

    private JsonNode nextRequest() throws Exception {
        RecordedRequest request = gateway.takeRequest(20, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the gateway").isNotNull();
        return json.readTree(request.getBody().utf8());
    }

    /** The text the bot answered a slash command with (an ephemeral reply). */
    private String answer(long user, long channel, String command, String locale) {
        var interaction = discord().slashCommand(user, channel, command, Map.of(), List.of(), locale);
        return discord()
                .awaitReply(interaction.token(), ReplyKind.CALLBACK, WAIT)
                .content();
    }

    /** The first message the bot posted in {@code channel} that {@code what} accepts. */
    private JsonNode awaitPosted(long channel, java.util.function.Predicate<JsonNode> what) {
        return await().atMost(WAIT)
                .until(
                        () -> discord().channelMessages(channel).stream()
                                .filter(what)
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    private JsonNode awaitText(long channel) {
        return awaitPosted(channel, m -> !m.path("content").asText().isBlank());
    }

    private JsonNode awaitImage(long channel) {
        return awaitPosted(channel, m -> m.path("attachments").size() > 0);
    }

    /** How many images the bot posted in {@code channel}. */
    private long results(long channel) {
        return discord().channelMessages(channel).stream()
                .filter(m -> m.path("attachments").size() > 0)
                .count();
    }

    /** A message the bot posted replies to {@code message}. */
    private static boolean repliesTo(JsonNode posted, long message) {
        return posted.path("message_reference").path("message_id").asText().equals(Long.toString(message));
    }

    @Nested
    class ReadingMessages {

        @org.junit.jupiter.api.BeforeEach
        void connect() throws Exception {
            harness = new DiscordHarness(gateway, true);
        }

        @Test
        void helpNamesTheBotAndDescribesDiscordsOwnCommands() {
            String help = answer(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "help", "en-US");

            assertThat(help)
                    .startsWith("🎨 " + FakeDiscord.BOT_NAME + " makes and edits images.")
                    .contains("/imagine", "/blend", "/settings", "/usage", "/cancel", "/forget", "/help")
                    .contains("Apps → " + CommandDefinitions.EDIT_IMAGE)
                    .contains("In a direct message to me, just send a description; in a server, mention " + MENTION)
                    .doesNotContain("@redraw", "/edit ", "/remix", "album", "In this private chat");
            String chinese = answer(FakeDiscord.BOB, FakeDiscord.BOB_DM, "help", "zh-CN");
            assertThat(chinese)
                    .startsWith("🎨 " + FakeDiscord.BOT_NAME + " 可以生成和修改图片。")
                    .contains("编辑图片", "私信");
            assertThat(answer(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "paint", "en-US"))
                    .as("an unknown command gets the help")
                    .isEqualTo(help);
        }

        @Test
        void aDirectMessageIsAPromptWithItsOptions() throws Exception {
            gateway.enqueue(image(RED));

            long message = discord()
                    .userMessage(
                            FakeDiscord.ALICE,
                            FakeDiscord.ALICE_DM,
                            "a red fox in the snow --ar 16:9",
                            List.of(),
                            null);

            JsonNode request = nextRequest();
            assertThat(request.path("prompt").asText()).isEqualTo("a red fox in the snow");
            assertThat(request.path("size").asText()).isEqualTo("16:9");
            assertThat(repliesTo(awaitImage(FakeDiscord.ALICE_DM), message)).isTrue();
        }

        @Test
        void aMentionWithImagesEditsThemAndAMentionReplyingToAPhotoEditsThatPhoto() throws Exception {
            gateway.enqueue(image(RED));
            gateway.enqueue(image(RED));
            var photo = discord().registerAttachment(BLUE, "p.png", "image/png", 64, 64);

            discord()
                    .userMessage(
                            FakeDiscord.BOB, FakeDiscord.CHANNEL_ID, MENTION + " make it night", List.of(photo), null);
            JsonNode withImage = nextRequest();
            long bobs = discord().userMessage(FakeDiscord.BOB, FakeDiscord.CHANNEL_ID, "look", List.of(photo), null);
            discord().userMessage(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, MENTION + " add a moon", List.of(), bobs);
            JsonNode reply = nextRequest();

            assertThat(withImage.path("contents").toString())
                    .contains("make it night")
                    .doesNotContain(MENTION);
            assertThat(ContentsGateway.imageAt(withImage, 0, 1)).isEqualTo(ContentsGateway.dataUri("image/png", BLUE));
            assertThat(reply.path("contents").toString()).contains("add a moon").doesNotContain(MENTION);
            assertThat(ContentsGateway.imageAt(reply, 0, 1)).isEqualTo(ContentsGateway.dataUri("image/png", BLUE));
            await().atMost(WAIT).until(() -> results(FakeDiscord.CHANNEL_ID) == 2);
        }

        @Test
        void imagesWithoutWordsAndEmptyOrBrokenPromptsAreToldWhatToDo() {
            var photo = discord().registerAttachment(BLUE, "p.png", "image/png", 64, 64);

            long bare = discord().userMessage(FakeDiscord.ALICE, FakeDiscord.ALICE_DM, "", List.of(photo), null);
            assertThat(awaitPosted(FakeDiscord.ALICE_DM, m -> repliesTo(m, bare))
                            .path("content")
                            .asText())
                    .isEqualTo("Tell me what to change: send the image again with a message that says it, or reply to"
                            + " the image with what to change.");
            long empty = discord().userMessage(FakeDiscord.BOB, FakeDiscord.CHANNEL_ID, MENTION, List.of(), null);
            assertThat(awaitPosted(FakeDiscord.CHANNEL_ID, m -> repliesTo(m, empty))
                            .path("content")
                            .asText())
                    .startsWith("Tell me what to draw");
            long broken = discord().userMessage(FakeDiscord.BOB, FakeDiscord.BOB_DM, "a fox --zoom 3", List.of(), null);
            assertThat(awaitPosted(FakeDiscord.BOB_DM, m -> repliesTo(m, broken))
                            .path("content")
                            .asText())
                    .startsWith("I don't know the option --zoom.");
            assertThat(gateway.getRequestCount()).isZero();
            assertThat(discord().calls("GET", "attachments/.*")).isEmpty();
        }

        @Test
        void aMessageWrittenAsACommandIsNeverAPromptAndSaysWhereDiscordsCommandsAre() throws Exception {
            long start = discord().userMessage(FakeDiscord.ALICE, FakeDiscord.ALICE_DM, "/start", List.of(), null);
            long other = discord()
                    .userMessage(
                            FakeDiscord.BOB,
                            FakeDiscord.CHANNEL_ID,
                            MENTION + " /imagine@someotherbot a cat",
                            List.of(),
                            null);

            assertThat(awaitPosted(FakeDiscord.ALICE_DM, m -> repliesTo(m, start))
                            .path("content")
                            .asText())
                    .startsWith("I didn't take /start as a prompt: on Discord my commands are picked from the menu");
            assertThat(awaitPosted(FakeDiscord.CHANNEL_ID, m -> repliesTo(m, other))
                            .path("content")
                            .asText())
                    .startsWith("I didn't take /imagine as a prompt");
            assertThat(gateway.getRequestCount()).isZero();
            // Nor in a reply to one of the bot's images, which would otherwise continue its branch.
            gateway.enqueue(image(RED));
            discord().userMessage(FakeDiscord.ALICE, FakeDiscord.ALICE_DM, "a fox", List.of(), null);
            nextRequest();
            long result = awaitImage(FakeDiscord.ALICE_DM).path("id").asLong();
            long reply = discord()
                    .userMessage(
                            FakeDiscord.ALICE, FakeDiscord.ALICE_DM, MENTION + " /imagine a dog", List.of(), result);
            assertThat(awaitPosted(FakeDiscord.ALICE_DM, m -> repliesTo(m, reply))
                            .path("content")
                            .asText())
                    .startsWith("I didn't take /imagine as a prompt");
            assertThat(gateway.getRequestCount()).isEqualTo(1);
        }

        @Test
        void aMentioningReplyToTheBotsImageContinuesItsBranchOnce() throws Exception {
            gateway.enqueue(image(RED));
            gateway.enqueue(image(BLUE));
            discord().userMessage(FakeDiscord.ALICE, FakeDiscord.ALICE_DM, "a fox", List.of(), null);
            nextRequest();
            long result = awaitImage(FakeDiscord.ALICE_DM).path("id").asLong();
            assertThat(harness.core.idle()).isTrue();

            discord().userMessage(FakeDiscord.ALICE, FakeDiscord.ALICE_DM, MENTION + " at night", List.of(), result);

            JsonNode continued = nextRequest();
            assertThat(continued.path("contents")).hasSize(3);
            await().atMost(WAIT).until(() -> results(FakeDiscord.ALICE_DM) == 2);
            assertThat(harness.core.idle()).isTrue();
            assertThat(gateway.getRequestCount()).isEqualTo(2);
        }

        @Test
        void originalTooLargeForTheChannelNamesDiscordsLimit() throws Exception {
            discord().uploadLimit(2000);
            byte[] big = TestImages.png(TestImages.opaqueNoise(200, 200, 5));
            assertThat(big.length).isGreaterThan(2000);
            gateway.enqueue(image(big));
            discord().userMessage(FakeDiscord.ALICE, FakeDiscord.ALICE_DM, "noise", List.of(), null);
            JsonNode result = awaitImage(FakeDiscord.ALICE_DM);
            String original = button(result, "o:");

            var press = discord().button(FakeDiscord.ALICE, result.path("id").asLong(), original, "en-US");

            await().atMost(WAIT)
                    .until(() -> discord().replies(press.token()).stream()
                            .anyMatch(r -> r.kind() == ReplyKind.EDIT_ORIGINAL && r.content() != null));
            String said = discord().replies(press.token()).stream()
                    .filter(r -> r.kind() == ReplyKind.EDIT_ORIGINAL && r.content() != null)
                    .findFirst()
                    .orElseThrow()
                    .content();
            assertThat(said)
                    .isEqualTo("The original is larger than the 10 MB I may upload here, so only the image shown can be"
                            + " sent.")
                    .doesNotContain("Telegram");
        }
    }

    @Nested
    class NotReadingMessages {

        @org.junit.jupiter.api.BeforeEach
        void connect() throws Exception {
            harness = new DiscordHarness(gateway, false);
        }

        @Test
        void directMessagesAndMentionsAreToldToUseImagine() {
            var photo = discord().registerAttachment(BLUE, "p.png", "image/png", 64, 64);

            long direct = discord().userMessage(FakeDiscord.ALICE, FakeDiscord.ALICE_DM, "a red fox", List.of(), null);
            long mention = discord()
                    .userMessage(
                            FakeDiscord.BOB, FakeDiscord.CHANNEL_ID, MENTION + " make it night", List.of(photo), null);

            String hint = awaitPosted(FakeDiscord.ALICE_DM, m -> repliesTo(m, direct))
                    .path("content")
                    .asText();
            assertThat(hint)
                    .startsWith("I don't read messages here. To make an image, use /imagine")
                    .contains("/blend");
            assertThat(awaitPosted(FakeDiscord.CHANNEL_ID, m -> repliesTo(m, mention))
                            .path("content")
                            .asText())
                    .isEqualTo(hint);
            assertThat(gateway.getRequestCount()).isZero();
            assertThat(discord().calls("GET", "attachments/.*")).isEmpty();
        }

        @Test
        void helpSaysMessagesAreNotReadHere() {
            assertThat(answer(FakeDiscord.ALICE, FakeDiscord.ALICE_DM, "help", "en-US"))
                    .contains("I don't read messages here")
                    .doesNotContain(MENTION, "--ar");
        }
    }

    private static String button(JsonNode message, String prefix) {
        for (JsonNode row : message.path("components")) {
            for (JsonNode component : row.path("components")) {
                if (component.path("custom_id").asText().startsWith(prefix)) {
                    return component.path("custom_id").asText();
                }
            }
        }
        throw new AssertionError("no button " + prefix + " in " + message);
    }
}

package dev.redraw.discord;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.testing.StoreFaults;
import dev.redraw.core.testing.TestImages;
import dev.redraw.discord.fake.FakeDiscord;
import dev.redraw.discord.fake.FakeDiscord.Reply;
import dev.redraw.discord.fake.FakeDiscord.ReplyKind;
import java.awt.Color;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A handler that fails still answers the user, in their language, and the bot serves again afterwards. */
class DiscordFailureAnswersTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final byte[] RED = TestImages.png(64, 64, Color.RED);
    private static final byte[] GREEN = TestImages.png(64, 64, Color.GREEN);
    private static final String CANT_SAVE = "I can't save anything right now";
    private static final String CANT_SAVE_ZH = "现在无法保存";
    private static final String WENT_WRONG = "Something went wrong on the bot's side";

    @StartStop
    private final MockWebServer gateway = new MockWebServer();

    private final StoreFaults settings = new StoreFaults();
    private final StoreFaults conversations = new StoreFaults();
    private DiscordHarness harness;

    @BeforeEach
    void connect() throws Exception {
        harness = new DiscordHarness(gateway, services -> conversations.conversationsOf(settings.settingsOf(services)));
    }

    @AfterEach
    void disconnect() throws Exception {
        harness.close();
    }

    private FakeDiscord.Interaction imagine(long user, String locale, String prompt) {
        return harness.discord.slashCommand(
                user, FakeDiscord.CHANNEL_ID, "imagine", Map.of("prompt", prompt), List.of(), locale);
    }

    /** The first response or edit of the interaction whose text contains {@code part}. */
    private Reply awaitAnswer(FakeDiscord.Interaction interaction, String part) {
        await().atMost(WAIT).until(() -> answer(interaction, part) != null);
        return answer(interaction, part);
    }

    private Reply answer(FakeDiscord.Interaction interaction, String part) {
        return harness.discord.replies(interaction.token()).stream()
                .filter(r -> r.content() != null && r.content().contains(part))
                .findFirst()
                .orElse(null);
    }

    /** The result's edit of the interaction's response, with its image and buttons. */
    private Reply awaitResult(FakeDiscord.Interaction interaction) {
        await().atMost(WAIT).until(() -> result(interaction) != null);
        return result(interaction);
    }

    private Reply result(FakeDiscord.Interaction interaction) {
        return harness.discord.replies(interaction.token()).stream()
                .filter(r -> r.kind() == ReplyKind.EDIT_ORIGINAL && !r.files().isEmpty())
                .reduce((first, last) -> last)
                .orElse(null);
    }

    /** The turn a result's Reroll button names. */
    private static long turnOf(Reply result) {
        for (JsonNode row : result.components()) {
            for (JsonNode component : row.path("components")) {
                String id = component.path("custom_id").asText();
                if (id.startsWith("r:")) {
                    return Long.parseLong(id.substring(2));
                }
            }
        }
        throw new AssertionError("no Reroll button in " + result.components());
    }

    /** The id of the message showing the result of {@code turn}, once the bot linked them. */
    private long messageShowing(long turn) {
        await().atMost(WAIT).until(() -> !harness.core.conversations.links(turn).isEmpty());
        return Long.parseLong(harness.core.conversations.links(turn).getFirst().messageId());
    }

    @Test
    void aStorageFaultIsToldToTheUserInTheirLanguageAndServiceResumesWhenStorageWorksAgain() {
        settings.breakStorage();

        var alices = imagine(FakeDiscord.ALICE, "en-US", "a red fox");
        var bobs = imagine(FakeDiscord.BOB, "zh-CN", "一只狐狸");

        Reply told = awaitAnswer(alices, CANT_SAVE);
        assertThat(told.kind()).isEqualTo(ReplyKind.CALLBACK);
        assertThat(told.flags() & 64).as("shown to the user alone").isEqualTo(64);
        awaitAnswer(bobs, CANT_SAVE_ZH);
        assertThat(gateway.getRequestCount()).isZero();

        settings.heal();
        gateway.enqueue(image(RED));
        var again = imagine(FakeDiscord.ALICE, "en-US", "a red fox, again");

        assertThat(awaitResult(again).files().getFirst().bytes()).isEqualTo(RED);
    }

    @Test
    void aStorageFaultAfterTheResponseIsDeferredIsEditedIntoIt() {
        gateway.enqueue(image(RED));
        long turn = turnOf(awaitResult(imagine(FakeDiscord.ALICE, "en-US", "a fox")));
        long message = messageShowing(turn);
        String modal = EditTurnModal.id(Long.toString(message), turn);

        conversations.breakStorage();
        var edit = harness.discord.modalSubmit(
                FakeDiscord.ALICE, modal, Map.of(EditForm.INSTRUCTION, "add a hat"), "en-US");

        Reply told = awaitAnswer(edit, CANT_SAVE);
        assertThat(told.kind()).isEqualTo(ReplyKind.EDIT_ORIGINAL);
        assertThat(harness.discord.replies(edit.token()).getFirst().isDefer()).isTrue();

        conversations.heal();
        gateway.enqueue(image(GREEN));
        var again = harness.discord.modalSubmit(
                FakeDiscord.ALICE, modal, Map.of(EditForm.INSTRUCTION, "add a hat"), "en-US");

        assertThat(awaitResult(again).files().getFirst().bytes()).isEqualTo(GREEN);
    }

    @Test
    void anyOtherFailureIsAnsweredAsTheBotsOwnError() {
        settings.failWith(() -> new IllegalStateException("a bug"));

        var usage = harness.discord.slashCommand(
                FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "usage", Map.of(), List.of(), "en-US");

        assertThat(awaitAnswer(usage, WENT_WRONG).flags() & 64).isEqualTo(64);
        settings.heal();
        var help = harness.discord.slashCommand(
                FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "help", Map.of(), List.of(), "en-US");
        assertThat(harness.discord
                        .awaitReply(help.token(), ReplyKind.CALLBACK, WAIT)
                        .content())
                .doesNotContain(WENT_WRONG);
    }

    @Test
    void aReplyToTheBotsImageIsAnsweredWhenStorageFailsButOtherRepliesAreNot() {
        gateway.enqueue(image(RED));
        long message = messageShowing(turnOf(awaitResult(imagine(FakeDiscord.ALICE, "en-US", "a fox"))));
        long bobs = harness.discord.userMessage(FakeDiscord.BOB, FakeDiscord.CHANNEL_ID, "hi", List.of(), null);

        conversations.breakStorage();
        long other =
                harness.discord.userMessage(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "hello Bob", List.of(), bobs);
        long reply =
                harness.discord.userMessage(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "at night", List.of(), message);

        await().atMost(WAIT).until(() -> answerTo(reply) != null);
        assertThat(answerTo(reply).path("content").asText()).contains(CANT_SAVE);
        assertThat(answerTo(other))
                .as("a reply to a user is none of the bot's business")
                .isNull();
    }

    /** The bot's message replying to {@code message}, or null. */
    private JsonNode answerTo(long message) {
        return harness.discord.botMessages().stream()
                .filter(m -> m.path("message_reference").path("message_id").asLong() == message)
                .findFirst()
                .orElse(null);
    }
}

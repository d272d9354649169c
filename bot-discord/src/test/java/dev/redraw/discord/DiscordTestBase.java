package dev.redraw.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.discord.fake.FakeDiscord;
import dev.redraw.discord.fake.FakeDiscord.Reply;
import dev.redraw.discord.fake.FakeDiscord.ReplyKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The bot on the real JDA against a fake Discord and a MockWebServer gateway, started for each test
 * ({@link #start} says over which core), with what users do most: slash commands from an English
 * client, the Edit form, and waiting for the bot's answers and the gateway's requests.
 */
abstract class DiscordTestBase {

    static final Duration WAIT = Duration.ofSeconds(20);

    @StartStop
    final MockWebServer gateway = new MockWebServer();

    final ObjectMapper json = new ObjectMapper();
    DiscordHarness harness;

    @BeforeEach
    void connect() throws Exception {
        harness = start(gateway);
    }

    @AfterEach
    void disconnect() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    /** The bot each test talks to, over {@code gateway}: by default the core's models at the contents gateway. */
    DiscordHarness start(MockWebServer gateway) throws Exception {
        return new DiscordHarness(gateway);
    }

    /** How long to wait for an answer or a request. */
    Duration patience() {
        return WAIT;
    }

    /** Alice runs a slash command in the guild channel, with an English client. */
    FakeDiscord.Interaction slash(String name, Map<String, ?> options) {
        return slash(FakeDiscord.ALICE, name, options);
    }

    /** {@code user} runs a slash command in the guild channel, with an English client. */
    FakeDiscord.Interaction slash(long user, String name, Map<String, ?> options) {
        return harness.discord.slashCommand(user, FakeDiscord.CHANNEL_ID, name, options, List.of(), "en-US");
    }

    /** The bot's only answer to an interaction it answers at once, without deferring. */
    Reply answer(FakeDiscord.Interaction interaction) {
        return harness.discord.awaitReply(interaction.token(), ReplyKind.CALLBACK, patience());
    }

    /** The first edit of a deferred interaction's response. */
    Reply firstEdit(FakeDiscord.Interaction interaction) {
        return harness.discord.awaitReply(interaction.token(), ReplyKind.EDIT_ORIGINAL, patience());
    }

    /** The last edit of the interaction's response that carries a file. */
    Reply result(FakeDiscord.Interaction interaction) {
        return await().atMost(patience())
                .until(
                        () -> harness.discord.replies(interaction.token()).stream()
                                .filter(r -> r.kind() == ReplyKind.EDIT_ORIGINAL
                                        && !r.files().isEmpty())
                                .reduce((first, second) -> second)
                                .orElse(null),
                        reply -> reply != null);
    }

    /** The next request the gateway received. */
    RecordedRequest nextCall() throws Exception {
        RecordedRequest request = gateway.takeRequest(patience().toSeconds(), TimeUnit.SECONDS);
        assertThat(request).as("a request reached the gateway").isNotNull();
        return request;
    }

    /** The JSON body of the next request the gateway received. */
    JsonNode nextRequest() throws Exception {
        return json.readTree(nextCall().getBody().utf8());
    }

    /** Alice answers the Edit form that {@code opening} (an Edit button or Edit image) brought up. */
    FakeDiscord.Interaction submitEditForm(FakeDiscord.Interaction opening, String instruction) {
        Reply modal = answer(opening);
        return harness.discord.modalSubmit(
                FakeDiscord.ALICE,
                modal.payload().path("custom_id").asText(),
                Map.of(EditForm.INSTRUCTION, instruction),
                "en-US");
    }

    /** Alice runs Edit image on {@code message} and answers its form with {@code instruction}. */
    FakeDiscord.Interaction editImage(long message, String instruction) {
        return submitEditForm(
                harness.discord.messageContextMenu(FakeDiscord.ALICE, CommandDefinitions.EDIT_IMAGE, message),
                instruction);
    }

    /** Alice presses the Edit button {@code customId} under {@code message} and answers its form. */
    FakeDiscord.Interaction pressEdit(long message, String customId, String instruction) {
        return submitEditForm(harness.discord.button(FakeDiscord.ALICE, message, customId, "en-US"), instruction);
    }
}

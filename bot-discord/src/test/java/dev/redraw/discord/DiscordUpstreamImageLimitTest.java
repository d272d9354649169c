package dev.redraw.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.SentImages;
import dev.redraw.core.testing.TestImages;
import dev.redraw.discord.fake.FakeDiscord;
import dev.redraw.discord.fake.FakeDiscord.Reply;
import dev.redraw.discord.fake.FakeDiscord.ReplyKind;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Seed 002's 7 MB per image holds for earlier results too: a 12 MB result, continued with the Edit
 * button or a reply, goes upstream re-encoded under the limit, the same picture in the same shape.
 */
class DiscordUpstreamImageLimitTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @StartStop
    private final MockWebServer gateway = new MockWebServer();

    private final ObjectMapper json = new ObjectMapper();
    private DiscordHarness harness;

    @BeforeEach
    void connect() throws Exception {
        harness = new DiscordHarness(gateway);
    }

    @AfterEach
    void disconnect() throws Exception {
        harness.close();
    }

    private JsonNode nextRequest() throws Exception {
        RecordedRequest request = gateway.takeRequest(20, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the gateway").isNotNull();
        return json.readTree(request.getBody().utf8());
    }

    private Reply result(FakeDiscord.Interaction interaction) {
        return await().atMost(WAIT)
                .until(
                        () -> harness.discord.replies(interaction.token()).stream()
                                .filter(r -> r.kind() == ReplyKind.EDIT_ORIGINAL
                                        && !r.files().isEmpty())
                                .reduce((first, second) -> second)
                                .orElse(null),
                        reply -> reply != null);
    }

    /** The one image of a continuation's request: under the limit, a valid image of {@code ratio}. */
    private static void assertSentUnderTheLimit(JsonNode continued, double ratio) {
        assertThat(continued.path("contents")).hasSize(3);
        assertThat(ContentsGateway.imageAt(continued, 1, 1)).startsWith("data:image/jpeg;base64,");
        List<byte[]> sent = SentImages.in(continued);
        assertThat(sent).singleElement().satisfies(bytes -> {
            assertThat((long) bytes.length).isLessThanOrEqualTo(SentImages.MAX_BYTES);
            BufferedImage picture = TestImages.decode(bytes);
            assertThat((double) picture.getWidth() / picture.getHeight()).isCloseTo(ratio, within(0.01));
            assertThat(picture.getWidth()).isGreaterThanOrEqualTo(256);
        });
    }

    @Test
    void theEditButtonAndAReplyOnATwelveMegabyteResultSendItUpstreamUnderSevenMegabytes() throws Exception {
        byte[] large = TestImages.png(TestImages.opaqueNoise(2400, 1800, 11));
        assertThat((long) large.length).isGreaterThan(12L * 1024 * 1024);
        gateway.enqueue(ContentsGateway.image(large));
        gateway.enqueue(ContentsGateway.image(TestImages.png(64, 48, Color.GREEN)));
        gateway.enqueue(ContentsGateway.image(TestImages.png(64, 48, Color.BLUE)));

        Reply noise = result(harness.discord.slashCommand(
                FakeDiscord.ALICE,
                FakeDiscord.CHANNEL_ID,
                "imagine",
                Map.of("prompt", "static on an old television", "ratio", "4:3"),
                List.of(),
                "en-US"));
        nextRequest();
        long message = harness.messageShowing(noise);
        // Over Discord's upload limit: shown re-encoded, the original a button away.
        assertThat(noise.files().getFirst().bytes().length).isLessThan(large.length);
        assertThat(noise.button("o:")).isNotBlank();

        var press = harness.discord.button(FakeDiscord.ALICE, message, noise.button("e:"), "en-US");
        Reply modal = harness.discord.awaitReply(press.token(), ReplyKind.CALLBACK, WAIT);
        result(harness.discord.modalSubmit(
                FakeDiscord.ALICE,
                modal.payload().path("custom_id").asText(),
                Map.of(EditForm.INSTRUCTION, "calmer"),
                "en-US"));
        assertSentUnderTheLimit(nextRequest(), 4.0 / 3);

        harness.discord.userMessage(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "in colour", List.of(), message);
        assertSentUnderTheLimit(nextRequest(), 4.0 / 3);
    }
}

package dev.redraw.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.SentImages;
import dev.redraw.core.testing.TestImages;
import dev.redraw.discord.fake.FakeDiscord;
import dev.redraw.discord.fake.FakeDiscord.Reply;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 002's 7 MB per image holds for earlier results too: a 12 MB result, continued with the Edit
 * button or a reply, goes upstream re-encoded under the limit, the same picture in the same shape.
 */
class DiscordUpstreamImageLimitTest extends DiscordTestBase {

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

        Reply noise = result(slash("imagine", Map.of("prompt", "static on an old television", "ratio", "4:3")));
        nextRequest();
        long message = harness.messageShowing(noise);
        // Over Discord's upload limit: shown re-encoded, the original a button away.
        assertThat(noise.files().getFirst().bytes().length).isLessThan(large.length);
        assertThat(noise.button("o:")).isNotBlank();

        result(pressEdit(message, noise.button("e:"), "calmer"));
        assertSentUnderTheLimit(nextRequest(), 4.0 / 3);

        harness.discord.userMessage(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "in colour", List.of(), message);
        assertSentUnderTheLimit(nextRequest(), 4.0 / 3);
    }
}

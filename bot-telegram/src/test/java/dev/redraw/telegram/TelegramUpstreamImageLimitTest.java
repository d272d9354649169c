package dev.redraw.telegram;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.SentImages;
import dev.redraw.core.testing.TestImages;
import dev.redraw.telegram.fake.FakeTelegram.Kind;
import dev.redraw.telegram.fake.FakeTelegram.SentMessage;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 002's 7 MB per image holds for earlier results too: a 12 MB result, continued by a reply,
 * goes upstream re-encoded under the limit, the same picture in the same shape, while the user keeps
 * the original.
 */
class TelegramUpstreamImageLimitTest extends TelegramTestBase {

    @Test
    void aReplyToATwelveMegabyteResultSendsItUpstreamUnderSevenMegabytes() throws Exception {
        byte[] large = TestImages.png(TestImages.opaqueNoise(2400, 1800, 7));
        assertThat((long) large.length).isGreaterThan(12L * 1024 * 1024);
        gateway.enqueue(image(large));
        gateway.enqueue(image(TestImages.png(64, 48, Color.GREEN)));
        harness.startPolling();

        telegram.from(ALICE).text("static on an old television --ar 4:3");
        SentMessage preview = awaitSent(ALICE.id(), photo());
        SentMessage original = awaitSent(ALICE.id(), m -> m.kind() == Kind.DOCUMENT);
        nextRequest();
        telegram.from(ALICE).replyTo(preview.messageId()).text("calmer");
        JsonNode continued = nextRequest();

        assertThat(original.file()).as("the user keeps the full result").containsExactly(large);
        assertThat(continued.path("contents")).hasSize(3);
        assertThat(continued.path("contents").get(1).path("role").asText()).isEqualTo("model");
        List<byte[]> sent = SentImages.in(continued);
        assertThat(sent).singleElement().satisfies(bytes -> {
            assertThat((long) bytes.length).isLessThanOrEqualTo(SentImages.MAX_BYTES);
            BufferedImage picture = TestImages.decode(bytes);
            assertThat(picture).as("a valid image").isNotNull();
            assertThat((double) picture.getWidth() / picture.getHeight())
                    .as("still 4:3")
                    .isCloseTo(4.0 / 3, within(0.01));
            assertThat(picture.getWidth()).isBetween(256, 2400);
        });
        // Opaque, so re-encoded as a JPEG, and labelled as one.
        assertThat(ContentsGateway.imageAt(continued, 1, 1)).startsWith("data:image/jpeg;base64,");
    }
}

package dev.redraw.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.CoreHarness;
import dev.redraw.core.testing.SentImages;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Seed 002: "File size: Max 7MB (before encoding)" per image. Through the real use case, history
 * builder, re-encoding and contents dialect: earlier results of 12 MB in a branch go upstream under
 * the limit, each still the same picture in its shape, and none is left out that fits once re-encoded.
 */
class UpstreamHistoryLimitTest {

    private static final Origin ALICE = new Origin("telegram", "100", "42");

    @StartStop
    final MockWebServer gateway = new MockWebServer();

    private final ObjectMapper json = new ObjectMapper();
    private CoreHarness core;

    @BeforeEach
    void open() {
        core = new CoreHarness(gateway);
        core.startRunner();
    }

    @AfterEach
    void close() {
        core.close();
    }

    /** Asks for {@code prompt} continuing {@code parent}, with {@code photos} of the user's own; returns the answer's turn. */
    private Turn ask(OptionalLong parent, String prompt, byte[]... photos) throws Exception {
        List<ImageFetcher> images = java.util.Arrays.stream(photos)
                .<ImageFetcher>map(bytes -> new GenerateTest.Counting("photo.png", bytes))
                .toList();
        var result = core.services
                .generate()
                .submit(new Generate.Request(
                        ALICE, prompt, parent, Generate.Options.NONE, Optional.of(prompt), images));
        assertThat(result).isInstanceOf(Generate.Result.Accepted.class);
        long userTurn = ((Generate.Result.Accepted) result).userTurn().id();
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> core.conversations.children(userTurn), children -> !children.isEmpty())
                .getFirst();
    }

    private JsonNode nextRequest() throws Exception {
        var request = gateway.takeRequest(20, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the gateway").isNotNull();
        return json.readTree(request.getBody().utf8());
    }

    /** A noisy PNG of over 12 MB, {@code width}x{@code height}. */
    private static byte[] large(int width, int height, long seed) {
        byte[] png = TestImages.png(TestImages.opaqueNoise(width, height, seed));
        assertThat((long) png.length).isGreaterThan(12L * 1024 * 1024);
        return png;
    }

    private static void assertUnderTheLimit(byte[] sent, double ratio) {
        assertThat((long) sent.length).isLessThanOrEqualTo(SentImages.MAX_BYTES);
        BufferedImage picture = TestImages.decode(sent);
        assertThat((double) picture.getWidth() / picture.getHeight()).isCloseTo(ratio, within(0.01));
        assertThat(Math.max(picture.getWidth(), picture.getHeight())).isGreaterThanOrEqualTo(256);
    }

    @Test
    void aTwelveMegabyteResultContinuedGoesUpstreamUnderSevenMegabytesAndTheUserKeepsIt() throws Exception {
        byte[] first = large(1800, 2400, 3);
        gateway.enqueue(ContentsGateway.image(first));
        gateway.enqueue(ContentsGateway.image(TestImages.png(30, 40, Color.GREEN)));

        Turn result = ask(OptionalLong.empty(), "static, tall");
        nextRequest();
        ask(OptionalLong.of(result.id()), "calmer");
        JsonNode continued = nextRequest();

        assertThat(result.role()).isEqualTo(Role.MODEL);
        assertThat(result.images().getFirst().byteSize()).isEqualTo(first.length);
        assertThat(core.services.images().bytes(result.images().getFirst().sha256()))
                .hasValueSatisfying(kept -> assertThat(kept).isEqualTo(first));
        assertThat(SentImages.in(continued)).singleElement().satisfies(sent -> assertUnderTheLimit(sent, 3.0 / 4));
    }

    @Test
    void twoTwelveMegabyteResultsAndAPhotoInOneBranchAllGoUpstreamUnderSevenMegabytes() throws Exception {
        byte[] first = large(2400, 1800, 5);
        byte[] second = large(2400, 1800, 6);
        byte[] photo = TestImages.png(120, 90, Color.BLUE);
        gateway.enqueue(ContentsGateway.image(first));
        gateway.enqueue(ContentsGateway.image(second));
        gateway.enqueue(ContentsGateway.image(TestImages.png(40, 30, Color.GREEN)));

        Turn one = ask(OptionalLong.empty(), "static");
        Turn two = ask(OptionalLong.of(one.id()), "more static");
        nextRequest();
        nextRequest();
        ask(OptionalLong.of(two.id()), "put this photo on the screen", photo);
        JsonNode third = nextRequest();

        List<byte[]> sent = SentImages.in(third);
        // Both earlier results fit the 20 MB history once re-encoded, so neither is left out.
        assertThat(sent).hasSize(3);
        assertUnderTheLimit(sent.get(0), 4.0 / 3);
        assertUnderTheLimit(sent.get(1), 4.0 / 3);
        assertThat(sent.get(2)).isEqualTo(photo);
        assertThat(sent.get(0)).isNotEqualTo(sent.get(1));
    }
}

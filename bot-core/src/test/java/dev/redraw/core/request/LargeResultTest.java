package dev.redraw.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.CoreHarness;
import dev.redraw.core.testing.TestImages;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * A result large enough to be decoded and hashed side by side is stored under its bytes' own
 * hash, and can be read back under it.
 */
class LargeResultTest {

    private static final Origin ALICE = new Origin("telegram", "100", "42");

    @Test
    void aMegabyteResultIsStoredUnderTheHashOfItsBytes() throws Exception {
        byte[] large = TestImages.png(TestImages.opaqueNoise(640, 600, 11));
        assertThat(large.length).isGreaterThan(1_000_000);
        try (var gateway = new MockWebServer()) {
            gateway.start();
            gateway.enqueue(ContentsGateway.image(large));
            generateAndCheck(gateway, large);
        }
    }

    private static void generateAndCheck(MockWebServer gateway, byte[] large) throws Exception {
        try (var core = CoreHarness.withOpenAiGateway(gateway)) {
            core.startRunner();

            var asked = core.services
                    .generate()
                    .submit(new Generate.Request(
                            ALICE,
                            "static on a screen",
                            OptionalLong.empty(),
                            Generate.Options.NONE,
                            Optional.empty(),
                            List.of()));

            long userTurn = ((Generate.Result.Accepted) asked).userTurn().id();
            Turn answer = await().atMost(Duration.ofSeconds(20))
                    .until(() -> core.conversations.children(userTurn), children -> !children.isEmpty())
                    .getFirst();
            ImageRef stored = answer.images().getFirst();
            assertThat(stored.sha256()).isEqualTo(ImageRef.sha256Of(large));
            assertThat(stored.byteSize()).isEqualTo(large.length);
            assertThat(core.services.images().bytes(stored.sha256()))
                    .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(large));
        }
    }
}

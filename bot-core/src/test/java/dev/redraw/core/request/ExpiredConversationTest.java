package dev.redraw.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.CoreHarness;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A reply to a result whose conversation retention expired is told so, and no model is called. */
class ExpiredConversationTest {

    private static final Origin ALICE = new Origin("telegram", "100", "42");

    @StartStop
    final MockWebServer gateway = new MockWebServer();

    private CoreHarness core;

    @BeforeEach
    void open() {
        core = CoreHarness.withOpenAiGateway(gateway);
    }

    @AfterEach
    void close() {
        core.close();
    }

    private Generate.Result ask(OptionalLong parent, String prompt) throws Exception {
        return core.services
                .generate()
                .submit(new Generate.Request(
                        ALICE, prompt, parent, Generate.Options.NONE, Optional.empty(), List.of()));
    }

    @Test
    void aReplyToAnExpiredResultIsRefusedWithTheReasonAndCallsNoModel() throws Exception {
        gateway.enqueue(ContentsGateway.image(TestImages.png(64, 64, Color.RED)));
        gateway.enqueue(ContentsGateway.image(TestImages.png(64, 64, Color.BLUE)));
        core.startRunner();
        var first = (Generate.Result.Accepted) ask(OptionalLong.empty(), "a fox");
        Turn answer = await().atMost(Duration.ofSeconds(20))
                .until(() -> core.conversations.children(first.userTurn().id()), children -> !children.isEmpty())
                .getFirst();
        Instant now = Instant.now();
        assertThat(core.conversations.expireUntouchedSince(now.plusSeconds(1), now))
                .isEqualTo(1);

        var reply = ask(OptionalLong.of(answer.id()), "at night");

        assertThat(reply)
                .isInstanceOfSatisfying(
                        Generate.Result.Refused.class,
                        refused -> assertThat(refused.refusal()).isInstanceOf(Refusal.ImageExpired.class));
        assertThat(core.services.desk().reroll(answer.id(), ALICE, Optional.empty()))
                .isInstanceOfSatisfying(
                        Submission.Refused.class,
                        refused -> assertThat(refused.refusal()).isInstanceOf(Refusal.ImageExpired.class));
        assertThat(gateway.getRequestCount()).isEqualTo(1);
        assertThat(ask(OptionalLong.empty(), "a new fox")).isInstanceOf(Generate.Result.Accepted.class);
    }
}

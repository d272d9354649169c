package dev.redraw.telegram;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.telegram.fake.FakeTelegram.Kind;
import dev.redraw.telegram.fake.FakeTelegram.SentMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /forget deletes conversations and images, never what the quota counts. */
class TelegramForgetTest extends TelegramTestBase {

    @BeforeEach
    void twoImagesADay() throws Exception {
        harness.close();
        harness = new TelegramHarness(gateway, 2);
        telegram = harness.telegram;
        harness.startPolling();
    }

    @Test
    void forgettingDoesNotGiveTheQuotaBack() throws Exception {
        gateway.enqueue(image(RED));
        gateway.enqueue(image(RED));
        gateway.enqueue(image(RED));
        telegram.from(ALICE).text("a fox");
        awaitSent(ALICE.id(), photo());
        telegram.from(ALICE).text("a cat");
        telegram.awaitSent(
                ALICE.id(),
                m -> telegram.sent(ALICE.id()).stream()
                                .filter(sent -> sent.photo())
                                .count()
                        == 2,
                WAIT);
        assertThat(harness.idle()).isTrue();

        forgetConfirmed(ALICE);
        assertThat(harness.conversations.highestMessageNumber("telegram", Long.toString(ALICE.id())))
                .isEmpty();

        var refused = telegram.from(ALICE).text("a dog");
        SentMessage answer = awaitSent(
                ALICE.id(),
                m -> m.kind() == Kind.TEXT && Long.valueOf(refused.messageId()).equals(m.replyTo()));
        assertThat(answer.text()).contains("You made 2 images in the last 24 h, which is your limit");
        var usage = telegram.from(ALICE).text("/usage");
        SentMessage report = awaitSent(
                ALICE.id(),
                m -> m.kind() == Kind.TEXT && Long.valueOf(usage.messageId()).equals(m.replyTo()));
        assertThat(report.text()).contains("You made 2 images in the last 24 h.", "That is your limit");
        assertThat(harness.idle()).isTrue();
        assertThat(gateway.getRequestCount()).isEqualTo(2);
        assertThat(harness.jobs.usage(java.time.LocalDate.now(java.time.ZoneOffset.UTC), java.util.Optional.empty()))
                .singleElement()
                .satisfies(row -> assertThat(row.images()).isEqualTo(2));
    }
}

package dev.redraw.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.job.DeliveryState;
import dev.redraw.core.job.Job;
import dev.redraw.core.testing.HoldingGateway;
import dev.redraw.telegram.fake.FakeTelegram.Kind;
import dev.redraw.telegram.fake.FakeTelegram.SentMessage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bot killed while its jobs show their state, and started again over what it left. */
class TelegramRestartTest extends TelegramTestBase {

    private final HoldingGateway upstream = new HoldingGateway(RED);

    @AfterEach
    void releaseUpstream() {
        upstream.release();
    }

    private Job job(long id) {
        return harness.jobs.find(id).orElseThrow();
    }

    /** The text of a message as it stands now in Alice's chat; null once deleted. */
    private String shown(int messageId) throws Exception {
        String message = telegram.messageJson(ALICE.id(), messageId);
        return message == null ? null : json.readTree(message).path("text").asText();
    }

    @Test
    void jobsKilledWhileDrawingOrQueuedAreDeliveredOnceAfterARestartIntoTheirStatusMessages() throws Exception {
        gateway.setDispatcher(upstream);
        upstream.hold(2);
        harness.startPolling();
        for (String prompt : List.of("a fox", "a cat", "an owl")) {
            telegram.from(ALICE).text(prompt);
        }
        // Two of a user's jobs draw at once; the third waits its turn.
        await().atMost(WAIT).until(() -> upstream.requests() == 2);
        Map<Long, Integer> statuses = new TreeMap<>();
        await().atMost(WAIT).until(() -> {
            for (long id = 1; id <= 3; id++) {
                var recorded = job(id).statusMessageId();
                if (recorded.isEmpty()) {
                    return false;
                }
                statuses.put(id, Integer.valueOf(recorded.get()));
            }
            return shown(statuses.get(1L)).contains("Drawing")
                    && shown(statuses.get(2L)).contains("Drawing")
                    && shown(statuses.get(3L)).contains("Queued");
        });
        harness.kill();

        try (TelegramHarness second = harness.restart(gateway)) {
            second.startPolling();

            await().atMost(WAIT)
                    .until(() ->
                            statuses.keySet().stream().allMatch(id -> job(id).delivery() == DeliveryState.DELIVERED));
            List<SentMessage> photos =
                    telegram.sent(ALICE.id()).stream().filter(m -> m.photo()).toList();
            assertThat(photos)
                    .extracting(SentMessage::fileName)
                    .as("each job's result, once")
                    .containsExactlyInAnyOrder("redraw-1.png", "redraw-2.png", "redraw-3.png");
            for (var status : statuses.entrySet()) {
                assertThat(photos)
                        .as("job %d's result is its status message", status.getKey())
                        .anyMatch(m -> m.messageId() == status.getValue()
                                && m.fileName().equals("redraw-" + status.getKey() + ".png"));
                JsonNode now = json.readTree(telegram.messageJson(ALICE.id(), status.getValue()));
                assertThat(now.has("photo")).isTrue();
                assertThat(now.has("text")).isFalse();
                assertThat(job(status.getKey()).statusMessageId()).isEmpty();
            }
            assertThat(telegram.sent(ALICE.id()))
                    .filteredOn(m -> m.kind() == Kind.TEXT)
                    .as("no status message posted besides the three, none left behind")
                    .extracting(m -> (int) m.messageId())
                    .containsExactlyInAnyOrderElementsOf(statuses.values());
        }
    }
}

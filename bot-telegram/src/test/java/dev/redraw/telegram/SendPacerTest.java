package dev.redraw.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The send pacer on a clock the test moves. */
class SendPacerTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Duration> slept = new ArrayList<>();
    private final SendPacer pacer = new SendPacer(now::get, slept::add, SendPacer.Listener.NONE);

    @Test
    void aBurstToOneChatIsSpreadOneSecondApart() {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waits.add(pacer.reserve(42));
        }
        assertThat(waits)
                .containsExactly(
                        Duration.ZERO,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(4));
    }

    @Test
    void chatsDoNotWaitForEachOtherBeyondTheOverallLimit() {
        pacer.reserve(42);
        assertThat(pacer.reserve(43)).isLessThanOrEqualTo(SendPacer.OVERALL);
    }

    @Test
    void aGroupGetsTwentyAMinute() {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            waits.add(pacer.reserve(-100));
        }
        assertThat(waits.get(19)).isEqualTo(Duration.ofSeconds(19));
        // The 21st waits until the first is a minute old.
        assertThat(waits.get(20)).isEqualTo(Duration.ofSeconds(60));
        assertThat(waits.get(24)).isEqualTo(Duration.ofSeconds(64));
    }

    @Test
    void aQuietChatSendsAtOnceAgain() {
        pacer.reserve(42);
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(pacer.reserve(42)).isZero();
    }

    @Test
    void aFloodWaitPushesTheChatsNextSendBack() throws Exception {
        pacer.backOff(42, Duration.ofSeconds(7));
        pacer.await(42);
        assertThat(slept).containsExactly(Duration.ofSeconds(7));
    }
}

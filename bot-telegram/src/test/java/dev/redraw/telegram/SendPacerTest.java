package dev.redraw.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.redraw.core.provider.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
    void anAlbumCountsAsItsPhotos() {
        assertThat(pacer.reserve(42, 4)).isZero();
        // The next send keeps the distance of four messages.
        assertThat(pacer.reserve(42)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void anAlbumInAGroupWaitsUntilTheLastMinuteHasRoomForAllOfIt() {
        for (int i = 0; i < 18; i++) {
            pacer.reserve(-100);
        }
        // 18 in the last minute: an album of 4 needs the first two to be a minute old.
        assertThat(pacer.reserve(-100, 4)).isEqualTo(Duration.ofSeconds(61));
        assertThatThrownBy(() -> pacer.reserve(-100, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pacer.reserve(-100, SendPacer.GROUP_MAX + 1))
                .isInstanceOf(IllegalArgumentException.class);
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
        assertThat(pacer.await(42)).isTrue();
        assertThat(slept).containsExactly(Duration.ofSeconds(7));
    }

    // The overall gate, on the real clock with a wide spacing so that the order is plain to see.

    private final SendPacer gated =
            new SendPacer(System::nanoTime, Sleeper.REAL, SendPacer.Listener.NONE, Duration.ofMillis(300));

    @Test
    void aResultGoesBeforeAStatusMessageThatCameFirst() throws Exception {
        assertThat(gated.await(1)).isTrue();
        List<String> passed = new CopyOnWriteArrayList<>();
        Thread status = Thread.ofVirtual()
                .start(() -> SendPacer.asStatus(() -> true, () -> {
                    if (awaitQuietly(gated, 2)) {
                        passed.add("status");
                    }
                }));
        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        status.getState() == Thread.State.WAITING || status.getState() == Thread.State.TIMED_WAITING);
        Thread result = Thread.ofVirtual().start(() -> {
            if (awaitQuietly(gated, 3)) {
                passed.add("result");
            }
        });
        result.join();
        status.join();
        assertThat(passed).containsExactly("result", "status");
    }

    @Test
    void aStatusMessageNoLongerWantedIsDroppedWithoutTakingATurn() throws Exception {
        assertThat(gated.await(1)).isTrue();
        AtomicBoolean wanted = new AtomicBoolean(true);
        AtomicReference<Boolean> sent = new AtomicReference<>();
        Thread status =
                Thread.ofVirtual().start(() -> SendPacer.asStatus(wanted::get, () -> sent.set(awaitQuietly(gated, 2))));
        await().atMost(Duration.ofSeconds(5)).until(() -> status.getState() == Thread.State.TIMED_WAITING);
        wanted.set(false);
        status.join();
        assertThat(sent.get()).isFalse();
        // The dropped message did not use the next turn: a send now waits only for the first one's spacing.
        long before = System.nanoTime();
        assertThat(gated.await(3)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofMillis(300));
    }

    @Test
    void sendsToDifferentChatsAreSpacedByTheGate() throws Exception {
        assertThat(gated.await(1)).isTrue();
        long first = System.nanoTime();
        assertThat(gated.await(2)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - first)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
    }

    private static boolean awaitQuietly(SendPacer pacer, long chat) {
        try {
            return pacer.await(chat);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

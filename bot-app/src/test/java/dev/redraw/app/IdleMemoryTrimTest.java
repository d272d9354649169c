package dev.redraw.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.redraw.core.testing.MutableClock;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdleMemoryTrimTest {

    private final AtomicLong finished = new AtomicLong();
    private final AtomicBoolean idle = new AtomicBoolean(true);
    private final AtomicInteger trims = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final IdleMemoryTrim trim =
            new IdleMemoryTrim(finished::get, idle::get, Duration.ofSeconds(10), clock, trims::incrementAndGet);

    @Test
    void aBotThatDidNoWorkIsLeftAlone() {
        clock.advance(Duration.ofMinutes(5));
        trim.check();

        assertThat(trims).hasValue(0);
    }

    @Test
    void memoryGoesBackOnceTheBotWasIdleLongEnoughAfterWork() {
        finished.set(3);
        trim.check();
        clock.advance(Duration.ofSeconds(9));
        trim.check();
        assertThat(trims).as("idle for 9 s only").hasValue(0);

        clock.advance(Duration.ofSeconds(1));
        trim.check();
        clock.advance(Duration.ofMinutes(5));
        trim.check();

        assertThat(trims).as("once, until there is new work").hasValue(1);
    }

    @Test
    void aLongJobKeepsTheTrimAway() {
        finished.set(1);
        trim.check();
        idle.set(false);
        clock.advance(Duration.ofMinutes(2));
        trim.check();
        assertThat(trims).hasValue(0);

        idle.set(true);
        finished.set(2);
        trim.check();
        clock.advance(Duration.ofSeconds(10));
        trim.check();
        assertThat(trims).hasValue(1);
    }

    @Test
    void theHeapMayShrinkToTwentyPercentFreeAndTheRealTrimRuns() {
        IdleMemoryTrim.allowHeapToShrink();
        IdleMemoryTrim.returnMemory();

        var hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        assertThat(hotspot.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo("20");
        assertThat(hotspot.getVMOption("MinHeapFreeRatio").getValue()).isEqualTo("10");
    }
}

package dev.redraw.core.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BulkheadsTest {

    @Test
    void aCoreStaysFreeForEverybodyElse() {
        assertThat(Bulkheads.forProcessors(1).decodingPermits()).isEqualTo(1);
        assertThat(Bulkheads.forProcessors(2).decodingPermits()).isEqualTo(1);
        assertThat(Bulkheads.forProcessors(8).decodingPermits()).isEqualTo(7);
        assertThat(Bulkheads.forProcessors(2).readingPermits()).isEqualTo(4);
    }

    @Test
    void decodingRunsOnAPlatformThreadEvenWhenAskedFromAVirtualOne() throws Exception {
        var bulkheads = new Bulkheads(1, 4);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Thread asker = Thread.ofVirtual().start(() -> {
            try {
                bulkheads.decode(() -> {
                    ranOn.set(Thread.currentThread());
                    return null;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        asker.join();
        assertThat(ranOn.get()).isNotNull();
        assertThat(ranOn.get().isVirtual()).isFalse();
        assertThat(ranOn.get().getName()).startsWith("redraw-decoding-");
    }

    @Test
    void theWorksFailureReachesTheCaller() {
        var bulkheads = new Bulkheads(1, 4);
        assertThatThrownBy(() -> bulkheads.decode(() -> {
                    throw new IllegalArgumentException("not an image");
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an image");
    }

    @Test
    void anInterruptedCallerCancelsItsDecodingAndGivesThePermitBack() throws Exception {
        var bulkheads = new Bulkheads(1, 4);
        var started = new CountDownLatch(1);
        var cancelled = new AtomicBoolean();
        Thread asker = Thread.ofVirtual().start(() -> {
            try {
                bulkheads.decode(() -> {
                    started.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        cancelled.set(true);
                    }
                    return null;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        started.await();
        asker.interrupt();
        asker.join();
        await().atMost(Duration.ofSeconds(5)).untilTrue(cancelled);
        assertThat(bulkheads.decode(() -> "next")).isEqualTo("next");
    }
}

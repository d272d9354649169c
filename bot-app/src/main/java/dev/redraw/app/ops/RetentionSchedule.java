package dev.redraw.app.ops;

import dev.redraw.core.conversation.Retention;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Retention} at start and then every {@link #EVERY}, on a thread of its own, until
 * closed. A sweep that fails (the database is away) is logged and tried again at the next turn.
 */
public final class RetentionSchedule implements AutoCloseable {

    static final Duration EVERY = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);

    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;

    private RetentionSchedule(Retention retention) {
        thread = Thread.ofVirtual().name("retention").start(() -> {
            do {
                try {
                    retention.sweep();
                } catch (RuntimeException e) {
                    LOG.warn(
                            "retention: the sweep failed and runs again in {} min: {}",
                            EVERY.toMinutes(),
                            e.getMessage());
                }
            } while (!awaitClose());
        });
    }

    public static RetentionSchedule start(Retention retention) {
        return new RetentionSchedule(retention);
    }

    private boolean awaitClose() {
        try {
            return closed.await(EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return true;
        }
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

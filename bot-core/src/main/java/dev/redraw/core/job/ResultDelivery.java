package dev.redraw.core.job;

import dev.redraw.core.provider.Sleeper;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts finished jobs' results through the platform adapters. A post that fails (the platform
 * answered 5xx, timed out, or is not connected yet) is tried again with back-off until it succeeds
 * or the bot stops; the next start picks up what is left. Nothing is marked delivered that was not
 * posted. After a crash between posting and recording, a result the adapter cannot vouch for is
 * posted again: a rare repeat is better than a lost, paid result.
 */
public final class ResultDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(ResultDelivery.class);

    private final JobStore store;
    private final JobEvents events;
    private final Backoff backoff;
    private final Sleeper sleeper;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition quiet = lock.newCondition();
    /** Posts under way now; guarded by lock. */
    private int inFlight;

    private volatile boolean stopped;
    /** Retries sleeping out their back-off. */
    private final java.util.Set<Thread> waiting = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** How long to wait before trying a failed post again: doubling from {@code first} up to {@code max}. */
    public record Backoff(Duration first, Duration max) {
        public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

        public Backoff {
            if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
                throw new IllegalArgumentException("delivery back-off must be positive and max at least first");
            }
        }

        Duration after(int failures) {
            Duration wait = first;
            for (int i = 1; i < failures && wait.compareTo(max) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(max) > 0 ? max : wait;
        }
    }

    public ResultDelivery(JobStore store, JobEvents events, Backoff backoff, Sleeper sleeper) {
        this.store = Objects.requireNonNull(store);
        this.events = Objects.requireNonNull(events);
        this.backoff = Objects.requireNonNull(backoff);
        this.sleeper = Objects.requireNonNull(sleeper);
    }

    /** Posts a finished job's result now, on the calling thread; failures are retried in the background. */
    public void deliver(Job job) {
        if (stopped) {
            return;
        }
        store.markDelivering(job.id());
        attempt(job, 1);
    }

    /**
     * A finished job an earlier run did not surely deliver: posted unless the adapter knows it
     * arrived.
     */
    public void recover(Job job) {
        if (job.delivery() == DeliveryState.PENDING) {
            deliver(job);
            return;
        }
        switch (events.check(job)) {
            case JobEvents.DeliveryCheck.Delivered delivered -> record(job, delivered.messageId(), 1);
            case JobEvents.DeliveryCheck.NotDelivered ignored -> deliver(job);
            case JobEvents.DeliveryCheck.Unknown ignored -> {
                LOG.warn(
                        "job {}: a crash came while its result was being posted; posting it again rather than"
                                + " risk losing it",
                        job.id());
                deliver(job);
            }
        }
    }

    private void attempt(Job job, int attempt) {
        if (!begin()) {
            return;
        }
        Optional<String> posted;
        try {
            posted = events.deliver(job);
        } catch (UndeliverableException e) {
            LOG.warn("job {}: the platform refuses its result for good: {}", job.id(), e.getMessage());
            store.markUndeliverable(job.id());
            return;
        } catch (Exception e) {
            if (stopped) {
                return;
            }
            Duration wait = backoff.after(attempt);
            LOG.warn(
                    "job {}: posting the result failed (attempt {}): {}; trying again in {} ms",
                    job.id(),
                    attempt,
                    describe(e),
                    wait.toMillis());
            later(job, wait, () -> attempt(job, attempt + 1));
            return;
        } finally {
            end();
        }
        record(job, posted, 1);
    }

    /** Records a posted result; a storage failure here is retried without posting again. */
    private void record(Job job, Optional<String> messageId, int attempt) {
        try {
            store.markDelivered(job.id(), messageId);
        } catch (RuntimeException e) {
            if (stopped) {
                return;
            }
            Duration wait = backoff.after(attempt);
            LOG.warn("job {}: its result was posted but could not be recorded: {}", job.id(), describe(e));
            later(job, wait, () -> record(job, messageId, attempt + 1));
        }
    }

    private void later(Job job, Duration wait, Runnable action) {
        Thread retry = Thread.ofVirtual().name("delivery-" + job.id()).unstarted(() -> {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                // Woken by retryNow: try at once.
            } finally {
                waiting.remove(Thread.currentThread());
                Thread.interrupted();
            }
            if (!stopped) {
                action.run();
            }
        });
        // Registered before it runs, so a retryNow right after this call cannot miss it.
        waiting.add(retry);
        retry.start();
    }

    /** Tries every post that waits for its back-off now, for example because its platform just connected. */
    public void retryNow() {
        waiting.forEach(Thread::interrupt);
    }

    private boolean begin() {
        lock.lock();
        try {
            if (stopped) {
                return false;
            }
            inFlight++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void end() {
        lock.lock();
        try {
            inFlight--;
            quiet.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts no more posts, and waits up to {@code timeout} for the ones under way, so a stop never
     * cuts a post off between the platform's answer and its record.
     *
     * @return whether every post under way finished
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            stopped = true;
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                quiet.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Starts no more posts, at once, as a crash would. */
    public void halt() {
        stopped = true;
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}

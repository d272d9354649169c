package dev.redraw.core.job;

import dev.redraw.core.provider.Sleeper;
import dev.redraw.core.telemetry.Telemetry;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts finished jobs' results through the platform adapters, each on a virtual thread of its own:
 * a post that waits (for the platform's pacing, or a 429's Retry-After) holds up nothing else, and
 * no job runner slot. A post that fails (the platform answered 5xx, timed out, or is not connected
 * yet) is tried again with back-off until it succeeds or the bot stops; the next start picks up what
 * is left. Nothing is marked delivered that was not posted. After a crash between posting and
 * recording, a result the adapter cannot vouch for is posted again: a rare repeat is better than a
 * lost, paid result.
 */
public final class ResultDelivery {

    private static final int DEFAULT_ATTEMPTS = 60;

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
    /** Stopped as a crash would: not even a post already handed over goes out. */
    private volatile boolean halted;
    /** The threads posting now, cut off by a {@link #halt}. */
    private final java.util.Set<Thread> posting = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Retries sleeping out their back-off. */
    private final java.util.Set<Retry> waiting = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * How long to wait before trying a failed post again: doubling from {@code first} up to {@code
     * max}; after {@code maxAttempts} failed posts in one run the result is given up as
     * undeliverable (with the defaults, after about an hour), so a post the platform keeps
     * refusing does not hammer it for ever.
     */
    public record Backoff(Duration first, Duration max, int maxAttempts) {
        public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 60);

        public Backoff(Duration first, Duration max) {
            this(first, max, DEFAULT_ATTEMPTS);
        }

        public Backoff {
            if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || maxAttempts < 1) {
                throw new IllegalArgumentException(
                        "delivery back-off must be positive, max at least first, and attempts at least 1");
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

    private final Telemetry telemetry;

    public ResultDelivery(JobStore store, JobEvents events, Backoff backoff, Sleeper sleeper) {
        this(store, events, backoff, sleeper, Telemetry.NONE);
    }

    /** @param telemetry told of every result posted, with how many images it had */
    public ResultDelivery(JobStore store, JobEvents events, Backoff backoff, Sleeper sleeper, Telemetry telemetry) {
        this.telemetry = Telemetry.safe(telemetry);
        this.store = Objects.requireNonNull(store);
        this.events = Objects.requireNonNull(events);
        this.backoff = Objects.requireNonNull(backoff);
        this.sleeper = Objects.requireNonNull(sleeper);
    }

    /**
     * Posts a finished job's result now, on a thread of its own: the caller goes on at once. The
     * post is under way from this call on, so {@link #stop} waits for it. Failures (of the platform
     * or of the database) are retried in the background. Never throws.
     */
    public void deliver(Job job) {
        if (!begin()) {
            return;
        }
        try {
            Thread.ofVirtual().name("delivery-" + job.id()).start(() -> {
                try (var log = JobLog.of(job)) {
                    posting(() -> post(job));
                } finally {
                    end();
                }
            });
        } catch (RuntimeException | Error e) {
            end();
            LOG.error("job {}: its result could not be handed to a thread; the next start posts it", job.id(), e);
        }
    }

    /**
     * Whether {@code job}'s result, finished now, goes out from here at once: this instance serves
     * its chat and is not stopping. The runner then records the intent to post it together with the
     * outcome ({@link JobStore#finish(long, java.util.List, OutcomeKind, String, OutcomeDetails, int,
     * boolean)}), and the post does not record it again.
     */
    public boolean postsHere(Job job) {
        return !stopped && !halted && !events.servedElsewhere(job);
    }

    /** A post handed over by {@link #deliver}, on its own thread and counted as under way. */
    private void post(Job job) {
        if (halted) {
            return;
        }
        if (events.servedElsewhere(job)) {
            // Its chat is served by a connection another instance runs (a Discord shard): that one posts it.
            try {
                if (store.handOff(job.id())) {
                    LOG.info("job {}: its chat is served by another instance, which posts the result", job.id());
                } else {
                    LOG.info("job {}: another instance holds its result now", job.id());
                }
            } catch (RuntimeException e) {
                LOG.warn("job {}: could not hand its result to another instance: {}", job.id(), describe(e));
                later(job, backoff.after(1), () -> deliver(job));
            }
            return;
        }
        try {
            if (job.delivery() != DeliveryState.DELIVERING) {
                store.markDelivering(job.id());
            }
        } catch (RuntimeException e) {
            // Left PENDING: tried again here, and by the next start if this run ends first.
            LOG.warn("job {}: could not record that its result is being posted: {}", job.id(), describe(e));
            later(job, backoff.after(1), () -> deliver(job));
            return;
        }
        attemptNow(job, 1);
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
                        "job {}: the last run ended as its result was about to be posted or being posted; posting it"
                                + " again rather than"
                                + " risk losing it",
                        job.id());
                deliver(job);
            }
        }
    }

    /** A retry, after its back-off. */
    private void attempt(Job job, int attempt) {
        if (!begin()) {
            return;
        }
        try {
            attemptNow(job, attempt);
        } finally {
            end();
        }
    }

    /**
     * Posts and records, inside the window a stop waits for ({@link #begin} to {@link #end}), so a
     * stop never falls between the platform's answer and the record.
     */
    private void attemptNow(Job job, int attempt) {
        if (halted) {
            return;
        }
        Optional<String> posted;
        try {
            posted = events.deliver(job);
        } catch (UndeliverableException e) {
            LOG.warn("job {}: the platform refuses its result for good: {}", job.id(), e.getMessage());
            giveUp(job);
            return;
        } catch (Exception e) {
            failed(job, attempt, e);
            return;
        }
        record(job, posted, 1);
    }

    private void failed(Job job, int attempt, Exception e) {
        if (stopped) {
            return;
        }
        if (attempt >= backoff.maxAttempts()) {
            LOG.error(
                    "job {}: posting the result failed {} times, the last time with {}; giving up on it",
                    job.id(),
                    attempt,
                    describe(e));
            giveUp(job);
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
    }

    private void giveUp(Job job) {
        try {
            store.markUndeliverable(job.id());
        } catch (RuntimeException e) {
            LOG.warn("job {}: could not record that its result cannot be posted: {}", job.id(), describe(e));
        }
    }

    /** Runs a post on this thread, which a {@link #halt} interrupts meanwhile. */
    private void posting(Runnable post) {
        Thread self = Thread.currentThread();
        posting.add(self);
        try {
            if (!halted) {
                post.run();
            }
        } finally {
            posting.remove(self);
        }
    }

    /** Records a posted result; a storage failure here is retried without posting again. */
    private void record(Job job, Optional<String> messageId, int attempt) {
        if (halted) {
            return; // as a crash right after the post: the next start finds out whether it arrived
        }
        try {
            store.markDelivered(job.id(), messageId);
            LOG.info("job {}: result posted", job.id());
        } catch (RuntimeException e) {
            if (stopped) {
                return;
            }
            Duration wait = backoff.after(attempt);
            LOG.warn("job {}: its result was posted but could not be recorded: {}", job.id(), describe(e));
            later(job, wait, () -> record(job, messageId, attempt + 1));
            return;
        }
        telemetry.delivered(
                job.origin().platform(),
                job.outcome().filter(kind -> kind == OutcomeKind.IMAGES).isPresent() ? job.chargedImages() : 0);
    }

    private void later(Job job, Duration wait, Runnable action) {
        var retry = new Retry();
        Thread thread = Thread.ofVirtual().name("delivery-" + job.id()).unstarted(() -> {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                // Woken by retryNow: try at once.
            } finally {
                retry.awake();
            }
            if (!stopped) {
                try (var log = JobLog.of(job)) {
                    posting(action);
                }
            }
        });
        retry.thread = thread;
        // Registered before it runs, so a retryNow right after this call cannot miss it.
        waiting.add(retry);
        thread.start();
    }

    /** Tries every post that waits for its back-off now, for example because its platform just connected. */
    public void retryNow() {
        waiting.forEach(Retry::wake);
    }

    /** A retry waiting out its back-off; it is interrupted only while it still waits, never once it posts. */
    private final class Retry {
        private volatile Thread thread;
        private boolean sleeping = true;

        synchronized void wake() {
            if (sleeping) {
                thread.interrupt();
            }
        }

        synchronized void awake() {
            sleeping = false;
            waiting.remove(this);
            Thread.interrupted();
        }
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
        lock.lock();
        try {
            stopped = true; // under the lock: no post begins after this
        } finally {
            lock.unlock();
        }
        return awaitQuiet(timeout);
    }

    /**
     * Waits up to {@code timeout} until no post is under way (retries waiting out their back-off do
     * not count), without stopping anything.
     *
     * @return whether no post was under way by then
     */
    public boolean awaitQuiet(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
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

    /** Whether no post is under way now. */
    public boolean isQuiet() {
        lock.lock();
        try {
            return inFlight == 0;
        } finally {
            lock.unlock();
        }
    }

    /** Starts no more posts, at once, as a crash would: not even those already handed over. */
    public void halt() {
        halted = true;
        stopped = true;
        posting.forEach(Thread::interrupt);
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}

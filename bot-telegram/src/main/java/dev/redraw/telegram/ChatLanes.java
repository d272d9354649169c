package dev.redraw.telegram;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each chat's work in order, and different chats side by side on virtual threads: one user's
 * slow album never holds up another user's prompt. A chat's lane exists only while it has work.
 */
final class ChatLanes {

    private static final Logger LOG = LoggerFactory.getLogger(ChatLanes.class);

    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("telegram-chat-", 0).factory());
    /** Guarded by this. */
    private final Map<String, Deque<Runnable>> lanes = new HashMap<>();

    /** Runs {@code task} after the tasks already queued for {@code lane}. */
    void submit(String lane, Runnable task) {
        synchronized (this) {
            Deque<Runnable> queue = lanes.get(lane);
            if (queue != null) {
                queue.addLast(task);
                return;
            }
            queue = new ArrayDeque<>();
            queue.addLast(task);
            lanes.put(lane, queue);
        }
        try {
            threads.execute(() -> drain(lane));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            synchronized (this) {
                lanes.remove(lane);
            }
            LOG.debug("chat lane {}: stopping; work dropped", lane);
        }
    }

    private void drain(String lane) {
        while (true) {
            Runnable next;
            synchronized (this) {
                Deque<Runnable> queue = lanes.get(lane);
                next = queue.peekFirst();
                if (next == null) {
                    lanes.remove(lane);
                    return;
                }
            }
            try {
                next.run();
            } catch (Throwable e) {
                LOG.error("chat lane {}: a task failed", lane, e);
            }
            synchronized (this) {
                lanes.get(lane).pollFirst();
            }
        }
    }

    /** Takes no more work and lets the tasks under way finish for up to {@code grace}, then interrupts them. */
    boolean close(Duration grace) throws InterruptedException {
        threads.shutdown();
        boolean done = threads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            threads.shutdownNow();
        }
        return done;
    }
}

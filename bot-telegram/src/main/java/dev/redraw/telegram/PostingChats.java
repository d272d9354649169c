package dev.redraw.telegram;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The chats a result or a status message is being posted to. A posted message is recorded (a result
 * linked to its turn, a status message to its job) only once Telegram has answered, so a quick reply
 * can arrive before the record: a reply that finds nothing waits for the chat's postings to finish,
 * then looks again.
 */
final class PostingChats {

    private final Map<Long, Integer> posting = new HashMap<>();

    synchronized void begin(long chat) {
        posting.merge(chat, 1, Integer::sum);
    }

    synchronized void end(long chat) {
        posting.computeIfPresent(chat, (key, count) -> count == 1 ? null : count - 1);
        notifyAll();
    }

    /** Waits until nothing is being posted to the chat; false when {@code timeout} ran out first. */
    synchronized boolean awaitDone(long chat, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (posting.containsKey(chat)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /**
     * Waits up to {@link #SETTLE} until nothing is being posted to the chat, for a reply that found
     * nothing and will look again; false when the wait ran out or was interrupted.
     */
    boolean settle(long chat) {
        try {
            return awaitDone(chat, SETTLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How long a reply waits for what is being posted to its chat to be recorded. */
    static final Duration SETTLE = Duration.ofSeconds(5);
}

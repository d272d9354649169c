package dev.redraw.discord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps requests to one Discord target (a channel, an interaction response) under a limit of
 * {@code permits} per {@code window}, so the bot waits its turn instead of running into 429s. A
 * request holds its slot from {@link #acquire} until it is answered, and the window counts from the
 * answer: Discord received it no later than that.
 */
final class Pacer {

    private static final long IN_FLIGHT = Long.MAX_VALUE;
    private static final Duration POLL = Duration.ofMillis(20);

    private final int permits;
    private final long windowNanos;
    /** Per key: when each recent request was answered (IN_FLIGHT while it runs); guarded by this. */
    private final Map<String, List<long[]>> recent = new HashMap<>();

    private long acquisitions;

    Pacer(int permits, Duration window) {
        if (permits < 1 || window.isNegative()) {
            throw new IllegalArgumentException("a pacer needs at least one permit and a window");
        }
        this.permits = permits;
        this.windowNanos = window.toNanos();
    }

    /** A slot taken for one request; close it once the request was answered (or failed). */
    interface Slot extends AutoCloseable {
        @Override
        void close();

        /** Gives the slot back unused: no request was made. */
        void unused();
    }

    /** Waits until a request to {@code key} keeps within the limit, and takes its slot. */
    Slot acquire(String key) throws InterruptedException {
        while (true) {
            long wait;
            synchronized (this) {
                long now = System.nanoTime();
                if (++acquisitions % 1024 == 0) {
                    recent.values().forEach(entries -> prune(entries, now));
                    recent.values().removeIf(List::isEmpty);
                }
                List<long[]> entries = recent.computeIfAbsent(key, k -> new ArrayList<>());
                prune(entries, now);
                if (entries.size() < permits) {
                    long[] entry = {IN_FLIGHT};
                    entries.add(entry);
                    return slot(key, entry);
                }
                // The earliest answered request to leave the window frees a slot; requests still
                // running free none until answered, so then look again shortly.
                long soonest = Long.MAX_VALUE;
                for (long[] entry : entries) {
                    if (entry[0] != IN_FLIGHT) {
                        soonest = Math.min(soonest, entry[0] + windowNanos - now);
                    }
                }
                wait = soonest == Long.MAX_VALUE ? POLL.toNanos() : soonest;
            }
            Thread.sleep(Duration.ofNanos(Math.max(wait, 1_000_000)));
        }
    }

    private void prune(List<long[]> entries, long now) {
        entries.removeIf(entry -> entry[0] != IN_FLIGHT && entry[0] + windowNanos <= now);
    }

    private Slot slot(String key, long[] entry) {
        return new Slot() {
            @Override
            public void close() {
                synchronized (Pacer.this) {
                    entry[0] = System.nanoTime();
                }
            }

            @Override
            public void unused() {
                synchronized (Pacer.this) {
                    List<long[]> entries = recent.get(key);
                    if (entries != null) {
                        entries.remove(entry);
                    }
                }
            }
        };
    }
}

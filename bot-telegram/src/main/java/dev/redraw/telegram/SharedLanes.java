package dev.redraw.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.request.HandledUpdates;
import dev.redraw.core.settings.ReceivedUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Updates that any instance may have received (webhooks behind a load balancer), handled by one
 * process per lane at a time. The receiver keeps each update in the database with its lane (its
 * chat) before Telegram is told it arrived, then works the lane itself unless another process holds
 * it; the holder sees the new update before it gives the lane up. A lane is held under a lease that
 * the holder renews; a lane whose holder died is taken over once its lease ran out, and its updates
 * already handled are recognised by the ledger of handled updates and not handled again. Within a
 * lane updates go oldest first, so a chat's order holds across instances. An album's items carry
 * their album: the holder waits until none came for the debounce time, wherever they arrived, and
 * hands them on as one request. A lane with no work left is given up. Each lane is worked on its
 * own virtual thread, so chats are served side by side.
 */
final class SharedLanes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedLanes.class);
    private static final String PLATFORM = UpdateHandler.PLATFORM;

    private final HandledUpdates updates;
    private final String holder;
    private final Duration lease;
    private final Duration albumDebounce;
    private final Clock clock;
    private final Consumer<Update> single;
    private final Consumer<List<Update>> album;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("telegram-lane-", 0).factory());
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("telegram-lanes").daemon().factory());
    /** The lanes this process works on now. */
    private final ConcurrentHashMap<String, Lane> held = new ConcurrentHashMap<>();

    private volatile boolean running = true;
    /** Whether the last look for waiting lanes failed; ticker thread only, so a failing database logs once. */
    private boolean lookFailing;

    /**
     * @param holder this process, as leases name it: its instance name and a token of its own
     * @param lease how long a lane stays held without a renewal
     * @param single handles one update; nothing may escape it
     * @param album handles an album's items as one request; nothing may escape it
     */
    SharedLanes(
            HandledUpdates updates,
            String holder,
            Duration lease,
            Duration albumDebounce,
            Clock clock,
            Consumer<Update> single,
            Consumer<List<Update>> album) {
        this.updates = updates;
        this.holder = holder;
        this.lease = lease;
        this.albumDebounce = albumDebounce;
        this.clock = clock;
        this.single = single;
        this.album = album;
    }

    /** Starts renewing held lanes and looking for lanes nobody works on (left by a process that died). */
    void start() {
        long tick = Math.max(100, Math.min(1000, lease.toMillis() / 3));
        ticker.scheduleWithFixedDelay(this::tick, 0, tick, TimeUnit.MILLISECONDS);
    }

    /** An update was kept on {@code lane}: the lane is worked here, unless another process holds it. */
    void arrived(String lane) {
        Lane working = held.get(lane);
        if (working != null && working.poke()) {
            return;
        }
        tryWork(lane);
    }

    private void tryWork(String lane) {
        if (!running) {
            return;
        }
        Lane working = new Lane(lane);
        if (held.putIfAbsent(lane, working) != null) {
            return;
        }
        boolean taken;
        try {
            taken = updates.holdLane(PLATFORM, lane, holder, lease);
        } catch (RuntimeException e) {
            held.remove(lane, working);
            LOG.warn("lane {} could not be taken ({}); it is tried again shortly", lane, e.getMessage());
            return;
        }
        if (!taken) {
            held.remove(lane, working);
            return;
        }
        working.taken = true;
        try {
            threads.execute(() -> work(working));
        } catch (RejectedExecutionException stopping) {
            held.remove(lane, working);
            release(lane);
        }
    }

    private void work(Lane lane) {
        boolean failed = false;
        try {
            while (running && !lane.lost) {
                List<ReceivedUpdate> waiting = updates.received(PLATFORM, lane.name);
                if (waiting.isEmpty()) {
                    if (lane.finish()) {
                        break;
                    }
                    continue;
                }
                ReceivedUpdate first = waiting.getFirst();
                if (first.album().isPresent()) {
                    List<ReceivedUpdate> items = waiting.stream()
                            .filter(update -> update.album().equals(first.album()))
                            .toList();
                    Instant last = items.stream()
                            .map(ReceivedUpdate::receivedAt)
                            .max(Comparator.naturalOrder())
                            .orElseThrow();
                    Duration left = Duration.between(clock.instant(), last.plus(albumDebounce));
                    if (left.isPositive()) {
                        // More items may still be on their way, to this instance or another.
                        lane.await(left);
                        continue;
                    }
                    handleAlbum(items);
                } else {
                    handleOne(first);
                }
            }
        } catch (RuntimeException e) {
            failed = true;
            LOG.warn("lane {} stopped ({}); its updates are tried again shortly", lane.name, e.getMessage());
        } finally {
            lane.close();
            // Given up before it leaves this process's lanes: a new worker here takes it afresh.
            release(lane.name);
            held.remove(lane.name, lane);
        }
        if (failed) {
            // The database failed: the next look, a second on, tries again.
            return;
        }
        // An update kept while this process held the lane, by a process that could not take it.
        try {
            if (running && !updates.received(PLATFORM, lane.name).isEmpty()) {
                tryWork(lane.name);
            }
        } catch (RuntimeException e) {
            LOG.debug("lane {}: look after giving it up failed: {}", lane.name, e.getMessage());
        }
    }

    private void handleOne(ReceivedUpdate received) {
        read(received).ifPresent(update -> {
            try {
                single.accept(update);
            } catch (Throwable e) {
                LOG.error("update {} could not be handled and is skipped", received.updateId(), e);
            }
        });
        updates.handled(PLATFORM, received.updateId());
    }

    private void handleAlbum(List<ReceivedUpdate> items) {
        List<Update> read = new ArrayList<>();
        items.forEach(item -> read(item).ifPresent(read::add));
        if (!read.isEmpty()) {
            try {
                album.accept(read);
            } catch (Throwable e) {
                LOG.error(
                        "album of update {} could not be handled and is skipped",
                        items.getFirst().updateId(),
                        e);
            }
        }
        items.forEach(item -> updates.handled(PLATFORM, item.updateId()));
    }

    private Optional<Update> read(ReceivedUpdate received) {
        try {
            return Optional.of(mapper.readValue(received.body(), Update.class));
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warn(
                    "update {} could not be read and is skipped: {}",
                    received.updateId(),
                    reason.lines().findFirst().orElse(""));
            return Optional.empty();
        }
    }

    private void tick() {
        try {
            for (Lane lane : held.values()) {
                if (!lane.taken) {
                    continue;
                }
                // A lane whose work ended meanwhile was given up, and may be another's now: not lost.
                if (!updates.renewLane(PLATFORM, lane.name, holder, lease) && held.get(lane.name) == lane) {
                    LOG.warn("lane {} was taken over by another instance; this one stops working it", lane.name);
                    lane.lost = true;
                    lane.poke();
                }
            }
            for (String lane : updates.waitingLanes(PLATFORM, holder)) {
                if (!held.containsKey(lane)) {
                    tryWork(lane);
                }
            }
            if (lookFailing) {
                LOG.info("updates waiting in the database can be read again");
                lookFailing = false;
            }
        } catch (RuntimeException e) {
            if (!lookFailing) {
                LOG.warn("updates waiting in the database cannot be read ({}); trying every second", e.getMessage());
                lookFailing = true;
            }
        }
    }

    private void release(String lane) {
        try {
            updates.releaseLane(PLATFORM, lane, holder);
        } catch (RuntimeException e) {
            LOG.debug("lane {} could not be given up ({}); its lease runs out", lane, e.getMessage());
        }
    }

    /**
     * Takes no more lanes, lets the lanes' work under way finish for up to {@code grace}, and gives
     * up the lanes, so that other instances take them at once.
     */
    @Override
    public void close() {
        close(TelegramBot.HANDLERS_GRACE);
    }

    void close(Duration grace) {
        running = false;
        held.values().forEach(Lane::poke);
        threads.shutdown();
        try {
            // The ticker goes on renewing the lanes still worked on, however short the lease.
            if (!threads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            ticker.shutdownNow();
        }
    }

    /** One lane worked here: its worker waits on it for album items, and is poked by new arrivals. */
    private static final class Lane {
        final String name;
        volatile boolean lost;
        /** Held in the database, so renewed by the ticker. */
        volatile boolean taken;
        /** Guarded by this. */
        private boolean poked;
        /** Guarded by this: the worker is done with the lane and takes no pokes. */
        private boolean closed;

        Lane(String name) {
            this.name = name;
        }

        /** Tells the worker something arrived; false when it is done with the lane (so take it anew). */
        synchronized boolean poke() {
            if (closed) {
                return false;
            }
            poked = true;
            notifyAll();
            return true;
        }

        /** Ends the work when nothing arrived since the last look; false when something did. */
        synchronized boolean finish() {
            if (poked) {
                poked = false;
                return false;
            }
            closed = true;
            return true;
        }

        synchronized void close() {
            closed = true;
        }

        synchronized void await(Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            try {
                while (!poked && !lost) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("stopping", e);
            }
            poked = false;
        }
    }
}

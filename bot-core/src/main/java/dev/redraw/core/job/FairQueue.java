package dev.redraw.core.job;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Queued jobs, one first-in-first-out line per user. The next job comes from the user served least
 * recently (users not yet served first, in the order they arrived), so a user with fifty queued
 * jobs delays another user's single job by one turn, not fifty. When several instances share the
 * jobs, when a user was last served counts every instance ({@link #servedElsewhere}). Times are
 * milliseconds since the epoch; a serve here is stamped at least one later than the one before, so
 * serves in one millisecond keep their order. Not thread-safe; the runner guards it.
 */
final class FairQueue {

    private static final long NEVER = -1;

    private final LinkedHashMap<String, ArrayDeque<Job>> lines = new LinkedHashMap<>();
    private final Map<String, Long> lastServed = new HashMap<>();
    private final java.util.function.LongSupplier clock;
    private long lastStamp;

    FairQueue() {
        this(System::currentTimeMillis);
    }

    /** @param clock the current time in epoch milliseconds */
    FairQueue(java.util.function.LongSupplier clock) {
        this.clock = clock;
    }

    void add(Job job) {
        lines.computeIfAbsent(job.userKey(), user -> new ArrayDeque<>()).addLast(job);
    }

    /**
     * Takes the job the fairest user has at the head of their line, among those {@code canStart}
     * allows. Only heads are considered, so a user's jobs start in the order they were sent.
     */
    Optional<Job> poll(Predicate<Job> canStart) {
        Optional<String> user = rotation().stream()
                .filter(u -> canStart.test(lines.get(u).peekFirst()))
                .findFirst();
        if (user.isEmpty()) {
            return Optional.empty();
        }
        ArrayDeque<Job> line = lines.get(user.get());
        Job job = line.removeFirst();
        if (line.isEmpty()) {
            lines.remove(user.get());
        }
        served(user.get());
        return Optional.of(job);
    }

    /** A job of {@code user}'s starts now (taken from this queue, or started without queueing). */
    void served(String user) {
        lastStamp = Math.max(clock.getAsLong(), lastStamp + 1);
        lastServed.put(user, lastStamp);
    }

    /** Whether a job at the head of a line could start now: {@code canStart} allows it. */
    boolean anyStartable(Predicate<Job> canStart) {
        return lines.values().stream().anyMatch(line -> canStart.test(line.peekFirst()));
    }

    /** Users with queued jobs, in the order they will be served. */
    private List<String> rotation() {
        List<String> users = new ArrayList<>(lines.keySet());
        // A stable sort keeps arrival order among users served equally long ago.
        users.sort(Comparator.comparingLong(u -> lastServed.getOrDefault(u, NEVER)));
        return users;
    }

    /** The users with jobs queued here. */
    java.util.Set<String> users() {
        return java.util.Set.copyOf(lines.keySet());
    }

    /**
     * When users were last served by any instance (epoch milliseconds): a time later than this
     * queue's own moves the user back in the rotation.
     */
    void servedElsewhere(Map<String, Long> times) {
        times.forEach((user, time) -> {
            if (lines.containsKey(user)) {
                lastServed.merge(user, time, Math::max);
            }
        });
    }

    /** Removes a queued job; empty when it is not queued. */
    Optional<Job> remove(long jobId) {
        for (var line : new ArrayList<>(lines.entrySet())) {
            for (Job job : line.getValue()) {
                if (job.id() == jobId) {
                    line.getValue().remove(job);
                    if (line.getValue().isEmpty()) {
                        lines.remove(line.getKey());
                    }
                    return Optional.of(job);
                }
            }
        }
        return Optional.empty();
    }

    /** Forgets when a user was served, once they have nothing queued or running. */
    void forget(String user) {
        if (!lines.containsKey(user)) {
            lastServed.remove(user);
        }
    }

    /** How many queued jobs start before this one if no limit holds anything back. */
    int ahead(Job job) {
        ArrayDeque<Job> own = lines.get(job.userKey());
        if (own == null) {
            return 0;
        }
        int index = 0;
        for (Job queued : own) {
            if (queued.id() == job.id()) {
                break;
            }
            index++;
        }
        int ahead = index;
        boolean before = true;
        for (String user : rotation()) {
            if (user.equals(job.userKey())) {
                before = false;
                continue;
            }
            // Users before this one in the rotation are served once more in this job's round.
            ahead += Math.min(lines.get(user).size(), before ? index + 1 : index);
        }
        return ahead;
    }

    boolean contains(long jobId) {
        return lines.values().stream().flatMap(ArrayDeque::stream).anyMatch(job -> job.id() == jobId);
    }

    int size() {
        return lines.values().stream().mapToInt(ArrayDeque::size).sum();
    }
}

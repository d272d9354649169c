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
 * jobs delays another user's single job by one turn, not fifty. Not thread-safe; the runner
 * guards it.
 */
final class FairQueue {

    private static final long NEVER = -1;

    private final LinkedHashMap<String, ArrayDeque<Job>> lines = new LinkedHashMap<>();
    private final Map<String, Long> lastServed = new HashMap<>();
    private long tick;

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
        lastServed.put(user.get(), ++tick);
        return Optional.of(job);
    }

    /** Users with queued jobs, in the order they will be served. */
    private List<String> rotation() {
        List<String> users = new ArrayList<>(lines.keySet());
        // A stable sort keeps arrival order among users served equally long ago.
        users.sort(Comparator.comparingLong(u -> lastServed.getOrDefault(u, NEVER)));
        return users;
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

package dev.redraw.core.job;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Queued jobs, one first-in-first-out line per user, served round-robin: a user with fifty queued
 * jobs delays another user's single job by one turn, not fifty. Not thread-safe; the runner guards it.
 */
final class FairQueue {

    /** Iteration order is the rotation: the user served last moves to the end. */
    private final LinkedHashMap<String, ArrayDeque<Job>> lines = new LinkedHashMap<>();

    void add(Job job) {
        lines.computeIfAbsent(job.userKey(), user -> new ArrayDeque<>()).addLast(job);
    }

    /**
     * Takes the first job, in rotation order, that {@code canStart} allows. Only the head of each
     * user's line is considered, so a user's jobs start in the order they were sent.
     */
    Optional<Job> poll(Predicate<Job> canStart) {
        for (Iterator<Map.Entry<String, ArrayDeque<Job>>> it = lines.entrySet().iterator(); it.hasNext(); ) {
            var line = it.next();
            Job head = line.getValue().peekFirst();
            if (head != null && canStart.test(head)) {
                line.getValue().removeFirst();
                it.remove();
                if (!line.getValue().isEmpty()) {
                    lines.put(line.getKey(), line.getValue());
                }
                return Optional.of(head);
            }
        }
        return Optional.empty();
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
        for (var line : lines.entrySet()) {
            if (line.getKey().equals(job.userKey())) {
                before = false;
                continue;
            }
            // Users before this one in the rotation are served once more in this job's round.
            ahead += Math.min(line.getValue().size(), before ? index + 1 : index);
        }
        return ahead;
    }

    int size() {
        return lines.values().stream().mapToInt(ArrayDeque::size).sum();
    }
}

package dev.redraw.core.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A platform adapter that writes down what it was told. Its {@link #posted} ledger plays the chat:
 * it is shared between the adapters of two runner lifetimes, as a real chat outlives a restart.
 */
final class RecordingEvents implements JobEvents {

    final Map<Long, Integer> posted;
    final List<String> log = new ArrayList<>();
    /** Jobs whose delivery posts and then fails before it can be recorded, like a crash. */
    final java.util.Set<Long> crashAfterPosting = ConcurrentHashMap.newKeySet();
    /** The status message each delivered job carried to its delivery, by job. */
    final Map<Long, Optional<String>> statusAtDelivery = new ConcurrentHashMap<>();

    RecordingEvents(Map<Long, Integer> posted) {
        this.posted = posted;
    }

    RecordingEvents() {
        this(new ConcurrentHashMap<>());
    }

    synchronized List<String> log() {
        return List.copyOf(log);
    }

    private synchronized void note(String entry) {
        log.add(entry);
    }

    @Override
    public void accepted(Job job, QueueState state) {
        note("accepted " + job.id()
                + switch (state) {
                    case QueueState.StartsNow now -> " starts now";
                    case QueueState.Waiting waiting -> " ahead " + waiting.ahead();
                });
    }

    @Override
    public void started(Job job) {
        note("started " + job.id());
    }

    @Override
    public void progress(Job job, int percent) {
        note("progress " + job.id() + " " + percent);
    }

    @Override
    public Optional<String> deliver(Job job) {
        statusAtDelivery.put(job.id(), job.statusMessageId());
        posted.merge(job.id(), 1, Integer::sum);
        note("delivered " + job.id() + " " + job.outcome().orElseThrow());
        if (crashAfterPosting.contains(job.id())) {
            throw new IllegalStateException("the process died after posting");
        }
        return Optional.of("m" + job.id());
    }

    @Override
    public DeliveryCheck check(Job job) {
        return posted.containsKey(job.id())
                ? new DeliveryCheck.Delivered(Optional.of("m" + job.id()))
                : DeliveryCheck.NOT_DELIVERED;
    }
}

package dev.redraw.core.job;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends each job's events to the adapter of the platform it came from. */
public final class PlatformEvents implements JobEvents {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformEvents.class);

    private final Map<String, JobEvents> byPlatform = new ConcurrentHashMap<>();

    /** Registers a platform's adapter; register before the runner starts, so recovered jobs find it. */
    public void register(String platform, JobEvents events) {
        byPlatform.put(platform, events);
    }

    private Optional<JobEvents> of(Job job) {
        JobEvents events = byPlatform.get(job.origin().platform());
        if (events == null) {
            LOG.warn(
                    "job {}: no adapter for platform {} is running",
                    job.id(),
                    job.origin().platform());
        }
        return Optional.ofNullable(events);
    }

    @Override
    public boolean handles(Job job) {
        return byPlatform.containsKey(job.origin().platform());
    }

    @Override
    public boolean servedElsewhere(Job job) {
        JobEvents events = byPlatform.get(job.origin().platform());
        return events != null && !events.reaches(job);
    }

    @Override
    public void accepted(Job job, QueueState state) {
        of(job).ifPresent(events -> events.accepted(job, state));
    }

    @Override
    public void started(Job job) {
        of(job).ifPresent(events -> events.started(job));
    }

    @Override
    public void progress(Job job, int percent) {
        of(job).ifPresent(events -> events.progress(job, percent));
    }

    @Override
    public Optional<String> deliver(Job job) throws Exception {
        JobEvents events = of(job).orElseThrow(() -> new IllegalStateException(
                "no adapter for platform " + job.origin().platform() + " is running"));
        return events.deliver(job);
    }

    @Override
    public DeliveryCheck check(Job job) {
        return of(job).map(events -> events.check(job)).orElse(DeliveryCheck.UNKNOWN);
    }
}

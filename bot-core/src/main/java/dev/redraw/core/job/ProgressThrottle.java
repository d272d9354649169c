package dev.redraw.core.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which progress updates to show, so a platform is not asked to edit a message more often
 * than it allows. Each job's first update always shows; later ones once per interval.
 */
public final class ProgressThrottle {

    private final Clock clock;
    private final Duration interval;
    private final ConcurrentHashMap<Long, Instant> lastShown = new ConcurrentHashMap<>();

    public ProgressThrottle(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    public boolean shouldShow(long jobId) {
        Instant now = clock.instant();
        boolean[] show = {false};
        lastShown.compute(jobId, (id, last) -> {
            if (last == null || !now.isBefore(last.plus(interval))) {
                show[0] = true;
                return now;
            }
            return last;
        });
        return show[0];
    }

    /** Forgets a finished job. */
    public void done(long jobId) {
        lastShown.remove(jobId);
    }
}

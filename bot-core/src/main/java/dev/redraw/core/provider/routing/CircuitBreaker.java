package dev.redraw.core.provider.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Skips a provider that keeps failing: after {@code threshold} failures in a row it is open for the
 * cool-down; then exactly one trial call is let through (half open) while every other call still
 * finds it open, and the trial's result closes the breaker or opens it again. A trial that never
 * reports (its caller died or was cancelled without saying so) gives up its slot after another
 * cool-down, so the breaker cannot stay half open for ever.
 *
 * <p>Every call asks for a {@link Permit} first and reports its end with exactly one of
 * {@link #success}, {@link #failure} or {@link #release}.
 */
final class CircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    /** Leave to make one call; the trial of a half-open breaker is its own permit. */
    static final class Permit {
        private final boolean trial;

        private Permit(boolean trial) {
            this.trial = trial;
        }

        boolean trial() {
            return trial;
        }
    }

    private static final Permit NORMAL = new Permit(false);

    enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final String provider;
    private final int threshold;
    private final Duration coolDown;
    private State state = State.CLOSED;
    private int failures;
    /** While open: when the trial may start. While half open: when an unreported trial lapses. */
    private Instant until = Instant.MIN;
    /** The trial under way while half open; null once it gave its slot back. */
    private Permit trial;

    CircuitBreaker(String provider, int threshold, Duration coolDown) {
        this.provider = provider;
        this.threshold = threshold;
        this.coolDown = coolDown;
    }

    /** Leave for one call, or empty while the breaker is open or its one trial is under way. */
    synchronized Optional<Permit> acquire(Instant now) {
        return switch (state) {
            case CLOSED -> Optional.of(NORMAL);
            case OPEN -> now.isBefore(until) ? Optional.empty() : Optional.of(startTrial(now, false));
            case HALF_OPEN -> {
                if (trial != null && now.isBefore(until)) {
                    yield Optional.empty();
                }
                yield Optional.of(startTrial(now, trial != null));
            }
        };
    }

    private Permit startTrial(Instant now, boolean lapsed) {
        if (lapsed) {
            LOG.warn(
                    "provider={} circuit breaker: the trial call never reported; letting another one through",
                    provider);
        } else if (state == State.OPEN) {
            LOG.info("provider={} circuit breaker half open: cool-down over, letting one trial call through", provider);
        }
        state = State.HALF_OPEN;
        trial = new Permit(true);
        until = now.plus(coolDown);
        return trial;
    }

    synchronized State state() {
        return state;
    }

    /** While open or half open: when the provider may be tried (again). */
    synchronized Instant until() {
        return until;
    }

    /** The provider answered: it works, whichever call it was. */
    synchronized void success(Permit permit) {
        if (state != State.CLOSED) {
            LOG.info(
                    "provider={} circuit breaker closed: {} succeeded",
                    provider,
                    permit == trial ? "the trial call" : "a call");
        }
        state = State.CLOSED;
        failures = 0;
        trial = null;
        until = Instant.MIN;
    }

    /** The provider failed the call: the trial's failure opens the breaker again. */
    synchronized void failure(Permit permit, Instant now) {
        switch (state) {
            case CLOSED -> {
                failures++;
                if (failures >= threshold) {
                    open(now);
                    LOG.warn(
                            "provider={} circuit breaker open after {} failures in a row; skipped until {}",
                            provider,
                            failures,
                            until);
                }
            }
            case HALF_OPEN -> {
                if (permit == trial) {
                    open(now);
                    LOG.warn(
                            "provider={} circuit breaker open again: the trial call failed; skipped until {}",
                            provider,
                            until);
                }
            }
            case OPEN -> {
                // A call that began before the breaker opened: it is open already.
            }
        }
    }

    /**
     * The call ended saying nothing about the provider's health (rate limited, cancelled, or gone
     * wrong on this side): a trial gives its slot back so the next call may try.
     */
    synchronized void release(Permit permit) {
        if (state == State.HALF_OPEN && permit == trial) {
            trial = null;
        }
    }

    private void open(Instant now) {
        state = State.OPEN;
        trial = null;
        until = now.plus(coolDown);
    }
}

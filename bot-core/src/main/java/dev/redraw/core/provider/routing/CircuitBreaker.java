package dev.redraw.core.provider.routing;

import java.time.Duration;
import java.time.Instant;

/**
 * Skips a provider that keeps failing: after {@code threshold} failures in a row it is open for the
 * cool-down; then one call is let through, and its result closes the breaker or opens it again.
 */
final class CircuitBreaker {

    private final int threshold;
    private final Duration coolDown;
    private int failures;
    private Instant openUntil = Instant.MIN;

    CircuitBreaker(int threshold, Duration coolDown) {
        this.threshold = threshold;
        this.coolDown = coolDown;
    }

    synchronized boolean allows(Instant now) {
        return !now.isBefore(openUntil);
    }

    /** When the provider may be tried again. */
    synchronized Instant openUntil() {
        return openUntil;
    }

    synchronized void failure(Instant now) {
        failures++;
        if (failures >= threshold) {
            openUntil = now.plus(coolDown);
        }
    }

    synchronized void success() {
        failures = 0;
        openUntil = Instant.MIN;
    }
}

package dev.redraw.core.provider.routing;

import java.time.Duration;

/**
 * How hard the router tries for one job.
 *
 * @param maxAttempts calls to one provider before moving to the next provider
 * @param backOff the waits between calls to one provider
 * @param deadline the most time one job may spend on retries and fail-over
 * @param breaker when a provider that keeps failing is skipped
 */
public record RetryPolicy(int maxAttempts, BackOff backOff, Duration deadline, Breaker breaker) {

    public static final RetryPolicy DEFAULTS = new RetryPolicy(
            3,
            new BackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)),
            Duration.ofMinutes(5),
            new Breaker(3, Duration.ofSeconds(60)));

    /** One call, no waiting: for callers that retry by other means. */
    public static final RetryPolicy SINGLE_TRY = new RetryPolicy(
            1,
            new BackOff(Duration.ZERO, Duration.ZERO),
            Duration.ofDays(1),
            new Breaker(Integer.MAX_VALUE, Duration.ZERO));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be positive");
        }
    }

    /** Jittered exponential back-off: the first wait doubles each time up to {@code max}; Retry-After is honoured up to {@code max}. */
    public record BackOff(Duration first, Duration max) {}

    /**
     * After {@code threshold} failures in a row (rate limits do not count) a provider is skipped
     * for {@code coolDown}; then one trial call decides whether it is used again.
     */
    public record Breaker(int threshold, Duration coolDown) {
        public Breaker {
            if (threshold < 1) {
                throw new IllegalArgumentException("threshold must be positive");
            }
        }
    }
}

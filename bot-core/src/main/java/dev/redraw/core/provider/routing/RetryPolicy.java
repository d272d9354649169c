package dev.redraw.core.provider.routing;

import java.time.Duration;

/**
 * How hard the router tries: calls per provider, the back-off between them, the total time one
 * job may spend, and when a failing provider is skipped.
 *
 * @param maxAttempts calls to one provider for one job before moving to the next provider
 * @param failureThreshold consecutive failures that open a provider's circuit breaker
 * @param coolDown how long an open provider is skipped
 */
public record RetryPolicy(
        int maxAttempts,
        Duration firstDelay,
        Duration maxDelay,
        Duration deadline,
        int failureThreshold,
        Duration coolDown) {

    public static final RetryPolicy DEFAULTS = new RetryPolicy(
            3, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5), 3, Duration.ofSeconds(60));

    /** One call, no waiting: for callers that retry by other means. */
    public static final RetryPolicy SINGLE_TRY =
            new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofDays(1), Integer.MAX_VALUE, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1 || failureThreshold < 1) {
            throw new IllegalArgumentException("maxAttempts and failureThreshold must be positive");
        }
    }
}

package dev.redraw.app.config;

import java.time.Duration;

/**
 * How many image generations may run at once, and how they end.
 *
 * @param maxConcurrent how many generations run at once in total
 * @param maxPerProvider how many of those may go to one provider at a time; at most {@code maxConcurrent}
 * @param maxPerUser how many one user may have running at a time; at most {@code maxConcurrent}
 * @param maxAttempts how often one job may be tried; a restart that cut a call off counts as an attempt
 * @param shutdownGrace on SIGTERM, how long running jobs may take to finish
 */
public record JobsConfig(
        int maxConcurrent, int maxPerProvider, int maxPerUser, int maxAttempts, Duration shutdownGrace) {

    public static final int DEFAULT_MAX_CONCURRENT = 32;
    public static final int DEFAULT_MAX_PER_PROVIDER = 16;
    public static final int DEFAULT_MAX_PER_USER = 2;
    public static final int DEFAULT_MAX_ATTEMPTS = 2;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private static final int MAX_CONCURRENT = 1000;
    private static final int MAX_PER_USER = 100;
    private static final int MAX_ATTEMPTS = 10;
    private static final Duration MAX_SHUTDOWN_GRACE = Duration.ofMinutes(10);

    public JobsConfig {
        Values.requireRange(maxConcurrent, "max-concurrent", 1, MAX_CONCURRENT);
        Values.requireRange(maxPerProvider, "max-per-provider", 1, MAX_CONCURRENT);
        Values.requireRange(maxPerUser, "max-per-user", 1, MAX_PER_USER);
        Values.requireRange(maxAttempts, "max-attempts", 1, MAX_ATTEMPTS);
        Durations.requireRange(shutdownGrace, "shutdown-grace", Duration.ZERO, MAX_SHUTDOWN_GRACE);
        requireWithinTotal(maxPerProvider, "max-per-provider", maxConcurrent);
        requireWithinTotal(maxPerUser, "max-per-user", maxConcurrent);
    }

    public static JobsConfig defaults() {
        return new JobsConfig(
                DEFAULT_MAX_CONCURRENT,
                DEFAULT_MAX_PER_PROVIDER,
                DEFAULT_MAX_PER_USER,
                DEFAULT_MAX_ATTEMPTS,
                DEFAULT_SHUTDOWN_GRACE);
    }

    private static void requireWithinTotal(int limit, String key, int maxConcurrent) {
        if (limit > maxConcurrent) {
            throw ConfigException.at(
                    key,
                    limit + " is more than max-concurrent (" + maxConcurrent + "); raise max-concurrent or lower "
                            + key);
        }
    }
}

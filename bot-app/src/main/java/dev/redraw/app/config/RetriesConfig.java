package dev.redraw.app.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Objects;

/**
 * How a job copes with failing providers: it retries a provider with jittered exponential back-off,
 * then fails over to the next provider serving its model, and skips providers that keep failing.
 *
 * @param maxAttempts how many calls one job may make to one provider before failing over
 * @param firstDelay the back-off before the first retry; each later one doubles, with jitter
 * @param maxDelay the longest back-off, also the most a provider's Retry-After is honoured for
 * @param deadline how long one job may spend in all on retries and fail-over
 * @param failureThreshold how many failures in a row open a provider's circuit breaker
 * @param coolDown how long a provider whose breaker is open is skipped
 */
public record RetriesConfig(
        int maxAttempts,
        Duration firstDelay,
        Duration maxDelay,
        Duration deadline,
        int failureThreshold,
        Duration coolDown) {

    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_FIRST_DELAY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(5);
    public static final int DEFAULT_FAILURE_THRESHOLD = 3;
    public static final Duration DEFAULT_COOL_DOWN = Duration.ofSeconds(60);

    private static final int MAX_ATTEMPTS = 10;
    private static final Duration MIN_DELAY = Duration.ofMillis(10);
    private static final Duration MAX_FIRST_DELAY = Duration.ofMinutes(1);
    private static final Duration MAX_MAX_DELAY = Duration.ofMinutes(10);
    private static final Duration MIN_DEADLINE = Duration.ofSeconds(1);
    private static final Duration MAX_DEADLINE = Duration.ofHours(1);
    private static final int MAX_FAILURE_THRESHOLD = 100;
    private static final Duration MIN_COOL_DOWN = Duration.ofSeconds(1);
    private static final Duration MAX_COOL_DOWN = Duration.ofHours(1);

    public RetriesConfig {
        Values.requireRange(maxAttempts, "max-attempts", 1, MAX_ATTEMPTS);
        Durations.requireRange(firstDelay, "first-delay", MIN_DELAY, MAX_FIRST_DELAY);
        Durations.requireRange(maxDelay, "max-delay", MIN_DELAY, MAX_MAX_DELAY);
        Durations.requireAtLeast(maxDelay, "max-delay", firstDelay, "first-delay");
        Durations.requireRange(deadline, "deadline", MIN_DEADLINE, MAX_DEADLINE);
        Values.requireRange(failureThreshold, "failure-threshold", 1, MAX_FAILURE_THRESHOLD);
        Durations.requireRange(coolDown, "cool-down", MIN_COOL_DOWN, MAX_COOL_DOWN);
    }

    public static RetriesConfig defaults() {
        return new RetriesConfig(
                DEFAULT_MAX_ATTEMPTS,
                DEFAULT_FIRST_DELAY,
                DEFAULT_MAX_DELAY,
                DEFAULT_DEADLINE,
                DEFAULT_FAILURE_THRESHOLD,
                DEFAULT_COOL_DOWN);
    }

    @JsonCreator
    static RetriesConfig read(
            @JsonProperty("max-attempts") Integer maxAttempts,
            @JsonProperty("first-delay") Duration firstDelay,
            @JsonProperty("max-delay") Duration maxDelay,
            @JsonProperty("deadline") Duration deadline,
            @JsonProperty("failure-threshold") Integer failureThreshold,
            @JsonProperty("cool-down") Duration coolDown) {
        return new RetriesConfig(
                Objects.requireNonNullElse(maxAttempts, DEFAULT_MAX_ATTEMPTS),
                Objects.requireNonNullElse(firstDelay, DEFAULT_FIRST_DELAY),
                Objects.requireNonNullElse(maxDelay, DEFAULT_MAX_DELAY),
                Objects.requireNonNullElse(deadline, DEFAULT_DEADLINE),
                Objects.requireNonNullElse(failureThreshold, DEFAULT_FAILURE_THRESHOLD),
                Objects.requireNonNullElse(coolDown, DEFAULT_COOL_DOWN));
    }
}

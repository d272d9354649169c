package dev.redraw.app.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Objects;

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
        int maxConcurrent,
        int maxPerProvider,
        int maxPerUser,
        int maxAttempts,
        Duration shutdownGrace,
        String instance,
        Duration lease) {

    public static final int DEFAULT_MAX_CONCURRENT = 32;
    public static final int DEFAULT_MAX_PER_PROVIDER = 16;
    public static final int DEFAULT_MAX_PER_USER = 2;
    public static final int DEFAULT_MAX_ATTEMPTS = 2;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private static final int MAX_CONCURRENT = 1000;
    private static final int MAX_PER_USER = 100;
    private static final int MAX_ATTEMPTS = 10;
    private static final Duration MAX_SHUTDOWN_GRACE = Duration.ofMinutes(10);
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    private static final Duration MIN_LEASE = Duration.ofSeconds(3);
    private static final Duration MAX_LEASE = Duration.ofHours(1);
    private static final java.util.regex.Pattern INSTANCE = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public JobsConfig {
        Values.requireRange(maxConcurrent, "max-concurrent", 1, MAX_CONCURRENT);
        Values.requireRange(maxPerProvider, "max-per-provider", 1, MAX_CONCURRENT);
        Values.requireRange(maxPerUser, "max-per-user", 1, MAX_PER_USER);
        Values.requireRange(maxAttempts, "max-attempts", 1, MAX_ATTEMPTS);
        Durations.requireRange(shutdownGrace, "shutdown-grace", Duration.ZERO, MAX_SHUTDOWN_GRACE);
        Durations.requireRange(lease, "lease", MIN_LEASE, MAX_LEASE);
        if (!INSTANCE.matcher(instance).matches()) {
            throw ConfigException.at(
                    "instance", "'" + instance + "' is not a name of 1 to 100 letters, digits, '.', '_' or '-'");
        }
        requireWithinTotal(maxPerProvider, "max-per-provider", maxConcurrent);
        requireWithinTotal(maxPerUser, "max-per-user", maxConcurrent);
    }

    /** Limits with this machine's instance name and the default lease. */
    public JobsConfig(int maxConcurrent, int maxPerProvider, int maxPerUser, int maxAttempts, Duration shutdownGrace) {
        this(maxConcurrent, maxPerProvider, maxPerUser, maxAttempts, shutdownGrace, defaultInstance(), DEFAULT_LEASE);
    }

    public static JobsConfig defaults() {
        return new JobsConfig(
                DEFAULT_MAX_CONCURRENT,
                DEFAULT_MAX_PER_PROVIDER,
                DEFAULT_MAX_PER_USER,
                DEFAULT_MAX_ATTEMPTS,
                DEFAULT_SHUTDOWN_GRACE);
    }

    /**
     * The name an instance holds job leases under when {@code jobs.instance} is not set: the host's
     * name (a container's own on most platforms), so instances on separate machines differ and a
     * restart keeps its name; {@code redraw} when the host has none usable.
     */
    public static String defaultInstance() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "";
            }
        }
        String cleaned = host.replaceAll("[^A-Za-z0-9._-]", "-");
        cleaned = cleaned.length() > 100 ? cleaned.substring(0, 100) : cleaned;
        return INSTANCE.matcher(cleaned).matches() ? cleaned : "redraw";
    }

    private static void requireWithinTotal(int limit, String key, int maxConcurrent) {
        if (limit > maxConcurrent) {
            throw ConfigException.at(
                    key,
                    limit + " is more than max-concurrent (" + maxConcurrent + "); raise max-concurrent or lower "
                            + key);
        }
    }

    @JsonCreator
    static JobsConfig read(
            @JsonProperty("max-concurrent") Integer maxConcurrent,
            @JsonProperty("max-per-provider") Integer maxPerProvider,
            @JsonProperty("max-per-user") Integer maxPerUser,
            @JsonProperty("max-attempts") Integer maxAttempts,
            @JsonProperty("shutdown-grace") Duration shutdownGrace,
            @JsonProperty("instance") String instance,
            @JsonProperty("lease") Duration lease) {
        int total = Objects.requireNonNullElse(maxConcurrent, DEFAULT_MAX_CONCURRENT);
        return new JobsConfig(
                total,
                limitWithinTotal(maxPerProvider, "max-per-provider", DEFAULT_MAX_PER_PROVIDER, total),
                limitWithinTotal(maxPerUser, "max-per-user", DEFAULT_MAX_PER_USER, total),
                Objects.requireNonNullElse(maxAttempts, DEFAULT_MAX_ATTEMPTS),
                Objects.requireNonNullElse(shutdownGrace, DEFAULT_SHUTDOWN_GRACE),
                instance == null ? defaultInstance() : instance,
                Objects.requireNonNullElse(lease, DEFAULT_LEASE));
    }

    /**
     * A per-provider or per-user limit. One the operator wrote is checked against max-concurrent by
     * the constructor; a default the operator never wrote, left above a lowered max-concurrent, is
     * reported as the default it is, with the value to write.
     */
    private static int limitWithinTotal(Integer written, String key, int defaultLimit, int maxConcurrent) {
        if (written == null && defaultLimit > maxConcurrent && maxConcurrent >= 1) {
            throw ConfigException.at(
                    key,
                    "not set, so its default " + defaultLimit + " applies, which is more than max-concurrent ("
                            + maxConcurrent + "); set jobs." + key + " to " + maxConcurrent + " or less");
        }
        return written == null ? defaultLimit : written;
    }
}

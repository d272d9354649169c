package dev.redraw.core.job;

import java.time.Duration;

/**
 * How a runner shares jobs with other instances on its database.
 *
 * @param lease how long a running job stays this instance's without being renewed; the runner
 *     renews it every {@code poll} while the job runs, and another instance takes the job over once
 *     it has run out (the instance died)
 * @param poll how often the runner looks for jobs other instances accepted or left behind, renews
 *     its leases and retries jobs held back by a limit another instance's jobs filled
 */
public record RunnerTiming(Duration lease, Duration poll) {

    public static final RunnerTiming DEFAULTS = new RunnerTiming(Duration.ofSeconds(30), Duration.ofSeconds(1));

    public RunnerTiming {
        if (poll.isNegative() || poll.isZero() || lease.compareTo(poll.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("the lease must be at least three polls, and the poll positive");
        }
    }
}

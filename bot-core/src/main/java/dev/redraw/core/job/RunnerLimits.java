package dev.redraw.core.job;

/**
 * How many generations may run at once: in total, per provider and per user; and how often one
 * job may be tried.
 */
public record RunnerLimits(int maxConcurrent, int maxPerProvider, int maxPerUser, int maxAttempts) {

    public static final RunnerLimits DEFAULTS = new RunnerLimits(32, 16, 2, 2);

    public RunnerLimits {
        if (maxConcurrent < 1 || maxPerProvider < 1 || maxPerUser < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("runner limits must be positive");
        }
    }
}

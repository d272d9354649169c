package dev.redraw.app;

import dev.redraw.app.config.RedrawConfig;
import dev.redraw.core.access.AccessPolicy;
import dev.redraw.core.job.RunnerLimits;
import dev.redraw.core.quota.QuotaPolicy;
import java.time.Duration;

/** Translates the configuration's job, quota and access sections into the core's policies. */
final class Policies {

    private Policies() {}

    static RunnerLimits runnerLimits(RedrawConfig config) {
        return RunnerLimits.DEFAULTS;
    }

    static QuotaPolicy quotas(RedrawConfig config) {
        return QuotaPolicy.DEFAULTS;
    }

    static AccessPolicy access(RedrawConfig config) {
        return AccessPolicy.OPEN;
    }

    static Duration shutdownGrace(RedrawConfig config) {
        return Duration.ofSeconds(30);
    }
}

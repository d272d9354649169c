package dev.redraw.app;

import dev.redraw.app.config.AccessList;
import dev.redraw.app.config.QuotaOverride;
import dev.redraw.app.config.RedrawConfig;
import dev.redraw.app.config.ScopedId;
import dev.redraw.core.access.AccessPolicy;
import dev.redraw.core.job.RunnerLimits;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.provider.routing.RetryPolicy;
import dev.redraw.core.quota.QuotaPolicy;
import java.util.Set;
import java.util.stream.Collectors;

/** Translates the configuration's job, quota and access sections into the core's policies. */
final class Policies {

    private Policies() {}

    static RunnerLimits runnerLimits(RedrawConfig config) {
        var jobs = config.jobs();
        return new RunnerLimits(jobs.maxConcurrent(), jobs.maxPerProvider(), jobs.maxPerUser(), jobs.maxAttempts());
    }

    static QuotaPolicy quotas(RedrawConfig config) {
        var quotas = config.quotas();
        return new QuotaPolicy(
                quotas.imagesPerUser(),
                quotas.window(),
                quotas.globalDailyImages(),
                quotas.overrides().stream()
                        .collect(Collectors.toMap(o -> o.scope().toString(), QuotaOverride::imagesPerUser)));
    }

    /** The built-in catalog with the operators' model entries laid over it. */
    static ModelCatalog catalog(RedrawConfig config) {
        return ModelCatalog.builtIn()
                .withOverrides(config.providers().stream()
                        .flatMap(provider -> provider.modelEntries().stream())
                        .toList());
    }

    static RetryPolicy retries(RedrawConfig config) {
        var retries = config.retries();
        return new RetryPolicy(
                retries.maxAttempts(),
                new RetryPolicy.BackOff(retries.firstDelay(), retries.maxDelay()),
                retries.deadline(),
                new RetryPolicy.Breaker(retries.failureThreshold(), retries.coolDown()));
    }

    static AccessPolicy access(RedrawConfig config) {
        var access = config.access();
        return new AccessPolicy(keys(access.admins()), lists(access.allow()), lists(access.deny()));
    }

    private static AccessPolicy.Lists lists(AccessList list) {
        return new AccessPolicy.Lists(keys(list.users()), keys(list.chats()), keys(list.guilds()));
    }

    private static Set<String> keys(Set<ScopedId> ids) {
        return ids.stream().map(ScopedId::toString).collect(Collectors.toSet());
    }
}

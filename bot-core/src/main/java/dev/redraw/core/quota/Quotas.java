package dev.redraw.core.quota;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.job.JobStore;
import dev.redraw.core.refusal.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Checks a request against the spending limits before it is queued. Only images the upstream
 * charged count; queued and running jobs hold one image each, so a burst cannot overshoot.
 */
public final class Quotas {

    private final QuotaPolicy policy;
    private final JobStore jobs;
    private final Clock clock;

    public Quotas(QuotaPolicy policy, JobStore jobs, Clock clock) {
        this.policy = policy;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Why this request would go over a limit; empty when it fits. Administrators are never limited. */
    public Optional<Refusal> refusal(Origin origin, boolean admin) {
        if (admin) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (policy.globalDailyImages().isPresent()) {
            int cap = policy.globalDailyImages().getAsInt();
            Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
            if (jobs.imagesSince(midnight) >= cap) {
                Instant reset = midnight.plus(Duration.ofDays(1));
                return Optional.of(new Refusal.GlobalQuotaUsed(cap, reset, now));
            }
        }
        return userRefusal(origin, now);
    }

    private Optional<Refusal> userRefusal(Origin origin, Instant now) {
        int limit = limitFor(origin);
        if (limit == 0) {
            return Optional.of(new Refusal.SwitchedOff());
        }
        Status status = status(origin, now);
        int active = jobs.activeJobs(origin.platform(), origin.userId());
        if (status.used() + active < limit) {
            return Optional.empty();
        }
        if (status.used() < limit) {
            return Optional.of(new Refusal.QuotaPending(status.used(), active, limit, policy.window()));
        }
        Instant reset = freeAt(status.charges(), status.used() + active - limit + 1, now);
        return Optional.of(new Refusal.QuotaUsed(status.used(), limit, policy.window(), reset, now));
    }

    /** A user's use of their quota, for {@code /usage}. */
    public Status status(Origin origin, Instant now) {
        List<JobStore.Charge> charges =
                jobs.chargesSince(origin.platform(), origin.userId(), now.minus(policy.window()));
        int used = charges.stream().mapToInt(JobStore.Charge::images).sum();
        return new Status(used, limitFor(origin), policy.window(), charges);
    }

    /** What one user has used of their quota. */
    public record Status(int used, int limit, Duration window, List<JobStore.Charge> charges) {
        /** When the oldest counted image leaves the window; empty when nothing is counted. */
        public Optional<Instant> nextFreeAt() {
            return charges.isEmpty()
                    ? Optional.empty()
                    : Optional.of(charges.getFirst().at().plus(window));
        }
    }

    /** The per-user limit here: a chat's override, else the guild's, else the default. */
    public int limitFor(Origin origin) {
        Integer chat = policy.overrides().get(origin.platform() + ":" + origin.chatId());
        if (chat != null) {
            return chat;
        }
        return origin.guildId()
                .map(guild -> policy.overrides().get(origin.platform() + ":" + guild))
                .orElse(policy.imagesPerUser());
    }

    /** When enough of the oldest charges have left the window to free {@code needed} images. */
    private Instant freeAt(List<JobStore.Charge> charges, int needed, Instant now) {
        int freed = 0;
        for (JobStore.Charge charge : charges) {
            freed += charge.images();
            if (freed >= needed) {
                return charge.at().plus(policy.window());
            }
        }
        return now.plus(policy.window());
    }
}

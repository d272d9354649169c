package dev.redraw.core.quota;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.job.JobStore;
import dev.redraw.core.job.UsageCounts;
import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.telemetry.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Checks a request against the spending limits before it is queued. Only images the upstream
 * charged count; queued and running jobs hold back every image they asked for (a job of {@code --n
 * 4} holds four), so a burst cannot overshoot. A job that made fewer images than it asked for is
 * charged only those it made, which frees the rest when it finishes.
 */
public final class Quotas {

    private volatile QuotaPolicy policy;
    private final JobStore jobs;
    private final Clock clock;
    private final Telemetry telemetry;

    public Quotas(QuotaPolicy policy, JobStore jobs, Clock clock) {
        this(policy, jobs, clock, Telemetry.NONE);
    }

    /** @param telemetry told of every refusal for a quota */
    public Quotas(QuotaPolicy policy, JobStore jobs, Clock clock, Telemetry telemetry) {
        this.telemetry = Telemetry.safe(telemetry);
        this.policy = policy;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** From now on {@code next} sets the limits; images already made count against them as before. */
    public void replace(QuotaPolicy next) {
        policy = java.util.Objects.requireNonNull(next);
    }

    /** Why a request for one image would go over a limit; empty when it fits. Administrators are never limited. */
    public Optional<Refusal> refusal(Origin origin, boolean admin) {
        return refusal(origin, admin, 1);
    }

    /**
     * Why a request for {@code requested} images would go over a limit; empty when it fits. Every
     * image of the request counts up front, and so does every image of the user's requests in
     * progress. Administrators are never limited.
     */
    public Optional<Refusal> refusal(Origin origin, boolean admin, int requested) {
        if (admin) {
            // Never limited: nothing to read.
            return Optional.empty();
        }
        return jobs.counting(counts -> refusal(origin, false, requested, counts));
    }

    /**
     * Like {@link #refusal(Origin, boolean, int)}, counting through {@code counts}: those of an
     * admission (see {@link JobStore#admit}), so that the counts cannot change before the request
     * is stored.
     */
    public Optional<Refusal> refusal(Origin origin, boolean admin, int requested, UsageCounts counts) {
        if (admin) {
            return Optional.empty();
        }
        Optional<Refusal> refusal = counted(origin, requested, counts);
        if (refusal.isPresent()) {
            telemetry.quotaRefused(origin.platform());
        }
        return refusal;
    }

    private Optional<Refusal> counted(Origin origin, int requested, UsageCounts counts) {
        Instant now = clock.instant();
        if (policy.globalDailyImages().isPresent()) {
            int cap = policy.globalDailyImages().getAsInt();
            Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
            // Images of requests in progress count too: concurrent requests cannot overshoot the cap.
            if (counts.imagesSince(midnight) + counts.activeImages() + requested > cap) {
                Instant reset = midnight.plus(Duration.ofDays(1));
                return Optional.of(new Refusal.GlobalQuotaUsed(cap, reset, now));
            }
        }
        return userRefusal(origin, now, requested, counts);
    }

    private Optional<Refusal> userRefusal(Origin origin, Instant now, int requested, UsageCounts counts) {
        int configuredLimit = limitFor(origin);
        if (configuredLimit == 0) {
            return Optional.of(new Refusal.SwitchedOff());
        }
        long used = counts.imagesSince(origin.platform(), origin.userId(), now.minus(policy.window()));
        int active = counts.activeImages(origin.platform(), origin.userId());
        if (used + active + requested <= configuredLimit) {
            // Within the configured limit: what administrators granted cannot change the answer, and
            // the charges themselves (which only say when images come free again) need not be read.
            return Optional.empty();
        }
        Status status = withGrants(configuredStatus(origin, now, counts), origin, now, counts);
        int limit = status.limit();
        if (status.used() + active + requested <= limit) {
            return Optional.empty();
        }
        if (status.used() + active < limit) {
            return Optional.of(
                    new Refusal.QuotaTooFewLeft(requested, limit - status.used() - active, limit, policy.window()));
        }
        if (status.used() < limit) {
            return Optional.of(new Refusal.QuotaPending(status.used(), active, limit, policy.window()));
        }
        // When enough of the charges in the window have aged out for this whole request to fit.
        Instant reset = status.freeAt(active + requested, now);
        return Optional.of(new Refusal.QuotaUsed(status.used(), active, limit, policy.window(), reset, now));
    }

    /** A user's use of their quota, for {@code /usage}. */
    public Status status(Origin origin, Instant now) {
        return jobs.counting(counts -> withGrants(configuredStatus(origin, now, counts), origin, now, counts));
    }

    /** The user's charges in the window against the configuration's limit, before any grant. */
    private Status configuredStatus(Origin origin, Instant now, UsageCounts counts) {
        List<JobStore.Charge> charges =
                counts.chargesSince(origin.platform(), origin.userId(), now.minus(policy.window()));
        int used = charges.stream().mapToInt(JobStore.Charge::images).sum();
        return new Status(used, limitFor(origin), policy.window(), charges, List.of());
    }

    /**
     * {@code configured} with the images administrators granted in the window added, counted with
     * the rest (inside an admission, on its connection: see {@link JobStore#admit}). Where the limit
     * is 0 making images is switched off, and a user's grant does not switch it on.
     */
    private Status withGrants(Status configured, Origin origin, Instant now, UsageCounts counts) {
        if (configured.limit() == 0) {
            return configured;
        }
        List<UsageCounts.Grant> grants =
                counts.grantsSince(origin.platform(), origin.userId(), now.minus(policy.window()));
        long granted = grants.stream().mapToLong(UsageCounts.Grant::images).sum();
        return new Status(
                configured.used(),
                (int) Math.min(Integer.MAX_VALUE, configured.limit() + granted),
                configured.window(),
                configured.charges(),
                grants);
    }

    /** What one user has used of their quota. */
    public record Status(
            int used, int limit, Duration window, List<JobStore.Charge> charges, List<UsageCounts.Grant> grants) {

        public Status {
            charges = List.copyOf(charges);
            grants = List.copyOf(grants);
        }

        /** A status without images granted by an administrator. */
        public Status(int used, int limit, Duration window, List<JobStore.Charge> charges) {
            this(used, limit, window, charges, List.of());
        }

        /** The images administrators granted in the window, part of {@link #limit}. */
        public int granted() {
            return (int) Math.min(
                    Integer.MAX_VALUE,
                    grants.stream().mapToLong(UsageCounts.Grant::images).sum());
        }

        /** Where the user stands against their limit. */
        public enum Standing {
            /** The limit is 0: making images is switched off for them. */
            SWITCHED_OFF,
            UNDER,
            /** Exactly at the limit: the next image that leaves the window frees one. */
            AT,
            /** Over the limit (it was lowered): several images must leave the window first. */
            OVER
        }

        public Standing standing() {
            if (limit == 0) {
                return Standing.SWITCHED_OFF;
            }
            if (used < limit) {
                return Standing.UNDER;
            }
            return used == limit ? Standing.AT : Standing.OVER;
        }

        /** How many more images the user may make now. */
        public int left() {
            return Math.max(0, limit - used);
        }

        /**
         * When the user may make a new image, at or over a limit above 0: when enough of the oldest
         * images have left the window to bring them under it; empty when they may now.
         */
        public Optional<Instant> freeAgainAt(Instant now) {
            return switch (standing()) {
                case AT, OVER -> Optional.of(freeAt(1, now));
                case SWITCHED_OFF, UNDER -> Optional.empty();
            };
        }

        /**
         * When {@code more} images fit: the first moment, as the charges leave the window, when
         * the images still in it and {@code more} are within the limit then, which loses each
         * grant a window after it was made; a window from {@code now} when none is.
         */
        Instant freeAt(int more, Instant now) {
            long configured = (long) limit - granted();
            for (JobStore.Charge leaving : charges) {
                Instant then = leaving.at().plus(window);
                if (!then.isAfter(now)) {
                    continue;
                }
                long usedThen = charges.stream()
                        .filter(charge -> charge.at().plus(window).isAfter(then))
                        .mapToLong(JobStore.Charge::images)
                        .sum();
                long grantedThen = grants.stream()
                        .filter(grant -> grant.at().plus(window).isAfter(then))
                        .mapToLong(UsageCounts.Grant::images)
                        .sum();
                if (usedThen + more <= configured + grantedThen) {
                    return then;
                }
            }
            return now.plus(window);
        }
    }

    /** The window the limits count over. */
    public Duration window() {
        return policy.window();
    }

    /** The per-user limit of the configuration here: a chat's override, else the guild's, else the default. */
    public int limitFor(Origin origin) {
        Integer chat = policy.overrides().get(origin.platform() + ":" + origin.chatId());
        if (chat != null) {
            return chat;
        }
        return origin.guildId()
                .map(guild -> policy.overrides().get(origin.platform() + ":" + guild))
                .orElse(policy.imagesPerUser());
    }
}

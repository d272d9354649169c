package dev.redraw.core.admin;

import dev.redraw.core.access.AdminStore;
import dev.redraw.core.job.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What an administrator's command did, as data: the platforms say it in the administrator's language. */
public sealed interface AdminAnswer {

    /** The one who asked is not one of {@code access.admins}. */
    record NotAdmin() implements AdminAnswer {}

    /** The message the command replies to is not one the bot knows the author of. */
    record UnknownMessage() implements AdminAnswer {}

    /** {@code user} is an administrator in the configuration: bans do not apply to them. */
    record AdminUntouchable(String user) implements AdminAnswer {}

    /** {@code user} is banned; {@code already} when they were before. */
    record Banned(String user, boolean already) implements AdminAnswer {}

    /** {@code user}'s ban is lifted; {@code wasBanned} false when there was none. */
    record Unbanned(String user, boolean wasBanned) implements AdminAnswer {}

    /**
     * {@code user} got {@code images} more for the {@code window} from {@code at}; with the grants
     * before it still in their window, {@code total}.
     */
    record Granted(String user, int images, int total, Duration window, Instant at) implements AdminAnswer {}

    /** Generation is paused since {@code since}; {@code already} when it was before. */
    record Paused(Instant since, boolean already) implements AdminAnswer {}

    /** Generation runs again; {@code wasPaused} false when it was not paused. */
    record Resumed(boolean wasPaused) implements AdminAnswer {}

    /** The configuration was reloaded here (or refused), and every other instance was asked to. */
    record Reloaded(ConfigReloader.Outcome outcome) implements AdminAnswer {
        public Reloaded {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * How the bot stands: whether generation is paused, each provider's circuit on this instance
     * with its jobs on every instance over the last {@code since}, and the bans.
     */
    record Status(
            Optional<AdminStore.Pause> paused,
            List<ProviderStatus> providers,
            Duration since,
            List<AdminStore.Ban> bans,
            Instant at)
            implements AdminAnswer {
        public Status {
            providers = List.copyOf(providers);
            bans = List.copyOf(bans);
        }

        /** Jobs waiting, on every instance. */
        public int queued() {
            return providers.stream().mapToInt(p -> p.jobs().queued()).sum();
        }

        /** Jobs running, on every instance. */
        public int running() {
            return providers.stream().mapToInt(p -> p.jobs().running()).sum();
        }
    }

    /** One provider: its circuit here ({@code closed}, {@code open}, {@code half_open}, or {@code unused}) and its jobs. */
    record ProviderStatus(String name, String circuit, JobStore.ProviderActivity jobs) {}
}

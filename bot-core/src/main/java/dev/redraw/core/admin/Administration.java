package dev.redraw.core.admin;

import dev.redraw.core.access.AccessRules;
import dev.redraw.core.access.AdminStore;
import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.job.JobStore;
import dev.redraw.core.quota.Quotas;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The administrators' commands, the same on every platform: only {@code access.admins} may run
 * them. Bans, grants and the pause are written where every instance reads them on each request, so
 * they hold everywhere at once and over restarts; the configuration's lists stay the baseline.
 */
public final class Administration {

    private static final Logger LOG = LoggerFactory.getLogger(Administration.class);

    /** How far back status counts finished jobs. */
    static final Duration STATUS_WINDOW = Duration.ofHours(1);

    private final AccessRules access;
    private final Quotas quotas;
    private final JobStore jobs;
    private final ConversationStore conversations;
    private final Supplier<Map<String, String>> circuits;
    private final ConfigReloader reloader;
    private final Clock clock;

    /**
     * @param circuits each configured provider's circuit on this instance, by name
     * @param reloader reads this instance's configuration file again
     */
    public Administration(
            AccessRules access,
            Quotas quotas,
            JobStore jobs,
            ConversationStore conversations,
            Supplier<Map<String, String>> circuits,
            ConfigReloader reloader,
            Clock clock) {
        this.access = access;
        this.quotas = quotas;
        this.jobs = jobs;
        this.conversations = conversations;
        this.circuits = circuits;
        this.reloader = reloader;
        this.clock = clock;
    }

    /** Whether {@code origin} may run these commands. */
    public boolean isAdmin(Origin origin) {
        return access.isAdmin(origin);
    }

    /** Runs {@code command} for {@code admin}; anyone else gets {@link AdminAnswer.NotAdmin}. */
    public AdminAnswer run(Origin admin, AdminCommand command) {
        return run(admin, command, Optional.empty());
    }

    /**
     * Like {@link #run(Origin, AdminCommand)} for the platform message or interaction {@code
     * request}: handled again after a crash, it changes nothing twice (a ban, a pause are so
     * anyway; a grant is kept with its request).
     */
    public AdminAnswer run(Origin admin, AdminCommand command, Optional<String> request) {
        if (!access.isAdmin(admin)) {
            LOG.info("admin command refused: {} is not an administrator", admin.userKey());
            return new AdminAnswer.NotAdmin();
        }
        AdminStore decisions = access.decisions();
        String by = admin.userKey();
        Instant now = clock.instant();
        return switch (command) {
            case AdminCommand.Ban ban ->
                onUser(ban.target(), user -> {
                    if (access.current().admins().contains(user)) {
                        return new AdminAnswer.AdminUntouchable(user);
                    }
                    boolean fresh = decisions.ban(user, by, now);
                    LOG.info("admin {} banned {}{}", by, user, fresh ? "" : " (banned already)");
                    return new AdminAnswer.Banned(user, !fresh);
                });
            case AdminCommand.Unban unban ->
                onUser(unban.target(), user -> {
                    boolean was = decisions.unban(user);
                    LOG.info("admin {} unbanned {}{}", by, user, was ? "" : " (who was not banned)");
                    return new AdminAnswer.Unbanned(user, was);
                });
            case AdminCommand.Grant grant ->
                onUser(grant.target(), user -> {
                    boolean fresh = decisions.grant(user, grant.images(), by, now, request);
                    int total = decisions.grantedSince(user, now.minus(quotas.window()));
                    LOG.info(
                            "admin {} granted {} {} more images ({} in the window){}",
                            by,
                            user,
                            grant.images(),
                            total,
                            fresh ? "" : "; this request had granted them already");
                    return new AdminAnswer.Granted(user, grant.images(), total, quotas.window(), now);
                });
            case AdminCommand.Pause ignored -> {
                boolean fresh = decisions.pause(by, now);
                Instant since = fresh
                        ? now
                        : decisions.pause().map(AdminStore.Pause::at).orElse(now);
                LOG.info("admin {} paused generation{}", by, fresh ? "" : " (paused already)");
                yield new AdminAnswer.Paused(since, !fresh);
            }
            case AdminCommand.Resume ignored -> {
                boolean was = decisions.resume();
                LOG.info("admin {} resumed generation{}", by, was ? "" : " (which was not paused)");
                yield new AdminAnswer.Resumed(was);
            }
            case AdminCommand.Status ignored -> status(decisions, now);
            case AdminCommand.Reload ignored -> {
                long generation = decisions.requestReload(by, now);
                LOG.info("admin {} asked every instance to reload the configuration (request {})", by, generation);
                yield new AdminAnswer.Reloaded(reloader.reload(generation));
            }
        };
    }

    private AdminAnswer status(AdminStore decisions, Instant now) {
        Map<String, JobStore.ProviderActivity> activity = new LinkedHashMap<>();
        jobs.providerActivity(now.minus(STATUS_WINDOW)).forEach(row -> activity.put(row.provider(), row));
        List<AdminAnswer.ProviderStatus> providers = new ArrayList<>();
        Map<String, String> states = circuits.get();
        states.forEach((name, state) -> providers.add(new AdminAnswer.ProviderStatus(
                name, state, activity.getOrDefault(name, new JobStore.ProviderActivity(name, 0, 0, 0, 0)))));
        // Jobs of a provider this instance does not run (removed, or only on another instance).
        activity.forEach((name, row) -> {
            if (!states.containsKey(name)) {
                providers.add(new AdminAnswer.ProviderStatus(name, "unused", row));
            }
        });
        return new AdminAnswer.Status(decisions.pause(), providers, STATUS_WINDOW, decisions.bans(), now);
    }

    private AdminAnswer onUser(AdminCommand.Target target, java.util.function.Function<String, AdminAnswer> action) {
        Optional<String> user = switch (target) {
            case AdminCommand.User named -> Optional.of(named.key());
            case AdminCommand.AuthorOf reply ->
                conversations.resolve(reply.message()).stream()
                        .boxed()
                        .findFirst()
                        .flatMap(conversations::find)
                        .map(Turn::origin)
                        .map(Origin::userKey);
        };
        return user.map(action).orElseGet(AdminAnswer.UnknownMessage::new);
    }
}

package dev.redraw.core.access;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.refusal.Refusal;
import java.util.Objects;
import java.util.Optional;

/**
 * The access rules in force: an {@link AccessPolicy} that an operator's reload replaces while the
 * bot runs, and what administrators decided since (bans, a pause), read from the {@link
 * AdminStore} on every check, so a decision made on one instance holds on all of them at once.
 * Administrators themselves are never kept out.
 */
public final class AccessRules {

    private volatile AccessPolicy current;
    private final AdminStore decisions;

    /** Rules that are only the configuration's: nobody can be banned, nothing paused. */
    public AccessRules(AccessPolicy initial) {
        this(initial, AdminStore.NONE);
    }

    public AccessRules(AccessPolicy initial, AdminStore decisions) {
        this.current = Objects.requireNonNull(initial);
        this.decisions = Objects.requireNonNull(decisions);
    }

    public AccessPolicy current() {
        return current;
    }

    /** Where administrators' decisions are kept. */
    public AdminStore decisions() {
        return decisions;
    }

    /** From now on {@code next} decides. */
    public void replace(AccessPolicy next) {
        current = Objects.requireNonNull(next);
    }

    public boolean isAdmin(Origin origin) {
        return current.isAdmin(origin);
    }

    /**
     * Why this origin may not use the bot; empty when it may. A ban comes first, then the
     * configuration's lists, then a pause of generation.
     */
    public Optional<Refusal> refusal(Origin origin) {
        AccessPolicy policy = current;
        if (policy.isAdmin(origin)) {
            return Optional.empty();
        }
        AdminStore.Standing standing = decisions.standing(origin.userKey());
        if (standing.banned()) {
            return Optional.of(new Refusal.NotAllowed(Refusal.NotAllowed.Reason.BANNED));
        }
        Optional<Refusal> listed = policy.refusal(origin);
        if (listed.isPresent()) {
            return listed;
        }
        return standing.paused().map(pause -> new Refusal.Paused(pause.at()));
    }
}

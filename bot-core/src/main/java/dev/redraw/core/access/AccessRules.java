package dev.redraw.core.access;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.refusal.Refusal;
import java.util.Objects;
import java.util.Optional;

/**
 * The access rules in force: an {@link AccessPolicy} that an operator's reload replaces while the
 * bot runs; every check reads the rules as they stand at that moment.
 */
public final class AccessRules {

    private volatile AccessPolicy current;

    public AccessRules(AccessPolicy initial) {
        this.current = Objects.requireNonNull(initial);
    }

    public AccessPolicy current() {
        return current;
    }

    /** From now on {@code next} decides. */
    public void replace(AccessPolicy next) {
        current = Objects.requireNonNull(next);
    }

    public boolean isAdmin(Origin origin) {
        return current.isAdmin(origin);
    }

    /** Why this origin may not use the bot; empty when it may. */
    public Optional<Refusal> refusal(Origin origin) {
        return current.refusal(origin);
    }
}

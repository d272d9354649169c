package dev.redraw.core.settings;

import java.util.Objects;
import java.util.Optional;

/**
 * Who may remix others' results in a community: nobody where its remix switch is off; where it is
 * on, everyone, or only the holders of the role its managers named.
 */
public final class RemixRules {

    private final SettingsStore settings;
    private final CommunityStore store;

    public RemixRules(SettingsStore settings, CommunityStore store) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Whether remixing is on in {@code community} at all (its switch); a role may still be needed. */
    public boolean switchedOn(String platform, String community) {
        return settings.remixAllowed(platform, community);
    }

    /** Whether the user {@code who} speaks for may remix others' results of {@code community}. */
    public boolean allows(String platform, String community, Memberships who) {
        if (!switchedOn(platform, community)) {
            return false;
        }
        Optional<String> role = store.rules(platform, community).remixRole();
        return role.isEmpty() || who.holds(community, role.get());
    }
}

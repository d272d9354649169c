package dev.redraw.core.settings;

/**
 * What the platform says of a user's roles, asked only when a community's rule names a role.
 * Adapters answer from the event (Discord's member roles) or by asking the platform (Telegram's
 * chat administrators).
 */
@FunctionalInterface
public interface Memberships {

    /** Holds no role anywhere: for actions where no role can matter. */
    Memberships NONE = (community, role) -> false;

    /**
     * Whether the user acting holds {@code role} in {@code community} (a Discord server, a Telegram
     * chat). An answer that cannot be had (the platform fails) is false: a role is never assumed.
     */
    boolean holds(String community, String role);
}

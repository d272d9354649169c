package dev.redraw.app.config;

import java.util.Set;

/**
 * Users, chats and Discord guilds named in {@code access.allow} or {@code access.deny}.
 *
 * <p>In an allow list an empty set allows everyone; in a deny list it denies no one.
 *
 * @param users user ids
 * @param chats chat ids (a Telegram chat or a Discord channel)
 * @param guilds Discord guild ids
 */
public record AccessList(Set<ScopedId> users, Set<ScopedId> chats, Set<ScopedId> guilds) {

    public AccessList {
        users = Set.copyOf(Values.require(users, "users"));
        chats = Set.copyOf(Values.require(chats, "chats"));
        guilds = Set.copyOf(Values.require(guilds, "guilds"));
        guilds.forEach(guild -> ScopedId.requireGuild(guild, "guilds"));
    }

    /** A list naming no one. */
    public static AccessList empty() {
        return new AccessList(Set.of(), Set.of(), Set.of());
    }
}

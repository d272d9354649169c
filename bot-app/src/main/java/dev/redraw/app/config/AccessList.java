package dev.redraw.app.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Objects;
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

    /** An id listed twice counts once. */
    @JsonCreator
    static AccessList read(
            @JsonProperty("users") Set<ScopedId> users,
            @JsonProperty("chats") Set<ScopedId> chats,
            @JsonProperty("guilds") @JsonDeserialize(contentUsing = ConfigBinding.Guild.class) Set<ScopedId> guilds) {
        return new AccessList(
                Objects.requireNonNullElse(users, Set.of()),
                Objects.requireNonNullElse(chats, Set.of()),
                Objects.requireNonNullElse(guilds, Set.of()));
    }
}

package dev.redraw.app.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Set;

/**
 * Who may use the bot.
 *
 * @param admins user ids exempt from quotas who may also see everyone's usage
 * @param allow who may use the bot; an empty set in it allows everyone
 * @param deny who may not use the bot; deny wins over allow
 */
public record AccessConfig(Set<ScopedId> admins, AccessList allow, AccessList deny) {

    public AccessConfig {
        admins = Set.copyOf(Values.require(admins, "admins"));
        Values.require(allow, "allow");
        Values.require(deny, "deny");
    }

    /** No admins, and everyone allowed. */
    public static AccessConfig defaults() {
        return new AccessConfig(Set.of(), AccessList.empty(), AccessList.empty());
    }

    @JsonCreator
    static AccessConfig read(
            @JsonProperty("admins") Set<ScopedId> admins,
            @JsonProperty("allow") AccessList allow,
            @JsonProperty("deny") AccessList deny) {
        return new AccessConfig(Objects.requireNonNullElse(admins, Set.of()), allow, deny);
    }
}

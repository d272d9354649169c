package dev.redraw.discord;

import dev.redraw.core.settings.Memberships;
import net.dv8tion.jda.api.entities.Member;

/** What Discord says of a member's roles, from the event they acted in. */
final class Members {

    private Members() {}

    /** The roles {@code member} holds in their server; none outside a server. */
    static Memberships of(Member member) {
        if (member == null) {
            return Memberships.NONE;
        }
        String server = member.getGuild().getId();
        // Everyone holds the server's @everyone role, whose id is the server's.
        return (community, role) -> community.equals(server)
                && (role.equals(server)
                        || member.getRoles().stream()
                                .anyMatch(held -> held.getId().equals(role)));
    }
}

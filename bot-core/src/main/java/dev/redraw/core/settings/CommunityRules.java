package dev.redraw.core.settings;

import java.util.Objects;
import java.util.Optional;

/**
 * A community's rules beyond its remix switch: who may remix others' results where remixing is on,
 * and whether results are shared to its gallery without a press.
 *
 * @param remixRole the role a member needs to remix others' results: a Discord role's id, or {@link
 *     #ADMINS} for a Telegram group's administrators; empty for everyone
 * @param autoShare whether every result that may be shared goes to the gallery when it is posted
 */
public record CommunityRules(Optional<String> remixRole, boolean autoShare) {

    /** The role of a Telegram group's administrators (Telegram groups have no other roles). */
    public static final String ADMINS = "admins";

    /** A community no manager has set rules for: everyone may remix, nothing is shared by itself. */
    public static final CommunityRules DEFAULT = new CommunityRules(Optional.empty(), false);

    public CommunityRules {
        Objects.requireNonNull(remixRole, "remixRole");
    }
}

package dev.redraw.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.text.Messages;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private static final Origin ALICE = new Origin("telegram", "-100", "42");
    private static final Origin IN_GUILD = new Origin("discord", "chan", "7", Optional.of("g1"));
    private static final Origin DISCORD_DM = new Origin("discord", "dm", "7");

    private static AccessPolicy.Lists users(String... ids) {
        return new AccessPolicy.Lists(Set.of(ids), Set.of(), Set.of());
    }

    @Test
    void emptyListsAllowEveryone() {
        assertThat(said(AccessPolicy.OPEN, ALICE)).isEmpty();
        assertThat(said(AccessPolicy.OPEN, IN_GUILD)).isEmpty();
    }

    @Test
    void anAllowListAdmitsOnlyItsUsers() {
        var policy = new AccessPolicy(Set.of(), users("telegram:42"), AccessPolicy.Lists.EMPTY);

        assertThat(said(policy, ALICE)).isEmpty();
        assertThat(said(policy, new Origin("telegram", "-100", "43")))
                .hasValueSatisfying(m -> assertThat(m).contains("not one of them"));
    }

    @Test
    void theDenyListWinsOverTheAllowList() {
        var policy = new AccessPolicy(Set.of(), users("telegram:42"), users("telegram:42"));

        assertThat(said(policy, ALICE)).hasValue("You are not allowed to use this bot here.");
    }

    @Test
    void chatAndGuildListsApplyToTheirScope() {
        var chats = new AccessPolicy(
                Set.of(),
                new AccessPolicy.Lists(Set.of(), Set.of("telegram:-100"), Set.of()),
                AccessPolicy.Lists.EMPTY);
        var guilds = new AccessPolicy(
                Set.of(), new AccessPolicy.Lists(Set.of(), Set.of(), Set.of("discord:g1")), AccessPolicy.Lists.EMPTY);
        var deniedGuild = new AccessPolicy(
                Set.of(), AccessPolicy.Lists.EMPTY, new AccessPolicy.Lists(Set.of(), Set.of(), Set.of("discord:g1")));

        assertThat(said(chats, ALICE)).isEmpty();
        assertThat(said(chats, new Origin("telegram", "-200", "42"))).hasValue("This bot is not enabled in this chat.");
        assertThat(said(guilds, IN_GUILD)).isEmpty();
        assertThat(said(guilds, DISCORD_DM)).isPresent();
        assertThat(said(guilds, ALICE))
                .as("guild lists do not concern Telegram")
                .isEmpty();
        assertThat(said(deniedGuild, IN_GUILD)).isPresent();
    }

    @Test
    void administratorsAreAlwaysAllowedAndTheConsoleIsTheOperator() {
        var policy = new AccessPolicy(Set.of("telegram:42"), users("telegram:1"), users("telegram:42"));

        assertThat(policy.isAdmin(ALICE)).isTrue();
        assertThat(said(policy, ALICE)).isEmpty();
        assertThat(policy.isAdmin(new Origin("console", "local", "operator"))).isTrue();
        assertThat(policy.isAdmin(IN_GUILD)).isFalse();
    }

    /** The refusal as an English-speaking user reads it. */
    private static java.util.Optional<String> said(AccessPolicy policy, Origin origin) {
        return policy.refusal(origin).map(Messages.forLanguage("en")::reason);
    }
}

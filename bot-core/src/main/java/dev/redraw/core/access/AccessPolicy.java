package dev.redraw.core.access;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.refusal.Refusal;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use the bot. Ids are written {@code platform:id}. An empty allow-list allows everyone; a
 * deny-list wins over an allow-list; administrators are always allowed and are exempt from quotas.
 * The console is the operator's own terminal, so its user counts as an administrator.
 */
public record AccessPolicy(Set<String> admins, Lists allow, Lists deny) {

    public static final AccessPolicy OPEN = new AccessPolicy(Set.of(), Lists.EMPTY, Lists.EMPTY);

    static final String CONSOLE = "console";

    public AccessPolicy {
        admins = Set.copyOf(admins);
    }

    public boolean isAdmin(Origin origin) {
        return origin.platform().equals(CONSOLE) || admins.contains(origin.userKey());
    }

    /** Why this origin may not use the bot; empty when it may. */
    public Optional<Refusal> refusal(Origin origin) {
        if (isAdmin(origin)) {
            return Optional.empty();
        }
        String user = origin.userKey();
        String chat = origin.platform() + ":" + origin.chatId();
        Optional<String> guild = origin.guildId().map(id -> origin.platform() + ":" + id);
        if (deny.users().contains(user)
                || deny.chats().contains(chat)
                || guild.filter(deny.guilds()::contains).isPresent()) {
            return Optional.of(new Refusal.NotAllowed(Refusal.NotAllowed.Reason.DENIED));
        }
        if (!allow.users().isEmpty() && !allow.users().contains(user)) {
            return Optional.of(new Refusal.NotAllowed(Refusal.NotAllowed.Reason.USER_NOT_LISTED));
        }
        if (!allow.chats().isEmpty() && !allow.chats().contains(chat)) {
            return Optional.of(new Refusal.NotAllowed(Refusal.NotAllowed.Reason.CHAT_NOT_ENABLED));
        }
        boolean guildPlatform =
                origin.guildId().isPresent() || origin.platform().equals("discord");
        if (guildPlatform
                && !allow.guilds().isEmpty()
                && guild.filter(allow.guilds()::contains).isEmpty()) {
            return Optional.of(new Refusal.NotAllowed(Refusal.NotAllowed.Reason.SERVER_NOT_ENABLED));
        }
        return Optional.empty();
    }

    /** Users, chats and guilds, each as {@code platform:id}. */
    public record Lists(Set<String> users, Set<String> chats, Set<String> guilds) {
        public static final Lists EMPTY = new Lists(Set.of(), Set.of(), Set.of());

        public Lists {
            users = Set.copyOf(users);
            chats = Set.copyOf(chats);
            guilds = Set.copyOf(guilds);
        }
    }
}

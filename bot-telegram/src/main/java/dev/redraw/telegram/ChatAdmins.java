package dev.redraw.telegram;

import dev.redraw.core.request.Preferences;
import dev.redraw.core.settings.CommunityRules;
import dev.redraw.core.settings.Memberships;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberAdministrator;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Who administers a chat, as Telegram says: a group's only role ({@link CommunityRules#ADMINS}), and
 * the rights the bot has in a gallery channel. Asked when needed, never assumed: a failed question
 * answers "no".
 */
record ChatAdmins(TelegramApi api) {

    /** Whether {@code user} is the creator or an administrator of {@code chat}. */
    boolean isAdmin(String chat, long user) {
        return member(chat, user)
                .map(member -> member.getStatus().equals("creator")
                        || member.getStatus().equals("administrator"))
                .orElse(false);
    }

    /** Whether {@code user} is the creator or an administrator of {@code chat}. */
    boolean isAdmin(long chat, long user) {
        return isAdmin(Long.toString(chat), user);
    }

    /**
     * Whether the bot ({@code bot}) may post in {@code chat}: a channel's creator or an administrator
     * allowed to post; in a group, any member who is not restricted.
     */
    boolean mayPost(String chat, long bot, boolean channel) {
        return member(chat, bot)
                .map(member -> switch (member.getStatus()) {
                    case "creator" -> true;
                    case "administrator" ->
                        !channel
                                || member instanceof ChatMemberAdministrator admin
                                        && Boolean.TRUE.equals(admin.getCanPostMessages());
                    case "member" -> !channel;
                    default -> false;
                })
                .orElse(false);
    }

    /** The asker's standing in the chat a command was sent in. */
    Preferences.ChatRole roleOf(CommandContext context) {
        if (context.message().isUserMessage()) {
            return Preferences.ChatRole.PRIVATE_CHAT;
        }
        return isAdmin(context.chat(), context.message().getFrom().getId())
                ? Preferences.ChatRole.ADMIN
                : Preferences.ChatRole.MEMBER;
    }

    /** What the platform says of {@code user}'s roles: a Telegram group's administrators only. */
    Memberships of(long user) {
        return (community, role) -> role.equals(CommunityRules.ADMINS) && isAdmin(community, user);
    }

    private java.util.Optional<ChatMember> member(String chat, long user) {
        try {
            return java.util.Optional.ofNullable(api.execute(
                    GetChatMember.builder().chatId(chat).userId(user).build()));
        } catch (TelegramApiException e) {
            return java.util.Optional.empty();
        }
    }
}

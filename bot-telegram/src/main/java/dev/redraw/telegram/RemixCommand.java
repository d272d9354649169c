package dev.redraw.telegram;

import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.Preferences;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * /remix on|off: whether everyone in a group may use the buttons under results. Telegram says who
 * administers the chat; the core decides who may switch.
 */
record RemixCommand(TelegramApi api, ChatServices core) implements TelegramCommand {

    @Override
    public String name() {
        return "remix";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        long chat = context.chat();
        Preferences.ChatRole role;
        if (context.message().isUserMessage()) {
            role = Preferences.ChatRole.PRIVATE_CHAT;
        } else {
            role = isChatAdmin(chat, context.message().getFrom().getId())
                    ? Preferences.ChatRole.ADMIN
                    : Preferences.ChatRole.MEMBER;
        }
        boolean on = !context.rest().equalsIgnoreCase("off");
        String answer = switch (core.preferences().switchRemix(context.origin(), role, on)) {
            case Preferences.RemixSwitch.Switched switched ->
                switched.allowed() ? context.texts().remixOn() : context.texts().remixOff();
            case Preferences.RemixSwitch.NotAdmin ignored -> context.texts().notAdmin();
            case Preferences.RemixSwitch.PrivateChat ignored -> context.texts().notAdmin();
        };
        context.reply(answer);
    }

    private boolean isChatAdmin(long chat, long user) {
        try {
            String status = api.execute(
                            GetChatMember.builder().chatId(chat).userId(user).build())
                    .getStatus();
            return status.equals("creator") || status.equals("administrator");
        } catch (TelegramApiException e) {
            return false;
        }
    }
}

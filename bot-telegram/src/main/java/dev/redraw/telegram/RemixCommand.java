package dev.redraw.telegram;

import dev.redraw.core.request.ChatServices;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** /remix on|off: whether everyone in a group may use the buttons under results; chat admins only. */
record RemixCommand(TelegramApi api, ChatServices core) implements TelegramCommand {

    @Override
    public String name() {
        return "remix";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        long chat = context.chat();
        if (context.message().isUserMessage()
                || !isChatAdmin(chat, context.message().getFrom().getId())) {
            context.reply(context.texts().notAdmin());
            return;
        }
        boolean on = !context.rest().equalsIgnoreCase("off");
        core.settings().setRemixAllowed(UpdateHandler.PLATFORM, Long.toString(chat), on);
        context.reply(on ? context.texts().remixOn() : context.texts().remixOff());
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

package dev.redraw.telegram;

import dev.redraw.core.request.ChatServices;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** /usage: what the user has used of their allowance. */
record UsageCommand(ChatServices core) implements TelegramCommand {

    @Override
    public String name() {
        return "usage";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        context.reply(context.texts().usage(core.desk().usage(context.origin())));
    }
}

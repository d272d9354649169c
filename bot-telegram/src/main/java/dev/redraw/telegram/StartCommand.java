package dev.redraw.telegram;

import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** /start: the welcome. */
record StartCommand(UpdateHandler.Bot bot) implements TelegramCommand {

    @Override
    public String name() {
        return "start";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        context.reply(context.texts().welcome(bot.username()));
    }
}

package dev.redraw.telegram;

import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** /help: what the bot does and how to ask it. */
record HelpCommand(UpdateHandler.Bot bot) implements TelegramCommand {

    @Override
    public String name() {
        return "help";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        context.reply(context.texts().help(bot.username()));
    }
}

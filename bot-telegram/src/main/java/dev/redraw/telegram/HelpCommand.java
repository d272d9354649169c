package dev.redraw.telegram;

import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** /help: what the bot does on Telegram and how to ask it, naming the bot by its username. */
record HelpCommand(UpdateHandler.Bot bot) implements TelegramCommand {

    @Override
    public String name() {
        return "help";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        context.reply(context.texts().telegramHelp(bot.username()));
    }
}

package dev.redraw.telegram;

import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** /start: the welcome. */
final class StartCommand implements TelegramCommand {

    private final UpdateHandler.Bot bot;

    StartCommand(UpdateHandler.Bot bot) {
        this.bot = bot;
    }

    @Override
    public String name() {
        return "start";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        context.reply(context.texts().welcome(bot.username()));
    }
}

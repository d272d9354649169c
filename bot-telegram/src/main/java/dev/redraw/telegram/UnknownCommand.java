package dev.redraw.telegram;

import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * A command the bot does not have: a hint at /help where it is surely meant for this bot (a private
 * chat, or {@code /command@bot}); in groups a bare one may be another bot's, so it is left alone.
 */
record UnknownCommand() implements TelegramCommand {

    @Override
    public String name() {
        return "";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        if (context.message().isUserMessage() || context.command().named()) {
            context.reply(context.texts().unknownCommand(context.command().name()));
        }
    }
}

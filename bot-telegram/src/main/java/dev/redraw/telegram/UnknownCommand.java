package dev.redraw.telegram;

import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** A command the bot does not know: the help in a private chat; in groups it may be another bot's. */
record UnknownCommand(HelpCommand help) implements TelegramCommand {

    @Override
    public String name() {
        return "";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        if (context.message().isUserMessage()) {
            help.run(context);
        }
    }
}

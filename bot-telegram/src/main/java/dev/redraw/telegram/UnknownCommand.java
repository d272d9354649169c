package dev.redraw.telegram;

import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** A command the bot does not know: the help in a private chat; in groups it may be another bot's. */
final class UnknownCommand implements TelegramCommand {

    private final HelpCommand help;

    UnknownCommand(HelpCommand help) {
        this.help = help;
    }

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

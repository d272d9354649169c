package dev.redraw.telegram;

import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** One of the bot's commands, such as {@code /imagine}. */
interface TelegramCommand {

    /** The command's name, without the slash: {@code imagine}. */
    String name();

    void run(CommandContext context) throws TelegramApiException;
}

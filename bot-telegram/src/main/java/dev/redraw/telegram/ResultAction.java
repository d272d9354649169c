package dev.redraw.telegram;

import dev.redraw.core.conversation.Turn;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** What one of the buttons under a result does, once the press is allowed. */
interface ResultAction {

    /** @param answer the model turn the result shows */
    void act(ButtonPress press, Turn answer) throws TelegramApiException;
}

package dev.redraw.telegram;

import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** One kind of button the bot posts, known by the prefix of its callback data. */
interface TelegramButton {

    /** The start of the callback data of every button of this kind; no kind's prefix starts another's. */
    String prefix();

    void press(ButtonPress press) throws TelegramApiException;
}

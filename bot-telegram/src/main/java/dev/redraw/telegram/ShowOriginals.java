package dev.redraw.telegram;

import dev.redraw.core.conversation.Turn;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** Original: the result's images as files, uncompressed. */
record ShowOriginals(Delivery delivery) implements ResultAction {

    @Override
    public void act(ButtonPress press, Turn answer) throws TelegramApiException {
        delivery.sendOriginals(press.chat(), press.messageId(), answer, press.texts());
        press.answer("");
    }
}

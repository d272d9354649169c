package dev.redraw.telegram;

import dev.redraw.core.conversation.Turn;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** Original: the result's images as files, uncompressed. */
final class ShowOriginals implements ResultAction {

    private final Delivery delivery;

    ShowOriginals(Delivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void act(ButtonPress press, Turn answer) throws TelegramApiException {
        delivery.sendOriginals(press.chat(), press.messageId(), answer, press.texts());
        press.answer("");
    }
}

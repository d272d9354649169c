package dev.redraw.telegram;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.text.Messages;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;

/**
 * A press of a button: the query, its callback data, the message the button is under, the
 * presser's language, and a way to answer.
 */
record ButtonPress(
        CallbackQuery query, String data, MaybeInaccessibleMessage message, Messages texts, Replies replies) {

    long chat() {
        return message.getChatId();
    }

    int messageId() {
        return message.getMessageId();
    }

    /** The chat the button is in and the user who pressed it. */
    Origin presser() {
        return UpdateHandler.origin(chat(), query.getFrom());
    }

    /** Answers the press, with a short notice unless {@code text} is blank. */
    void answer(String text) {
        replies.answer(query.getId(), text);
    }

    /** Answers the press with an alert the user dismisses, for what they must read: a refusal. */
    void alert(String text) {
        replies.alert(query.getId(), text);
    }

    /** Replaces the text of the message the button is under. */
    void edit(String text) {
        replies.edit(chat(), messageId(), text);
    }

    /** Replaces the text of the message the button is under, keeping {@code buttons} under it. */
    void edit(String text, InlineKeyboardMarkup buttons) {
        replies.edit(chat(), messageId(), text, buttons);
    }
}

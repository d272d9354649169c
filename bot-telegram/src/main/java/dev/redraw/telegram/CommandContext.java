package dev.redraw.telegram;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.text.Messages;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** A command as a user sent it: the command, its message, the user's language, and a way to reply. */
record CommandContext(Incoming.Command command, Message message, Messages texts, Replies replies) {

    long chat() {
        return message.getChatId();
    }

    int messageId() {
        return message.getMessageId();
    }

    /** The text after the command. */
    String rest() {
        return command.rest();
    }

    /** The chat and user the command came from. */
    Origin origin() {
        return UpdateHandler.origin(chat(), message.getFrom());
    }

    /** Replies to the command's message. */
    void reply(String text) throws TelegramApiException {
        replies.reply(chat(), messageId(), text);
    }
}

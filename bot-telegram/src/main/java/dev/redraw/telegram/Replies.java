package dev.redraw.telegram;

import java.util.List;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboard;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** Text replies to a user's message, split to Telegram's 4096 characters, and answers to button presses. */
final class Replies {

    /** The most characters Telegram shows in a button press's answer. */
    static final int ALERT_LIMIT = 200;

    private final TelegramApi api;

    Replies(TelegramApi api) {
        this.api = api;
    }

    /** Replies with {@code text}; returns the messages sent, first to last. */
    List<Message> reply(long chatId, Integer replyTo, String text) throws TelegramApiException {
        var sent = new java.util.ArrayList<Message>();
        for (String part : dev.redraw.core.text.ChatText.split(text)) {
            var message = SendMessage.builder().chatId(chatId).text(part);
            if (replyTo != null) {
                message.replyParameters(ReplyParameters.builder()
                        .messageId(replyTo)
                        .allowSendingWithoutReply(true)
                        .build());
            }
            sent.add(api.execute(message.build()));
        }
        return sent;
    }

    /**
     * Sends {@code text}, which carries a private link, with no link preview: Telegram would fetch
     * the page to preview it. Replies to {@code replyTo} when it is given.
     */
    Message sendLink(long chatId, Integer replyTo, String text) throws TelegramApiException {
        var message = SendMessage.builder()
                .chatId(chatId)
                .text(text)
                .linkPreviewOptions(
                        LinkPreviewOptions.builder().isDisabled(true).build());
        if (replyTo != null) {
            message.replyParameters(ReplyParameters.builder()
                    .messageId(replyTo)
                    .allowSendingWithoutReply(true)
                    .build());
        }
        return api.execute(message.build());
    }

    /** Like {@link #reply} when a failure to reply can only be logged. */
    void tell(long chatId, Integer replyTo, String text) {
        try {
            reply(chatId, replyTo, text);
        } catch (TelegramApiException e) {
            org.slf4j.LoggerFactory.getLogger(Replies.class).warn("could not reply in a chat: {}", e.getMessage());
        }
    }

    /** Replies with {@code text} and {@code markup} (buttons, or a request to reply); returns the message. */
    Message replyWith(long chatId, int replyTo, String text, ReplyKeyboard markup) throws TelegramApiException {
        return api.execute(SendMessage.builder()
                .chatId(chatId)
                .text(text)
                .replyParameters(ReplyParameters.builder().messageId(replyTo).build())
                .replyMarkup(markup)
                .build());
    }

    /** Answers a button press, with a short notice unless {@code text} is blank; a failure can only be logged. */
    void answer(String callbackQueryId, String text) {
        var answer = AnswerCallbackQuery.builder().callbackQueryId(callbackQueryId);
        if (!text.isBlank()) {
            answer.text(text);
        }
        api.quietly(answer.build());
    }

    /**
     * Answers a button press with {@code text} in an alert the user dismisses, shortened to the
     * 200 characters Telegram shows; a failure can only be logged.
     */
    void alert(String callbackQueryId, String text) {
        api.quietly(AnswerCallbackQuery.builder()
                .callbackQueryId(callbackQueryId)
                .text(dev.redraw.core.text.ChatText.caption(text, "", ALERT_LIMIT))
                .showAlert(true)
                .build());
    }

    /** Replaces the text of one of the bot's messages; a failure can only be logged. */
    void edit(long chatId, int messageId, String text) {
        api.quietly(EditMessageText.builder()
                .chatId(chatId)
                .messageId(messageId)
                .text(text)
                .build());
    }

    /**
     * Replaces the text of one of the bot's messages and keeps {@code markup} under it (an edit
     * without buttons takes them away); a failure can only be logged.
     */
    void edit(long chatId, int messageId, String text, InlineKeyboardMarkup markup) {
        api.quietly(EditMessageText.builder()
                .chatId(chatId)
                .messageId(messageId)
                .text(text)
                .replyMarkup(markup)
                .build());
    }

    static InlineKeyboardMarkup keyboard(List<List<InlineKeyboardButton>> rows) {
        return InlineKeyboardMarkup.builder()
                .keyboard(rows.stream().map(InlineKeyboardRow::new).toList())
                .build();
    }

    static InlineKeyboardButton button(String text, String data) {
        return InlineKeyboardButton.builder().text(text).callbackData(data).build();
    }
}

package dev.redraw.telegram;

import java.util.List;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** /forget: asks whether to forget the user's history, with buttons to confirm or keep it. */
final class ForgetCommand implements TelegramCommand {

    @Override
    public String name() {
        return "forget";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        var texts = context.texts();
        context.replies()
                .replyWith(
                        context.chat(),
                        context.messageId(),
                        texts.forgetConfirm(),
                        Replies.keyboard(List.of(List.of(
                                Replies.button(texts.forgetButton(), ForgetButtons.FORGET_YES),
                                Replies.button(texts.keepButton(), ForgetButtons.FORGET_NO)))));
    }
}

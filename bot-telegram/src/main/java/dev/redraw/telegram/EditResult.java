package dev.redraw.telegram;

import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.request.ChatServices;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ForceReplyKeyboard;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** Edit: asks what to change; a reply to the question continues the branch of the image it is about. */
record EditResult(ChatServices core) implements ResultAction {

    @Override
    public void act(ButtonPress press, Turn answer) throws TelegramApiException {
        var question = press.replies()
                .replyWith(
                        press.chat(),
                        press.messageId(),
                        press.texts().editPrompt(),
                        ForceReplyKeyboard.builder()
                                .forceReply(true)
                                .selective(true)
                                .inputFieldPlaceholder(press.texts().editPlaceholder())
                                .build());
        core.links()
                .link(
                        new MessageRef(
                                UpdateHandler.PLATFORM,
                                Long.toString(press.chat()),
                                Integer.toString(question.getMessageId())),
                        answer);
        press.answer("");
    }
}

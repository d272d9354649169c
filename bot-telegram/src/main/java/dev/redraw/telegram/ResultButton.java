package dev.redraw.telegram;

import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.ResultActions;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * A button under a result (Reroll, Edit or Original): the core decides whether the presser may use
 * it and which turn it is about, then its action runs.
 */
record ResultButton(String prefix, ChatServices core, PostingChats posting, ChatAdmins admins, ResultAction action)
        implements TelegramButton {

    @Override
    public void press(ButtonPress press) throws TelegramApiException {
        var pressed = new MessageRef(
                UpdateHandler.PLATFORM, Long.toString(press.chat()), Integer.toString(press.messageId()));
        var who = admins.of(Long.parseLong(press.presser().userId()));
        var result = core.results().press(press.presser(), pressed, press.data(), who);
        if (result instanceof ResultActions.Press.Gone && posting.settle(press.chat())) {
            // The press may have overtaken the link of a result that was just posted.
            result = core.results().press(press.presser(), pressed, press.data(), who);
        }
        Turn answer;
        switch (result) {
            case ResultActions.Press.Allowed allowed -> answer = allowed.answer();
            case ResultActions.Press.NotAllowed ignored -> {
                press.answer(press.texts().remixNotAllowed());
                return;
            }
            case ResultActions.Press.Gone ignored -> {
                press.answer(press.texts().imageGone());
                return;
            }
            case ResultActions.Press.Forged ignored -> {
                press.answer(press.texts().imageGone());
                return;
            }
        }
        action.act(press, answer);
    }
}

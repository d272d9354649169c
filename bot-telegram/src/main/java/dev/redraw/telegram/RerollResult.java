package dev.redraw.telegram;

import dev.redraw.core.conversation.Turn;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.Submission;
import dev.redraw.core.text.Messages;
import java.util.Optional;

/** Reroll: the same request again, for a new image. */
record RerollResult(ChatServices core) implements ResultAction {

    @Override
    public void act(ButtonPress press, Turn answer) {
        var submission =
                core.desk().reroll(answer.id(), press.presser(), Optional.of(Integer.toString(press.messageId())));
        press.answer(
                submission instanceof Submission.Refused refused
                        ? press.texts().refusal(refused.refusal())
                        : press.texts().extra(Messages.Extra.REROLLING));
    }
}

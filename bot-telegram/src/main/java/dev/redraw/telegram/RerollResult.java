package dev.redraw.telegram;

import dev.redraw.core.conversation.Turn;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.Submission;
import dev.redraw.core.text.Messages;
import java.util.Optional;

/** Reroll: the same request again, for a new image. */
final class RerollResult implements ResultAction {

    private final ChatServices core;

    RerollResult(ChatServices core) {
        this.core = core;
    }

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

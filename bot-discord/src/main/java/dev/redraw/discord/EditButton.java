package dev.redraw.discord;

import dev.redraw.core.request.ResultButtons;
import dev.redraw.core.text.Messages;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;

/** Edit under a result: opens the edit modal for the result's turn, answered by {@link EditTurnModal}. */
final class EditButton implements ButtonHandler {

    private final ResultPress press;

    EditButton(ResultPress press) {
        this.press = press;
    }

    @Override
    public String prefix() {
        return ResultButtons.EDIT;
    }

    @Override
    public void onButton(ButtonInteractionEvent event, Messages texts) {
        press.answer(event, texts)
                .ifPresent(answer -> event.replyModal(
                                EditForm.modal(EditTurnModal.id(event.getMessageId(), answer.id()), texts))
                        .queue());
    }
}

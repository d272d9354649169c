package dev.redraw.discord;

import dev.redraw.core.request.RequestDesk;
import dev.redraw.core.request.ResultButtons;
import dev.redraw.core.request.Submission;
import dev.redraw.core.text.Messages;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;

/** Reroll under a result: runs the result's request again, into a new response. */
final class RerollButton implements ButtonHandler {

    private final ResultPress press;
    private final RequestDesk desk;
    private final Submitter submitter;
    private final UserPreferences users;

    RerollButton(ResultPress press, RequestDesk desk, Submitter submitter, UserPreferences users) {
        this.press = press;
        this.desk = desk;
        this.submitter = submitter;
        this.users = users;
    }

    @Override
    public String prefix() {
        return ResultButtons.REROLL;
    }

    @Override
    public void onButton(ButtonInteractionEvent event, Messages texts) {
        press.answer(event, texts).ifPresent(answer -> {
            InteractionHook hook = users.defer(event);
            String requestId = submitter.expectResponse(event);
            if (desk.reroll(answer.id(), Origins.of(event), Optional.of(requestId))
                    instanceof Submission.Refused refused) {
                hook.editOriginal(texts.refusal(refused.refusal())).queue();
                submitter.answered(requestId);
            }
        });
    }
}

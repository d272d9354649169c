package dev.redraw.discord;

import dev.redraw.core.job.JobRunner;
import dev.redraw.core.request.RequestDesk;
import dev.redraw.core.text.Messages;
import dev.redraw.core.text.TypedNumber;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;

/**
 * A bare /cancel's choices: each button cancels one job. The job number in the button's id is only
 * a claim: the core cancels it only for the user who asked for it, in the channel it was asked in.
 */
final class CancelButtons implements ButtonHandler {

    static final String PREFIX = "c:";

    private final RequestDesk desk;

    CancelButtons(RequestDesk desk) {
        this.desk = desk;
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public void onButton(ButtonInteractionEvent event, Messages texts) {
        if (!(TypedNumber.parse(event.getComponentId().substring(PREFIX.length()), TypedNumber.Kind.JOB)
                instanceof TypedNumber.Valid job)) {
            // No button of ours carries such an id: acknowledged, nothing changes.
            event.deferEdit().queue();
            return;
        }
        JobRunner.CancelResult result = desk.cancelChosen(job.value(), Origins.of(event));
        String answer = texts.cancelResult(result, job.value());
        if (result == JobRunner.CancelResult.NOT_YOURS) {
            event.reply(answer).setEphemeral(true).queue();
        } else {
            event.editMessage(answer).setComponents().queue();
        }
    }
}

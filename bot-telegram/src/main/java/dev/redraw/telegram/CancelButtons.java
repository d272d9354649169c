package dev.redraw.telegram;

import dev.redraw.core.job.JobRunner;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.text.TypedNumber;

/**
 * A bare /cancel's choices: each button cancels one job. The job number in the button's data is
 * only a claim: the core cancels it only for the user who asked for it, in the chat it was asked in.
 */
record CancelButtons(ChatServices core) implements TelegramButton {

    static final String PREFIX = "c:";

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public void press(ButtonPress press) {
        if (!(TypedNumber.parse(press.data().substring(PREFIX.length()), TypedNumber.Kind.JOB)
                instanceof TypedNumber.Valid job)) {
            // No button of ours carries such data.
            press.answer("");
            return;
        }
        JobRunner.CancelResult result = core.desk().cancelChosen(job.value(), press.presser());
        String answer = press.texts().cancelResult(result, job.value());
        if (result == JobRunner.CancelResult.NOT_YOURS) {
            // Someone else's question stays as it is for them.
            press.answer(answer);
            return;
        }
        press.edit(answer);
        press.answer("");
    }
}

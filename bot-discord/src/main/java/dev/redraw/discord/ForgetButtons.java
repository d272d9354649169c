package dev.redraw.discord;

import dev.redraw.core.request.RequestDesk;
import dev.redraw.core.text.Messages;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;

/** The answer to /forget's question: deletes the user's conversations, or keeps them. */
final class ForgetButtons implements ButtonHandler {

    static final String PREFIX = "f:";
    static final String YES = PREFIX + "y";
    static final String NO = PREFIX + "n";

    private final RequestDesk desk;
    private final Runnable forgotten;

    /** @param forgotten run after a user's history is forgotten: their gallery posts go too */
    ForgetButtons(RequestDesk desk, Runnable forgotten) {
        this.desk = desk;
        this.forgotten = forgotten;
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public void onButton(ButtonInteractionEvent event, Messages texts) {
        String answer;
        if (event.getComponentId().equals(YES)) {
            boolean busy = desk.forget(Origins.of(event)).isPresent();
            if (!busy) {
                forgotten.run();
            }
            answer = busy ? texts.forgetBusy() : texts.forgetDone();
        } else {
            answer = texts.extra(Messages.Extra.FORGET_KEPT);
        }
        event.editMessage(answer).setComponents().queue();
    }
}

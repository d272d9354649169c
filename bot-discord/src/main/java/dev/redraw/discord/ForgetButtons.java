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

    ForgetButtons(RequestDesk desk) {
        this.desk = desk;
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public void onButton(ButtonInteractionEvent event, Messages texts) {
        String answer = event.getComponentId().equals(YES)
                ? desk.forget(Origins.of(event)).map(busy -> texts.forgetBusy()).orElse(texts.forgetDone())
                : texts.extra(Messages.Extra.FORGET_KEPT);
        event.editMessage(answer).setComponents().queue();
    }
}

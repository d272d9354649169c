package dev.redraw.discord;

import dev.redraw.core.text.Messages;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;

/** One kind of button: answers presses of buttons whose custom id starts with its {@link #prefix()}. */
interface ButtonHandler {

    String prefix();

    /** @param texts the user's language, already remembered for later deliveries */
    void onButton(ButtonInteractionEvent event, Messages texts);
}

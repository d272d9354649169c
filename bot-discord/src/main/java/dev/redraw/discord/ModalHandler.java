package dev.redraw.discord;

import dev.redraw.core.text.Messages;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;

/** One kind of modal: answers submissions of modals whose id starts with its {@link #prefix()}. */
interface ModalHandler {

    String prefix();

    /**
     * The modal's id comes back from the client: whatever it names is checked again here.
     *
     * @param texts the user's language, already remembered for later deliveries
     */
    void onModal(ModalInteractionEvent event, Messages texts);
}

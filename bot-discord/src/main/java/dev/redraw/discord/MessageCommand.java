package dev.redraw.discord;

import dev.redraw.core.text.Messages;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;

/** One message context-menu command: answers the command of its {@link #name()}. */
interface MessageCommand {

    String name();

    /** @param texts the user's language, already remembered for later deliveries */
    void onMessageCommand(MessageContextInteractionEvent event, Messages texts);
}

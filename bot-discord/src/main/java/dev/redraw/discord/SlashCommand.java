package dev.redraw.discord;

import dev.redraw.core.text.Messages;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/** One slash command: answers the command of its {@link #name()}. */
interface SlashCommand {

    String name();

    /** @param texts the user's language, already remembered for later deliveries */
    void onSlash(SlashCommandInteractionEvent event, Messages texts);

    /** The option's value as text, if the user gave it. */
    static Optional<String> option(SlashCommandInteractionEvent event, String name) {
        return Optional.ofNullable(event.getOption(name)).map(OptionMapping::getAsString);
    }
}

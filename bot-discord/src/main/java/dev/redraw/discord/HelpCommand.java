package dev.redraw.discord;

import dev.redraw.core.text.Messages;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;

/** /help, and the answer to any command the bot does not know. */
final class HelpCommand implements SlashCommand {

    @Override
    public String name() {
        return "help";
    }

    @Override
    public void onSlash(SlashCommandInteractionEvent event, Messages texts) {
        event.reply(texts.help("redraw")).setEphemeral(true).queue();
    }
}

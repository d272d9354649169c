package dev.redraw.discord;

import dev.redraw.core.text.Messages;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.SelfUser;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;

/**
 * /help, and the answer to any command the bot does not know: Discord's own commands, the bot by
 * the name it has here, and whether messages to it are read.
 */
final class HelpCommand implements SlashCommand {

    private final boolean readsMessages;

    /** @param readsMessages whether the bot has the message-content intent */
    HelpCommand(boolean readsMessages) {
        this.readsMessages = readsMessages;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public void onSlash(SlashCommandInteractionEvent event, Messages texts) {
        event.reply(text(event.getJDA(), texts)).setEphemeral(true).queue();
    }

    String text(JDA jda, Messages texts) {
        SelfUser self = jda.getSelfUser();
        return texts.discordHelp(self.getEffectiveName(), self.getAsMention(), readsMessages);
    }
}

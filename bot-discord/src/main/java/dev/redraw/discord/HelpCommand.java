package dev.redraw.discord;

import dev.redraw.core.text.Messages;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.SelfUser;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;

/**
 * /help, and the answer to any command the bot does not know: Discord's own commands, the bot by
 * the name it has here, whether messages to it are read, and how many images a command takes.
 */
final class HelpCommand implements SlashCommand {

    private final boolean readsMessages;
    private final int imageLimit;

    /**
     * @param readsMessages whether the bot has the message-content intent
     * @param imageLimit the most images /imagine and /blend take ({@link CommandDefinitions#imageLimit})
     */
    HelpCommand(boolean readsMessages, int imageLimit) {
        this.readsMessages = readsMessages;
        this.imageLimit = imageLimit;
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
        return texts.discordHelp(self.getEffectiveName(), self.getAsMention(), readsMessages, imageLimit);
    }
}

package dev.redraw.discord;

import dev.redraw.core.request.RequestDesk;
import dev.redraw.core.text.Messages;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;

/** /usage: the user's quota and what they used of it. */
final class UsageCommand implements SlashCommand {

    private final RequestDesk desk;

    UsageCommand(RequestDesk desk) {
        this.desk = desk;
    }

    @Override
    public String name() {
        return "usage";
    }

    @Override
    public void onSlash(SlashCommandInteractionEvent event, Messages texts) {
        event.reply(texts.usage(desk.usage(Origins.of(event))))
                .setEphemeral(true)
                .queue();
    }
}

package dev.redraw.discord;

import dev.redraw.core.conversation.Origin;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.interactions.Interaction;

/** Where an interaction comes from, as the core names it. */
final class Origins {

    private Origins() {}

    static Origin of(Interaction interaction) {
        return new Origin(
                DiscordDelivery.PLATFORM,
                interaction.getChannelId(),
                interaction.getUser().getId(),
                Optional.ofNullable(interaction.getGuild()).map(Guild::getId));
    }

    /** Where a message comes from: its channel, its author, and its server if it has one. */
    static Origin of(MessageReceivedEvent event) {
        return new Origin(
                DiscordDelivery.PLATFORM,
                event.getChannel().getId(),
                event.getAuthor().getId(),
                event.isFromGuild() ? Optional.of(event.getGuild().getId()) : Optional.empty());
    }
}

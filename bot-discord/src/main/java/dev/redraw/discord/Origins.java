package dev.redraw.discord;

import dev.redraw.core.conversation.Origin;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Guild;
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
}

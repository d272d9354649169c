package dev.redraw.discord;

import dev.redraw.core.request.Preferences;
import dev.redraw.core.text.Messages;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;

/** What the bot keeps of a Discord user: the language to answer in, and whether results are private. */
final class UserPreferences {

    private final Preferences preferences;
    private final Responses responses;

    UserPreferences(Preferences preferences, Responses responses) {
        this.preferences = preferences;
        this.responses = responses;
    }

    /** The language of the user's client, remembered so results delivered later speak it too. */
    Messages texts(Interaction interaction) {
        String locale = interaction.getUserLocale().getLocale();
        preferences.speaks(DiscordDelivery.PLATFORM, interaction.getUser().getId(), locale);
        return Messages.forLanguage(locale);
    }

    /** The language last remembered for the user, for messages, which do not carry one. */
    Messages remembered(User user) {
        return Messages.forLanguage(
                preferences.language(DiscordDelivery.PLATFORM, user.getId()).orElse(null));
    }

    /** Whether the user's results are shown to them alone. */
    boolean privately(User user) {
        return preferences.privateResults(DiscordDelivery.PLATFORM, user.getId());
    }

    /**
     * Defers the response, shown to the user alone if they chose private results; recorded first,
     * so that a start after a crash still answers it.
     */
    InteractionHook defer(IReplyCallback interaction) {
        responses.deferring(interaction);
        return interaction.deferReply(privately(interaction.getUser())).complete();
    }
}

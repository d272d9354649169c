package dev.redraw.discord;

import dev.redraw.core.settings.SettingsStore;
import dev.redraw.core.settings.UserSettings;
import dev.redraw.core.text.Messages;
import java.util.Optional;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;

/** What the bot keeps of a Discord user: the language to answer in, and whether results are private. */
final class UserPreferences {

    private final SettingsStore settings;
    private final Responses responses;

    UserPreferences(SettingsStore settings, Responses responses) {
        this.settings = settings;
        this.responses = responses;
    }

    /** The language of the user's client, remembered so results delivered later speak it too. */
    Messages texts(Interaction interaction) {
        String id = interaction.getUser().getId();
        String locale = interaction.getUserLocale().getLocale();
        UserSettings known = settings.user(DiscordDelivery.PLATFORM, id);
        if (!known.language().equals(Optional.of(locale))) {
            settings.saveUser(DiscordDelivery.PLATFORM, id, known.withLanguage(Optional.of(locale)));
        }
        return Messages.forLanguage(locale);
    }

    /** The language last remembered for the user, for messages, which do not carry one. */
    Messages remembered(User user) {
        return Messages.forLanguage(
                settings.user(DiscordDelivery.PLATFORM, user.getId()).language().orElse(null));
    }

    /** Whether the user's results are shown to them alone. */
    boolean privately(User user) {
        return settings.user(DiscordDelivery.PLATFORM, user.getId()).privateResults();
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

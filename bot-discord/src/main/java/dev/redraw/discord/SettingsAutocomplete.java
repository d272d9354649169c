package dev.redraw.discord;

import dev.redraw.core.request.Preferences;
import dev.redraw.core.text.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/**
 * Suggests the ratios or sizes of /settings that the model takes: the model chosen in the same
 * command, else the user's; and the choice that leaves the setting to the model's default. The
 * same choices as Telegram's menu. What the user types instead is checked when the command runs.
 */
final class SettingsAutocomplete {

    static final String RATIO = "ratio";
    static final String SIZE = "size";

    private final Preferences preferences;

    SettingsAutocomplete(Preferences preferences) {
        this.preferences = preferences;
    }

    /** Whether this completes the focused option of {@code event}. */
    static boolean handles(CommandAutoCompleteInteractionEvent event) {
        String focused = event.getFocusedOption().getName();
        return event.getName().equals("settings") && (focused.equals(RATIO) || focused.equals(SIZE));
    }

    void onAutocomplete(CommandAutoCompleteInteractionEvent event) {
        Messages texts = Messages.forLanguage(event.getUserLocale().getLocale());
        String model = Optional.ofNullable(event.getOption("model"))
                .map(OptionMapping::getAsString)
                .filter(preferences.models()::contains)
                .orElseGet(() -> preferences
                        .of(DiscordDelivery.PLATFORM, event.getUser().getId())
                        .model());
        Preferences.Choices offered = preferences.choices(model);
        boolean ratio = event.getFocusedOption().getName().equals(RATIO);
        List<String> values = ratio ? offered.ratios() : offered.sizes();
        String typed = event.getFocusedOption().getValue().strip().toLowerCase(Locale.ROOT);
        List<Command.Choice> choices = new ArrayList<>();
        values.stream()
                .filter(value -> value.toLowerCase(Locale.ROOT).startsWith(typed))
                .forEach(value -> choices.add(new Command.Choice(value, value)));
        if (ratio || !values.isEmpty()) {
            choices.add(new Command.Choice(
                    ratio ? texts.ratioDefaultButton() : texts.sizeDefaultButton(), SettingsCommand.DEFAULT));
        }
        event.replyChoices(choices).queue();
    }
}

package dev.redraw.discord;

import dev.redraw.core.request.Preferences;
import dev.redraw.core.text.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/**
 * Suggests the ratios or sizes the model takes, for /imagine, /blend and /settings: the model
 * chosen in the same command, else the user's. /imagine and /blend also suggest the model's pixel
 * sizes for the ratio; /settings adds the choice that leaves the setting to the model's default.
 * The same ratios as Telegram's menu. What the user types instead is checked when the command runs.
 */
final class RequestAutocomplete {

    static final String RATIO = "ratio";
    static final String SIZE = "size";

    /** Discord shows at most 25 choices. */
    static final int CHOICES = 25;

    private static final Set<String> COMMANDS = Set.of("imagine", "blend", "settings");

    private final Preferences preferences;

    RequestAutocomplete(Preferences preferences) {
        this.preferences = preferences;
    }

    /** Whether this completes the focused option of {@code event}. */
    static boolean handles(CommandAutoCompleteInteractionEvent event) {
        String focused = event.getFocusedOption().getName();
        return COMMANDS.contains(event.getName()) && (focused.equals(RATIO) || focused.equals(SIZE));
    }

    void onAutocomplete(CommandAutoCompleteInteractionEvent event) {
        Messages texts = Messages.forLanguage(event.getUserLocale().getLocale());
        // A model named in the command is only believed when this bot has it: the option is free text.
        String model = Optional.ofNullable(event.getOption("model"))
                .map(OptionMapping::getAsString)
                .filter(preferences.models()::contains)
                .orElseGet(() -> preferences
                        .of(DiscordDelivery.PLATFORM, event.getUser().getId())
                        .model());
        Preferences.Choices offered = preferences.choices(model);
        boolean ratio = event.getFocusedOption().getName().equals(RATIO);
        boolean settings = event.getName().equals("settings");
        List<String> values = ratio
                ? settings
                        ? offered.ratios()
                        : Stream.concat(offered.ratios().stream(), offered.pixels().stream())
                                .toList()
                : offered.sizes();
        String typed = event.getFocusedOption().getValue().strip().toLowerCase(Locale.ROOT);
        boolean withDefault = settings && (ratio || !values.isEmpty());
        List<Command.Choice> choices = new ArrayList<>();
        values.stream()
                .filter(value -> value.toLowerCase(Locale.ROOT).startsWith(typed))
                // A long list (gpt-image-2-vip's pixel sizes) never pushes the default out.
                .limit(withDefault ? CHOICES - 1 : CHOICES)
                .forEach(value -> choices.add(new Command.Choice(value, value)));
        if (withDefault) {
            choices.add(new Command.Choice(
                    ratio ? texts.ratioDefaultButton() : texts.sizeDefaultButton(), SettingsCommand.DEFAULT));
        }
        event.replyChoices(choices).queue();
    }
}

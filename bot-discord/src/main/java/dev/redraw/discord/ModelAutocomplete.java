package dev.redraw.discord;

import dev.redraw.core.request.GenerationService;
import java.util.Locale;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;

/** Suggests the models whose names contain what the user typed so far. */
final class ModelAutocomplete {

    private final GenerationService generation;

    ModelAutocomplete(GenerationService generation) {
        this.generation = generation;
    }

    void onAutocomplete(CommandAutoCompleteInteractionEvent event) {
        String typed = event.getFocusedOption().getValue().toLowerCase(Locale.ROOT);
        event.replyChoiceStrings(generation.models().stream()
                        .filter(model -> model.toLowerCase(Locale.ROOT).contains(typed))
                        .limit(RequestAutocomplete.CHOICES)
                        .toList())
                .queue();
    }
}

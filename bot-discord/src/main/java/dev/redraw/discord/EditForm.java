package dev.redraw.discord;

import dev.redraw.core.text.Messages;
import java.util.Optional;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;

/** The modal asking how to edit an image, and what was typed into it. */
final class EditForm {

    static final String INSTRUCTION = "instruction";

    private EditForm() {}

    static Modal modal(String id, Messages texts) {
        var input = TextInput.create(INSTRUCTION, TextInputStyle.PARAGRAPH)
                .setRequired(true)
                .build();
        return Modal.create(id, texts.extra(Messages.Extra.EDIT_IMAGE))
                .addComponents(Label.of(texts.editPrompt(), input))
                .build();
    }

    /**
     * What the user typed, what the modal's id names after its {@code prefix} (as the client sent it
     * back: to be checked), and the response to the submission, deferred as the user's results are.
     */
    record Submitted(String instruction, String target, InteractionHook hook) {

        static Submitted defer(ModalInteractionEvent event, String prefix, UserPreferences users) {
            String instruction = Optional.ofNullable(event.getValue(INSTRUCTION))
                    .map(ModalMapping::getAsString)
                    .orElse("");
            String target = event.getModalId().substring(prefix.length());
            return new Submitted(instruction, target, users.defer(event));
        }
    }
}

package dev.redraw.discord;

import dev.redraw.core.text.Messages;
import java.util.Optional;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
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

    static String instruction(ModalInteractionEvent event) {
        return Optional.ofNullable(event.getValue(INSTRUCTION))
                .map(ModalMapping::getAsString)
                .orElse("");
    }
}

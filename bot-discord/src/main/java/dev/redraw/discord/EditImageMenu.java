package dev.redraw.discord;

import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.text.Messages;
import java.util.OptionalLong;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;

/**
 * The Edit image context menu: opens the edit modal, for the turn a result of the bot shows or for
 * the images of any other message.
 */
final class EditImageMenu implements MessageCommand {

    private final ConversationStore conversations;

    EditImageMenu(ConversationStore conversations) {
        this.conversations = conversations;
    }

    @Override
    public String name() {
        return CommandDefinitions.EDIT_IMAGE;
    }

    @Override
    public void onMessageCommand(MessageContextInteractionEvent event, Messages texts) {
        Message target = event.getTarget();
        OptionalLong turn =
                conversations.resolve(new MessageRef(DiscordDelivery.PLATFORM, target.getChannelId(), target.getId()));
        String modalId;
        if (turn.isPresent()) {
            modalId = EditTurnModal.id(target.getId(), turn.getAsLong());
        } else if (target.getAttachments().stream().anyMatch(Message.Attachment::isImage)) {
            modalId = EditMessageModal.id(target);
        } else {
            event.reply(texts.notAnImage()).setEphemeral(true).queue();
            return;
        }
        event.replyModal(EditForm.modal(modalId, texts)).queue();
    }
}

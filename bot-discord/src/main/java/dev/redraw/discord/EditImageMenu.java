package dev.redraw.discord;

import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.request.ResultActions;
import dev.redraw.core.text.Messages;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;

/**
 * The Edit image context menu: opens the edit modal, for the turn a result of the bot shows (if the
 * user may act on it) or for the images of any other message.
 */
final class EditImageMenu implements MessageCommand {

    private final ResultActions results;

    EditImageMenu(ResultActions results) {
        this.results = results;
    }

    @Override
    public String name() {
        return CommandDefinitions.EDIT_IMAGE;
    }

    @Override
    public void onMessageCommand(MessageContextInteractionEvent event, Messages texts) {
        Message target = event.getTarget();
        var shown = new MessageRef(DiscordDelivery.PLATFORM, target.getChannelId(), target.getId());
        String modalId;
        switch (results.open(Origins.of(event), shown, Members.of(event.getMember()))) {
            case ResultActions.Press.Allowed allowed -> {
                var choose = results.choiceNeeded(allowed.answer());
                if (choose.isPresent()) {
                    // A message of several images: which one is meant is said with its numbered button.
                    event.reply(texts.refusal(choose.get())).setEphemeral(true).queue();
                    return;
                }
                modalId = EditTurnModal.id(target.getId(), allowed.answer().id());
            }
            case ResultActions.Press.NotAllowed ignored -> {
                event.reply(texts.remixNotAllowed()).setEphemeral(true).queue();
                return;
            }
            case ResultActions.Press.Gone ignored -> {
                if (target.getAttachments().stream().noneMatch(Message.Attachment::isImage)) {
                    event.reply(texts.notAnImage()).setEphemeral(true).queue();
                    return;
                }
                modalId = EditMessageModal.id(target);
            }
            case ResultActions.Press.Forged ignored -> {
                event.reply(texts.imageGone()).setEphemeral(true).queue();
                return;
            }
        }
        event.replyModal(EditForm.modal(modalId, texts)).queue();
    }
}

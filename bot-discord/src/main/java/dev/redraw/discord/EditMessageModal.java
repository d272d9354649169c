package dev.redraw.discord;

import dev.redraw.core.request.Generate;
import dev.redraw.core.text.Messages;
import java.util.OptionalLong;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;

/** The edit modal of any message with images: edits its images as a new conversation. */
final class EditMessageModal implements ModalHandler {

    static final String PREFIX = "msg:";

    private final Submitter submitter;
    private final UserPreferences users;

    EditMessageModal(Submitter submitter, UserPreferences users) {
        this.submitter = submitter;
        this.users = users;
    }

    /** The modal id for editing the images of {@code message}. */
    static String id(Message message) {
        return PREFIX + message.getChannelId() + ":" + message.getId();
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public void onModal(ModalInteractionEvent event, Messages texts) {
        var form = EditForm.Submitted.defer(event, PREFIX, users);
        String[] where = form.target().split(":");
        if (where.length != 2 || !where[0].equals(event.getChannelId())) {
            // Only a message of the channel the modal was submitted in may be edited.
            form.hook().editOriginal(texts.imageGone()).queue();
            return;
        }
        Message target = event.getJDA()
                .getChannelById(MessageChannel.class, where[0])
                .retrieveMessageById(where[1])
                .complete();
        submitter.submit(
                event,
                form.hook(),
                texts,
                new Submitter.Ask(
                        OptionalLong.empty(), form.instruction(), target.getAttachments(), Generate.Options.NONE));
    }
}

package dev.redraw.discord;

import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.request.Gallery;
import dev.redraw.core.request.ResultButtons;
import dev.redraw.core.text.Messages;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;

/**
 * 📢 Share under a result: its author posts it to the server's gallery, once. A result shown to its
 * author alone (an ephemeral message, a direct message) is never shared.
 */
final class ShareButton implements ButtonHandler {

    private final Gallery gallery;
    private final DiscordGallery channel;

    ShareButton(Gallery gallery, DiscordGallery channel) {
        this.gallery = gallery;
        this.channel = channel;
    }

    @Override
    public String prefix() {
        return ResultButtons.SHARE;
    }

    @Override
    public void onButton(ButtonInteractionEvent event, Messages texts) {
        // Posting may take a while (an upload): answered at once, told the outcome after.
        event.deferReply(true).queue();
        var pressed = new MessageRef(DiscordDelivery.PLATFORM, event.getChannelId(), event.getMessageId());
        boolean privately = event.getMessage().isEphemeral() || !event.isFromGuild();
        Gallery.Shared shared = gallery.share(Origins.of(event), pressed, event.getComponentId(), privately, channel);
        event.getHook().editOriginal(texts.shared(shared)).queue();
    }
}

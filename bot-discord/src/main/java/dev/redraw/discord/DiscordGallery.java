package dev.redraw.discord;

import dev.redraw.core.request.GalleryChannel;
import dev.redraw.core.request.GalleryPost;
import dev.redraw.core.request.ResultButtons;
import dev.redraw.core.request.ResultPost;
import dev.redraw.core.text.Messages;
import java.util.function.Supplier;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;

/**
 * A Discord gallery: a channel of the server that shared results are posted to, each with its
 * prompt, its author and its model, and a 🎨 Remix button that opens an edit of it for whoever may
 * remix in the server.
 */
final class DiscordGallery implements GalleryChannel {

    /** What the bot needs in a gallery channel. */
    static final Permission[] NEEDED = {
        Permission.VIEW_CHANNEL,
        Permission.MESSAGE_SEND,
        Permission.MESSAGE_EMBED_LINKS,
        Permission.MESSAGE_ATTACH_FILES
    };

    private final Supplier<ShardManager> shards;

    DiscordGallery(Supplier<ShardManager> shards) {
        this.shards = shards;
    }

    private GuildMessageChannel channel(String chatId) {
        ShardManager current = shards.get();
        if (current == null) {
            throw new IllegalStateException("Discord is not connected");
        }
        GuildMessageChannel channel = current.getChannelById(GuildMessageChannel.class, chatId);
        if (channel == null) {
            throw new IllegalStateException("the gallery channel " + chatId + " is gone");
        }
        return channel;
    }

    @Override
    public String post(GalleryPost post) throws Exception {
        GuildMessageChannel channel = channel(post.chatId());
        Messages texts = Messages.forLanguage(post.language().orElse(null));
        ResultPost.Image image = post.images().getFirst();
        byte[] bytes = image.bytes();
        long cap = Math.min(channel.getGuild().getMaxFileSize(), UploadBudget.REQUEST_LIMIT);
        String name = "redraw-gallery-" + post.turnId();
        if (bytes.length > cap) {
            bytes = DiscordDelivery.underLimit(bytes, cap);
            name += ".jpg";
        } else {
            name += image.extension();
        }
        MessageEmbed embed = new EmbedBuilder()
                .setDescription(texts.galleryCaption(
                        post, java.util.Optional.of("<@" + post.author().userId() + ">")))
                .setImage("attachment://" + name)
                .build();
        var message = new MessageCreateBuilder()
                .setEmbeds(embed)
                .setFiles(FileUpload.fromData(bytes, name))
                .setComponents(ActionRow.of(Button.secondary(ResultButtons.EDIT + post.turnId(), texts.remixButton())))
                // The author is named, not pinged.
                .setAllowedMentions(java.util.List.of())
                .build();
        return channel.sendMessage(message).complete().getId();
    }

    @Override
    public boolean remove(String chatId, String messageId) throws Exception {
        GuildMessageChannel channel;
        try {
            channel = channel(chatId);
        } catch (IllegalStateException gone) {
            if (shards.get() == null) {
                throw gone;
            }
            return true;
        }
        try {
            channel.deleteMessageById(messageId).complete();
            return true;
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() == ErrorResponse.UNKNOWN_MESSAGE
                    || e.getErrorResponse() == ErrorResponse.UNKNOWN_CHANNEL) {
                return true;
            }
            if (e.isServerError()) {
                throw e;
            }
            return false;
        }
    }
}

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

    /** The gallery channel, when this instance runs its shard and it still exists; empty otherwise. */
    private java.util.Optional<GuildMessageChannel> find(String chatId) {
        ShardManager current = shards.get();
        if (current == null) {
            throw new IllegalStateException("Discord is not connected");
        }
        return java.util.Optional.ofNullable(current.getChannelById(GuildMessageChannel.class, chatId));
    }

    /**
     * Whether a message was posted where not everyone in its server may see it (a channel hidden
     * from @everyone, a private thread) or in an age-restricted channel: what is made there is never
     * shared without its author asking.
     */
    static boolean restricted(net.dv8tion.jda.api.entities.Message message) {
        if (!message.isFromGuild()) {
            return true;
        }
        var channel = message.getChannel();
        if (channel instanceof net.dv8tion.jda.api.entities.channel.attribute.IAgeRestrictedChannel aged
                && aged.isNSFW()) {
            return true;
        }
        if (channel instanceof net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel thread
                && !thread.isPublic()) {
            return true;
        }
        return channel instanceof net.dv8tion.jda.api.entities.channel.middleman.GuildChannel guildChannel
                && !message.getGuild().getPublicRole().hasPermission(guildChannel, Permission.VIEW_CHANNEL);
    }

    @Override
    public boolean reaches(String chatId) {
        ShardManager current = shards.get();
        return current != null && current.getChannelById(GuildMessageChannel.class, chatId) != null;
    }

    @Override
    public String post(GalleryPost post) throws Exception {
        GuildMessageChannel channel =
                find(post.chatId()).orElseThrow(() -> new Refused("the gallery channel " + post.chatId() + " is gone"));
        if (!channel.getGuild().getSelfMember().hasPermission(channel, NEEDED)) {
            throw new Refused("the bot may no longer post in the gallery channel " + post.chatId());
        }
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
        try {
            return channel.sendMessage(message).complete().getId();
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() == ErrorResponse.MISSING_ACCESS
                    || e.getErrorResponse() == ErrorResponse.MISSING_PERMISSIONS
                    || e.getErrorResponse() == ErrorResponse.UNKNOWN_CHANNEL) {
                throw new Refused(e.getMeaning());
            }
            throw e;
        }
    }

    @Override
    public boolean remove(String chatId, String messageId) throws Exception {
        // A channel this instance does not see now (another instance's shard, a server that is
        // briefly unavailable) is left for later, never taken for gone.
        GuildMessageChannel channel = find(chatId)
                .orElseThrow(() -> new IllegalStateException("the gallery channel " + chatId + " is not reached here"));
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
            // Its own message, which a bot may always delete: refused only where it lost all access.
            return false;
        }
    }
}

package dev.redraw.discord;

import dev.redraw.core.text.Messages;
import java.util.List;
import java.util.OptionalLong;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;

/**
 * A direct message to the bot, or a message that mentions it, is a prompt as on Telegram: its text
 * (with {@code --ar}, {@code --model}, {@code --size} and {@code --n}) and its images, or those of the message it
 * replies to, make a new image or edit them. Replies to the bot's own messages are {@link
 * ResultReplies}' business. Where the bot may not read messages (no message-content intent), such a
 * message is answered with how to use /imagine instead.
 */
final class MessagePrompts {

    private final boolean readsMessages;
    private final MessageRequests requests;
    private final UserPreferences users;

    MessagePrompts(boolean readsMessages, MessageRequests requests, UserPreferences users) {
        this.readsMessages = readsMessages;
        this.requests = requests;
        this.users = users;
    }

    void onMessage(MessageReceivedEvent event) {
        if (!addressedToTheBot(event)) {
            return;
        }
        Message message = event.getMessage();
        Messages texts = users.remembered(event.getAuthor());
        if (!readsMessages) {
            message.reply(texts.discordUseImagine()).queue();
            return;
        }
        List<Message.Attachment> files = message.getAttachments();
        Message repliedTo = message.getReferencedMessage();
        if (files.isEmpty() && repliedTo != null) {
            files = repliedTo.getAttachments();
        }
        requests.submitWritten(event, OptionalLong.empty(), files, texts);
    }

    /**
     * A person's message in a direct message with the bot or naming the bot itself (not @everyone
     * or a role), unless it replies to one of the bot's own messages, or to one Discord did not
     * include.
     */
    private static boolean addressedToTheBot(MessageReceivedEvent event) {
        Message message = event.getMessage();
        User self = event.getJDA().getSelfUser();
        if (event.getAuthor().isBot()
                || event.isWebhookMessage()
                || message.getType().isSystem()) {
            return false;
        }
        boolean direct = !event.isFromGuild();
        if (!direct && !message.getMentions().isMentioned(self, Message.MentionType.USER)) {
            return false;
        }
        if (message.getMessageReference() == null) {
            return true;
        }
        Message repliedTo = message.getReferencedMessage();
        return repliedTo != null && !repliedTo.getAuthor().equals(self);
    }
}

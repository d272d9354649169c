package dev.redraw.discord;

import dev.redraw.core.text.Messages;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;

/**
 * A direct message to the bot, or a message that mentions it, is a prompt as on Telegram: its text
 * (with {@code --ar}, {@code --model}, {@code --size} and {@code --n}) and its images, or those of the message it
 * replies to, make a new image or edit them. Replies to the bot's own messages are {@link
 * ResultReplies}' business. Where the bot may not read messages (no message-content intent), such a
 * message is answered with how to use /imagine instead. A message written as a command ({@code /start},
 * as on Telegram) is never a prompt: Discord sends its commands as interactions, so it is answered
 * with where to find them.
 */
final class MessagePrompts {

    /** A command as typed: a slash, a name of Telegram's or Discord's shape, then a space or the end. */
    private static final Pattern TYPED_COMMAND = Pattern.compile("^/([\\w-]{1,32})(?:@\\S*)?(?:\\s|$)");

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
        Matcher command = TYPED_COMMAND.matcher(MessageRequests.withoutMention(event));
        if (command.find()) {
            message.reply(texts.discordTypedCommand(command.group(1))).queue();
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

package dev.redraw.discord;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.request.ResultActions;
import java.util.OptionalLong;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;

/**
 * A reply to one of the bot's images continues its branch, with any images attached to the reply;
 * someone else's branch only where the server allows remixing.
 */
final class ResultReplies {

    private final ResultActions results;
    private final MessageRequests requests;
    private final UserPreferences users;

    ResultReplies(ResultActions results, MessageRequests requests, UserPreferences users) {
        this.results = results;
        this.requests = requests;
        this.users = users;
    }

    void onMessage(MessageReceivedEvent event) {
        Message message = event.getMessage();
        var reference = message.getMessageReference();
        if (event.getAuthor().isBot() || reference == null || reference.getMessageId() == null) {
            return;
        }
        Origin origin = Origins.of(event);
        OptionalLong turn;
        switch (results.replyTarget(
                origin, reference.getChannelId(), reference.getMessageId(), Members.of(event.getMember()))) {
            case ResultActions.Press.Allowed allowed ->
                turn = OptionalLong.of(allowed.answer().id());
            case ResultActions.Press.NotAllowed ignored -> {
                message.reply(users.remembered(event.getAuthor()).remixNotAllowed())
                        .queue();
                return;
            }
            case ResultActions.Press.Gone ignored -> {
                return; // a reply to a message that shows no result: chatter, not a request
            }
            case ResultActions.Press.Forged ignored -> {
                return;
            }
        }
        requests.submitWritten(event, turn, message.getAttachments(), users.remembered(event.getAuthor()));
    }
}

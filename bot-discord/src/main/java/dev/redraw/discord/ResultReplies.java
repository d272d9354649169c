package dev.redraw.discord;

import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.request.Generate;
import dev.redraw.core.request.MessageLinks;
import dev.redraw.core.request.ResultActions;
import dev.redraw.core.text.Messages;
import java.util.Optional;
import java.util.OptionalLong;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;

/**
 * A reply to one of the bot's images continues its branch, with any images attached to the reply;
 * someone else's branch only where the server allows remixing.
 */
final class ResultReplies {

    private final ResultActions results;
    private final MessageLinks links;
    private final Submitter submitter;
    private final UserPreferences users;

    ResultReplies(ResultActions results, MessageLinks links, Submitter submitter, UserPreferences users) {
        this.results = results;
        this.links = links;
        this.submitter = submitter;
        this.users = users;
    }

    void onMessage(MessageReceivedEvent event) {
        Message message = event.getMessage();
        var reference = message.getMessageReference();
        if (event.getAuthor().isBot() || reference == null || reference.getMessageId() == null) {
            return;
        }
        var origin = new Origin(
                DiscordDelivery.PLATFORM,
                message.getChannelId(),
                event.getAuthor().getId(),
                event.isFromGuild() ? Optional.of(event.getGuild().getId()) : Optional.empty());
        OptionalLong turn;
        switch (results.replyTarget(origin, reference.getChannelId(), reference.getMessageId())) {
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
        Messages texts = users.remembered(event.getAuthor());
        String text = message.getContentRaw()
                .replaceAll("<@!?" + event.getJDA().getSelfUser().getId() + ">", "")
                .strip();
        var request = new Generate.Request(
                origin,
                text,
                turn,
                Generate.Options.NONE,
                Optional.of(message.getId()),
                submitter.fetchers(message.getAttachments()));
        switch (submitter.generate(request)) {
            case Generate.Result.Refused refused ->
                message.reply(texts.refusal(refused.refusal())).queue();
            case Generate.Result.ImageRejected rejected ->
                message.reply(Submitter.rejected(texts, rejected)).queue();
            case Generate.Result.Accepted accepted ->
                links.link(
                        new MessageRef(DiscordDelivery.PLATFORM, message.getChannelId(), message.getId()),
                        accepted.userTurn());
        }
    }
}

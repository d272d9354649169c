package dev.redraw.telegram;

import dev.redraw.core.request.ChatServices;
import dev.redraw.core.tree.Trees;
import java.util.Optional;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * /tree: a private link to the web page of a conversation's edit tree. In reply to a result, the
 * tree of that result with the path to it marked; alone, the user's newest conversation in this
 * chat. The link goes only to the user: in a group it is sent in their private chat with the bot.
 */
record TreeCommand(UpdateHandler.Bot bot, ChatServices core, Replies replies) implements TelegramCommand {

    @Override
    public String name() {
        return "tree";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        Message message = context.message();
        Optional<String> repliedTo = Optional.ofNullable(message.getReplyToMessage())
                .map(replied -> Integer.toString(replied.getMessageId()));
        String language = context.texts().treePage().language();
        switch (core.trees().link(context.origin(), repliedTo, language)) {
            case Trees.Asked.Link link -> send(context, context.texts().treeLink(link.url(), link.expiresAt()));
            case Trees.Asked.NoConversation ignored ->
                context.reply(context.texts().treeNone());
            case Trees.Asked.Gone ignored -> context.reply(context.texts().imageGone());
            case Trees.Asked.Unavailable ignored ->
                context.reply(context.texts().treeUnavailable());
        }
    }

    private void send(CommandContext context, String text) throws TelegramApiException {
        if (context.message().isUserMessage()) {
            replies.sendLink(context.chat(), context.messageId(), text);
            return;
        }
        try {
            replies.sendLink(context.message().getFrom().getId(), null, text);
        } catch (TelegramApiRequestException e) {
            if (e.getErrorCode() == null || e.getErrorCode() != 403) {
                throw e;
            }
            // The user never started a private chat with the bot, or blocked it.
            context.reply(context.texts().treeNeedsPrivateChat(bot.username()));
            return;
        }
        context.reply(context.texts().treeSentPrivately());
    }
}

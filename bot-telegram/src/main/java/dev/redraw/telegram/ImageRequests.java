package dev.redraw.telegram;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.Generate;
import dev.redraw.core.request.ImageFetcher;
import dev.redraw.core.request.RequestMessage;
import dev.redraw.core.request.ResultActions;
import dev.redraw.core.text.Flags;
import dev.redraw.core.text.Messages;
import dev.redraw.core.text.TypedNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Hands a user's request in: flags parsed, then the core checks the user, downloads and checks the
 * images and submits; refusals and rejected images are told at once, in the user's language.
 */
record ImageRequests(ChatServices core, TelegramFiles files, Replies replies, PostingChats posting, ChatAdmins admins) {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ImageRequests.class);

    /**
     * A reply to one of the bot's messages continues the branch that message belongs to; someone
     * else's branch only where the chat allows remixing.
     */
    void continueBranch(Message message, Message repliedTo, String prompt, Messages texts) throws TelegramApiException {
        Origin replier = UpdateHandler.origin(message.getChatId(), message.getFrom());
        // reply_to_message is always of the same chat (a reply to another chat is an external_reply).
        String chat = Long.toString(message.getChatId());
        String target = Integer.toString(repliedTo.getMessageId());
        var who = admins.of(Long.parseLong(replier.userId()));
        ResultActions.Press reply = core.results().replyTarget(replier, chat, target, who);
        if (reply instanceof ResultActions.Press.Gone && posting.settle(message.getChatId())) {
            // The reply may have overtaken the link of a result that was just posted.
            reply = core.results().replyTarget(replier, chat, target, who);
        }
        switch (reply) {
            case ResultActions.Press.Allowed allowed ->
                request(message, OptionalLong.of(allowed.answer().id()), prompt, List.of(message), texts);
            case ResultActions.Press.NotAllowed ignored ->
                replies.reply(message.getChatId(), message.getMessageId(), texts.remixNotAllowed());
            case ResultActions.Press.Gone ignored ->
                replies.reply(message.getChatId(), message.getMessageId(), texts.imageGone());
            case ResultActions.Press.Forged ignored ->
                replies.reply(message.getChatId(), message.getMessageId(), texts.imageGone());
        }
    }

    /** What to say to images without a word of what to do with them, or to a request without any. */
    private static String withoutWords(List<Message> withImages, Messages texts) {
        long photos = withImages.stream()
                .filter(carrier -> Incoming.image(carrier).isPresent())
                .count();
        if (photos == 0) {
            return texts.emptyPrompt();
        }
        return photos == 1 ? texts.photoNeedsCaption() : texts.albumNeedsCaption();
    }

    /**
     * A request of {@code message}'s author, with the images {@code withImages} carry, continuing
     * {@code parent} when there is one.
     */
    void request(Message message, OptionalLong parent, String rawText, List<Message> withImages, Messages texts)
            throws TelegramApiException {
        long chatId = message.getChatId();
        Flags.Parsed flags;
        switch (Flags.parse(rawText)) {
            case Flags.Invalid invalid -> {
                replies.reply(chatId, message.getMessageId(), texts.invalidFlag(invalid));
                return;
            }
            case Flags.Parsed parsed -> flags = parsed;
        }
        OptionalInt count = OptionalInt.empty();
        if (flags.variations().isPresent()) {
            switch (flags.variations().get()) {
                case TypedNumber.Invalid invalid -> {
                    replies.reply(chatId, message.getMessageId(), texts.numberProblem(invalid));
                    return;
                }
                case TypedNumber.Valid valid -> count = OptionalInt.of((int) valid.value());
            }
        }
        if (flags.prompt().isBlank()) {
            replies.reply(chatId, message.getMessageId(), withoutWords(withImages, texts));
            return;
        }
        List<ImageFetcher> images = new ArrayList<>();
        for (Message carrier : withImages) {
            Incoming.image(carrier).map(files::fetcher).ifPresent(images::add);
        }
        var request = new Generate.Request(
                UpdateHandler.origin(chatId, message.getFrom()),
                flags.prompt(),
                parent,
                new Generate.Options(flags.model(), flags.ratio(), flags.size(), flags.quality(), count),
                Optional.of(Integer.toString(message.getMessageId())),
                images,
                RequestMessage.CHAT_MESSAGE);
        Generate.Result result;
        try {
            result = core.generate().submit(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        switch (result) {
            case Generate.Result.AlreadyAccepted before ->
                LOG.info(
                        "message {} in chat {} is job {} already",
                        message.getMessageId(),
                        chatId,
                        before.job().id());
            case Generate.Result.Refused refused ->
                replies.reply(chatId, message.getMessageId(), texts.refusal(refused.refusal()));
            case Generate.Result.ImageRejected rejected ->
                replies.reply(
                        chatId,
                        message.getMessageId(),
                        texts.imageRejected(
                                rejected.position(), rejected.count(), rejected.name(), rejected.problem()));
            case Generate.Result.Accepted accepted -> {
                for (Generate.Adjusted adjusted : accepted.adjusted()) {
                    replies.tell(chatId, message.getMessageId(), texts.imageAdjusted(adjusted.notes()));
                }
                if (!accepted.unusedDefaults().isEmpty()) {
                    replies.tell(
                            chatId,
                            message.getMessageId(),
                            String.join(
                                    "\n",
                                    accepted.unusedDefaults().stream()
                                            .map(texts::unusedDefault)
                                            .toList()));
                }
            }
        }
    }
}

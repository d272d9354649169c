package dev.redraw.telegram;

import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.Generate;
import dev.redraw.core.request.ImageFetcher;
import dev.redraw.core.settings.UserSettings;
import dev.redraw.core.storage.StorageException;
import dev.redraw.core.text.Flags;
import dev.redraw.core.text.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Turns Telegram updates into requests: prompts, photos and albums to edit or fuse, replies that
 * continue a branch, and commands. In groups only commands, mentions and replies to the bot count;
 * other chatter is left alone. An update delivered twice is handled once.
 */
record UpdateHandler(
        Bot bot,
        ChatServices core,
        TelegramFiles files,
        Replies replies,
        Commands commands,
        CallbackHandler callbacks,
        AlbumCollector albums,
        PostingChats posting) {

    static final String PLATFORM = "telegram";
    private static final Logger LOG = LoggerFactory.getLogger(UpdateHandler.class);

    /** Who the bot is, as getMe reported. */
    record Bot(long id, String username) {}

    /**
     * Handles one update. Nothing escapes: a failure is logged and the user told, in their language,
     * whether the bot's storage is failing (so nothing could be saved) or something else went wrong.
     */
    void handle(Update update) {
        try {
            if (!core.settings().firstDelivery(PLATFORM, Integer.toString(update.getUpdateId()))) {
                LOG.info("update {} was handled before; skipping it", update.getUpdateId());
                return;
            }
            if (update.hasCallbackQuery()) {
                callbacks.handle(update.getCallbackQuery());
            } else if (update.hasMessage()) {
                message(update.getMessage());
            }
        } catch (RuntimeException | TelegramApiException e) {
            boolean storage = storageFailed(e);
            if (storage) {
                LOG.error("update {} failed: storage unavailable: {}", update.getUpdateId(), e.getMessage());
            } else {
                LOG.error("update {} failed", update.getUpdateId(), e);
            }
            tellFailure(update, storage);
        }
    }

    /** Whether {@code error} comes from the bot's own storage (read-only, disk full, unreachable). */
    static boolean storageFailed(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof StorageException || cause instanceof java.sql.SQLException) {
                return true;
            }
        }
        return false;
    }

    /** Tells the user their update failed, without touching storage (which may be what failed). */
    private void tellFailure(Update update, boolean storage) {
        if (update.hasMessage()) {
            Message message = update.getMessage();
            Messages texts = languageOf(message.getFrom());
            replies.tell(
                    message.getChatId(),
                    message.getMessageId(),
                    storage ? texts.storageUnavailable() : texts.internalError());
        } else if (update.hasCallbackQuery()) {
            Messages texts = languageOf(update.getCallbackQuery().getFrom());
            replies.answer(
                    update.getCallbackQuery().getId(), storage ? texts.storageUnavailable() : texts.internalError());
        }
    }

    private static Messages languageOf(User user) {
        return Messages.forLanguage(user == null ? null : user.getLanguageCode());
    }

    /** The user's language, remembered so results delivered later (even after a restart) speak it. */
    Messages texts(User user) {
        String language = user == null ? null : user.getLanguageCode();
        if (user != null && language != null) {
            String id = Long.toString(user.getId());
            UserSettings known = core.settings().user(PLATFORM, id);
            if (!known.language().equals(Optional.of(language))) {
                core.settings().saveUser(PLATFORM, id, known.withLanguage(Optional.of(language)));
            }
        }
        return Messages.forLanguage(language);
    }

    private void message(Message message) throws TelegramApiException {
        if (message.getFrom() == null || Boolean.TRUE.equals(message.getFrom().getIsBot())) {
            return;
        }
        Messages texts = texts(message.getFrom());
        String text = Incoming.textOf(message);
        Optional<Incoming.Command> command = Incoming.command(text, bot.username());
        if (message.getMediaGroupId() != null) {
            albums.add(message);
            return;
        }
        if (command.isPresent()) {
            commands.run(command.get(), message, texts, this);
            return;
        }
        Message repliedTo = message.getReplyToMessage();
        boolean toBot = repliedTo != null
                && repliedTo.getFrom() != null
                && repliedTo.getFrom().getId() == bot.id();
        boolean mentioned = Incoming.mentions(text, bot.username());
        String prompt = Incoming.withoutMention(text, bot.username());
        if (toBot) {
            continueBranch(message, repliedTo, prompt, texts);
        } else if (!message.isUserMessage() && !mentioned) {
            // Group chatter that is not addressed to the bot.
        } else if (repliedTo != null
                && Incoming.image(repliedTo).isPresent()
                && Incoming.image(message).isEmpty()) {
            request(message, OptionalLong.empty(), prompt, List.of(repliedTo), texts);
        } else if (Incoming.image(message).isPresent() || !prompt.isBlank()) {
            request(message, OptionalLong.empty(), prompt, List.of(message), texts);
        }
    }

    /** A reply to one of the bot's messages continues the branch that message belongs to. */
    void continueBranch(Message message, Message repliedTo, String prompt, Messages texts) throws TelegramApiException {
        var target = new MessageRef(
                PLATFORM, Long.toString(message.getChatId()), Integer.toString(repliedTo.getMessageId()));
        OptionalLong turn = core.conversations().resolve(target);
        if (turn.isEmpty() && posting.settle(message.getChatId())) {
            // The reply may have overtaken the link of a result that was just posted.
            turn = core.conversations().resolve(target);
        }
        if (turn.isEmpty()) {
            replies.reply(message.getChatId(), message.getMessageId(), texts.imageGone());
            return;
        }
        request(message, turn, prompt, List.of(message), texts);
    }

    /**
     * Hands a request in: flags parsed, then the core checks the user, downloads and checks the
     * images and submits; refusals and rejected images are told at once, in the user's language.
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
        if (flags.prompt().isBlank()) {
            replies.reply(chatId, message.getMessageId(), texts.emptyPrompt());
            return;
        }
        List<ImageFetcher> images = new ArrayList<>();
        for (Message carrier : withImages) {
            Incoming.image(carrier).map(files::fetcher).ifPresent(images::add);
        }
        var request = new Generate.Request(
                origin(chatId, message.getFrom()),
                flags.prompt(),
                parent,
                new Generate.Options(flags.model(), flags.ratio(), flags.size()),
                Optional.of(Integer.toString(message.getMessageId())),
                images);
        Generate.Result result;
        try {
            result = core.generate().submit(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        switch (result) {
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
                Delivery.linkNow(
                        core,
                        new MessageRef(PLATFORM, Long.toString(chatId), Integer.toString(message.getMessageId())),
                        accepted.userTurn().id());
            }
        }
    }

    static Origin origin(long chatId, User user) {
        return new Origin(PLATFORM, Long.toString(chatId), Long.toString(user.getId()));
    }

    /** An album, complete: its caption (on whichever item has one) asks for the fusion of its images. */
    void album(List<Message> items) {
        Message first = items.getFirst();
        Messages texts = Messages.forLanguage(
                first.getFrom() == null ? null : first.getFrom().getLanguageCode());
        String caption = items.stream()
                .map(Message::getCaption)
                .filter(c -> c != null && !c.isBlank())
                .findFirst()
                .orElse("");
        Optional<Incoming.Command> command = Incoming.command(caption, bot.username());
        boolean addressed = first.isUserMessage() || command.isPresent() || Incoming.mentions(caption, bot.username());
        if (!addressed) {
            return;
        }
        String prompt = command.map(Incoming.Command::rest).orElse(Incoming.withoutMention(caption, bot.username()));
        try {
            request(first, OptionalLong.empty(), prompt, items, texts);
        } catch (TelegramApiException | RuntimeException e) {
            boolean storage = storageFailed(e);
            LOG.error("album in chat {} failed", first.getChatId(), e);
            replies.tell(
                    first.getChatId(),
                    first.getMessageId(),
                    storage ? texts.storageUnavailable() : texts.internalError());
        }
    }
}

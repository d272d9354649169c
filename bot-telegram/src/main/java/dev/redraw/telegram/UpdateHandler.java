package dev.redraw.telegram;

import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.text.Messages;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Turns Telegram updates into requests: prompts, photos and albums to edit or fuse, replies that
 * continue a branch, commands and button presses. In groups only commands, mentions and replies to
 * the bot count; other chatter, and commands addressed to another bot, are left alone. An update
 * delivered twice is handled once.
 */
record UpdateHandler(
        Bot bot,
        ChatServices core,
        UserLanguages languages,
        Replies replies,
        TelegramCommands commands,
        TelegramButtons buttons,
        AlbumCollector albums,
        ImageRequests requests) {

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
            String key = Integer.toString(update.getUpdateId());
            if (core.updates().handledBefore(PLATFORM, key)) {
                LOG.info("update {} was handled before; skipping it", update.getUpdateId());
                return;
            }
            if (update.hasCallbackQuery()) {
                buttons.handle(update.getCallbackQuery());
            } else if (update.hasMessage()) {
                message(update.getMessage());
            }
            // Recorded once handled: an update a crash or a stop cut off comes again and is handled then.
            core.updates().recordHandled(PLATFORM, key);
        } catch (RuntimeException | TelegramApiException e) {
            boolean storage = Failures.fromStorage(e);
            if (storage) {
                LOG.error("update {} failed: storage unavailable: {}", update.getUpdateId(), e.getMessage());
            } else {
                LOG.error("update {} failed", update.getUpdateId(), e);
            }
            tellFailure(update, storage);
        }
    }

    /**
     * An album's items gathered by the caller (webhook mode, where its items may have reached
     * different instances): handed to {@code request} as one request, once; items handled before are
     * left out, as are items not from a person.
     */
    void handleAlbum(List<Update> items, java.util.function.Consumer<List<Message>> request) {
        try {
            List<Update> fresh = new java.util.ArrayList<>();
            for (Update item : items) {
                if (!core.updates().handledBefore(PLATFORM, Integer.toString(item.getUpdateId()))) {
                    fresh.add(item);
                }
            }
            List<Message> messages = fresh.stream()
                    .map(Update::getMessage)
                    .filter(message -> message != null
                            && message.getFrom() != null
                            && !Boolean.TRUE.equals(message.getFrom().getIsBot()))
                    .sorted(java.util.Comparator.comparing(Message::getMessageId))
                    .toList();
            if (!messages.isEmpty()) {
                request.accept(messages);
            }
            for (Update item : fresh) {
                core.updates().recordHandled(PLATFORM, Integer.toString(item.getUpdateId()));
            }
        } catch (RuntimeException e) {
            boolean storage = Failures.fromStorage(e);
            LOG.error("album of update {} failed", items.getFirst().getUpdateId(), e);
            tellFailure(items.getFirst(), storage);
        }
    }

    /** Tells the user their update failed, without touching storage (which may be what failed). */
    private void tellFailure(Update update, boolean storage) {
        if (update.hasMessage()) {
            Message message = update.getMessage();
            replies.tell(
                    message.getChatId(),
                    message.getMessageId(),
                    Failures.text(UserLanguages.spoken(message.getFrom()), storage));
        } else if (update.hasCallbackQuery()) {
            replies.answer(
                    update.getCallbackQuery().getId(),
                    Failures.text(UserLanguages.spoken(update.getCallbackQuery().getFrom()), storage));
        }
    }

    private void message(Message message) throws TelegramApiException {
        if (message.getFrom() == null || Boolean.TRUE.equals(message.getFrom().getIsBot())) {
            return;
        }
        Messages texts = languages.of(message.getFrom());
        String text = Incoming.textOf(message);
        if (message.getMediaGroupId() != null) {
            albums.add(message);
            return;
        }
        switch (Incoming.leading(text, bot.username())) {
            case Incoming.Leading.OtherBots ignored -> {
                return;
            }
            case Incoming.Leading.Ours ours -> {
                commands.run(new CommandContext(ours.command(), message, texts, replies));
                return;
            }
            case Incoming.Leading.NoCommand ignored -> {
                // a prompt, a photo, a reply or chatter
            }
        }
        Message repliedTo = message.getReplyToMessage();
        boolean toBot = repliedTo != null
                && repliedTo.getFrom() != null
                && repliedTo.getFrom().getId() == bot.id();
        boolean mentioned = Incoming.mentions(text, bot.username());
        String prompt = Incoming.withoutMention(text, bot.username());
        if (toBot) {
            requests.continueBranch(message, repliedTo, prompt, texts);
        } else if (!message.isUserMessage() && !mentioned) {
            // Group chatter that is not addressed to the bot.
        } else if (repliedTo != null
                && Incoming.image(repliedTo).isPresent()
                && Incoming.image(message).isEmpty()) {
            requests.request(message, OptionalLong.empty(), prompt, List.of(repliedTo), texts);
        } else if (Incoming.image(message).isPresent() || !prompt.isBlank()) {
            requests.request(message, OptionalLong.empty(), prompt, List.of(message), texts);
        }
    }

    /** A message of a chat, as links to turns name it. */
    static MessageRef ref(Message message) {
        return new MessageRef(PLATFORM, Long.toString(message.getChatId()), Integer.toString(message.getMessageId()));
    }

    static Origin origin(long chatId, User user) {
        return new Origin(PLATFORM, Long.toString(chatId), Long.toString(user.getId()));
    }
}

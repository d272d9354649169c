package dev.redraw.telegram;

import dev.redraw.core.provider.Sleeper;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.botapimethods.PartialBotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMediaGroup;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageCaption;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageMedia;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Calls the Bot API within Telegram's flood limits: messages and edits to a chat wait for their
 * slot from the {@link SendPacer}, and a 429 answer that still comes says how long to wait
 * ({@code retry_after}); the call is then made again, so no result is dropped for being sent too fast.
 */
final class TelegramApi {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramApi.class);
    /** Waits are bounded by Telegram; this only stops a server that answers 429 forever. */
    private static final int MAX_TRIES = 20;

    private final TelegramClient client;
    private final Sleeper sleeper;
    private final SendPacer pacer;

    TelegramApi(TelegramClient client, Sleeper sleeper, SendPacer pacer) {
        this.client = client;
        this.sleeper = sleeper;
        this.pacer = pacer;
    }

    <T extends Serializable> T execute(BotApiMethod<T> method) throws TelegramApiException {
        return withRetries(() -> method, client::execute);
    }

    /** Uploads are built anew for each try: a file's stream is spent by the first. */
    Message sendPhoto(Supplier<SendPhoto> photo) throws TelegramApiException {
        return withRetries(photo, client::execute);
    }

    Message sendDocument(Supplier<SendDocument> document) throws TelegramApiException {
        return withRetries(document, client::execute);
    }

    /** Replaces a message's media, or adds a photo to a text message; built anew for each try like an upload. */
    void editMedia(Supplier<EditMessageMedia> edit) throws TelegramApiException {
        withRetries(edit, client::execute);
    }

    /**
     * Sends an album; it is paced as the number of messages it posts. Only an answer tells which
     * messages it made: a call that fails without one (a timeout) may still have posted the album.
     */
    List<Message> sendMediaGroup(Supplier<SendMediaGroup> album) throws TelegramApiException {
        return withRetries(album, client::execute);
    }

    /** Like {@link #execute} for calls whose failure only costs a cosmetic detail (a chat action, a status edit). */
    <T extends Serializable> void quietly(BotApiMethod<T> method) {
        try {
            execute(method);
        } catch (TelegramApiException e) {
            LOG.debug("{} failed: {}", method.getMethod(), e.getMessage());
        }
    }

    private interface Call<M, T> {
        T run(M method) throws TelegramApiException;
    }

    private <M extends PartialBotApiMethod<?>, T> T withRetries(Supplier<M> build, Call<M, T> call)
            throws TelegramApiException {
        for (int attempt = 1; ; attempt++) {
            M method = build.get();
            OptionalLong chat = pacedChat(method);
            if (chat.isPresent()) {
                pace(chat.getAsLong(), messages(method));
            }
            try {
                return call.run(method);
            } catch (TelegramApiRequestException e) {
                Integer retryAfter =
                        e.getParameters() == null ? null : e.getParameters().getRetryAfter();
                if (e.getErrorCode() == null || e.getErrorCode() != 429 || attempt >= MAX_TRIES) {
                    throw e;
                }
                Duration wait = Duration.ofSeconds(retryAfter == null ? 1 : Math.max(1, retryAfter));
                LOG.info("Telegram asked to wait {} s (flood control)", wait.toSeconds());
                if (chat.isPresent()) {
                    // Everything else for this chat waits too, not only this call.
                    pacer.backOff(chat.getAsLong(), wait);
                }
                sleep(wait);
            }
        }
    }

    /** The chat a message or an edit goes to; other calls (answers, chat actions, files) are not paced. */
    static OptionalLong pacedChat(PartialBotApiMethod<?> method) {
        String chat = switch (method) {
            case SendMessage m -> m.getChatId();
            case SendPhoto m -> m.getChatId();
            case SendDocument m -> m.getChatId();
            case SendMediaGroup m -> m.getChatId();
            case EditMessageText m -> m.getChatId();
            case EditMessageCaption m -> m.getChatId();
            case EditMessageReplyMarkup m -> m.getChatId();
            case EditMessageMedia m -> m.getChatId();
            default -> null;
        };
        if (chat == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(chat));
        } catch (NumberFormatException e) {
            // A channel's @username: paced under one shared key.
            return OptionalLong.of(Long.MIN_VALUE + chat.hashCode());
        }
    }

    /** How many messages a call posts, as Telegram's flood limits count them: an album, each of its items. */
    static int messages(PartialBotApiMethod<?> method) {
        return method instanceof SendMediaGroup album && album.getMedias() != null
                ? Math.max(1, album.getMedias().size())
                : 1;
    }

    private void pace(long chat, int messages) throws TelegramApiException {
        try {
            if (!pacer.await(chat, messages)) {
                throw new NotWanted();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelegramApiException("interrupted while pacing sends", e);
        }
    }

    private void sleep(Duration wait) throws TelegramApiException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelegramApiException("interrupted while waiting out flood control", e);
        }
    }

    /** A status message whose job finished while it waited for its turn; not sent, and nothing to report. */
    static final class NotWanted extends TelegramApiException {
        NotWanted() {
            super("a status message no longer wanted was not sent");
        }
    }
}

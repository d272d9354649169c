package dev.redraw.telegram;

import dev.redraw.core.provider.Sleeper;
import java.io.Serializable;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Calls the Bot API, waiting out Telegram's flood control: a 429 answer says how long to wait
 * ({@code retry_after}), and the call is made again, so no result is dropped for being sent too fast.
 */
final class TelegramApi {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramApi.class);
    /** Waits are bounded by Telegram; this only stops a server that answers 429 forever. */
    private static final int MAX_TRIES = 20;

    private final TelegramClient client;
    private final Sleeper sleeper;

    TelegramApi(TelegramClient client, Sleeper sleeper) {
        this.client = client;
        this.sleeper = sleeper;
    }

    <T extends Serializable> T execute(BotApiMethod<T> method) throws TelegramApiException {
        return withRetries(() -> client.execute(method));
    }

    /** Uploads are built anew for each try: a file's stream is spent by the first. */
    Message sendPhoto(Supplier<SendPhoto> photo) throws TelegramApiException {
        return withRetries(() -> client.execute(photo.get()));
    }

    Message sendDocument(Supplier<SendDocument> document) throws TelegramApiException {
        return withRetries(() -> client.execute(document.get()));
    }

    /** Like {@link #execute} for calls whose failure only costs a cosmetic detail (a chat action, a status edit). */
    <T extends Serializable> void quietly(BotApiMethod<T> method) {
        try {
            execute(method);
        } catch (TelegramApiException e) {
            LOG.debug("{} failed: {}", method.getMethod(), e.getMessage());
        }
    }

    private interface Call<T> {
        T run() throws TelegramApiException;
    }

    private <T> T withRetries(Call<T> call) throws TelegramApiException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (TelegramApiRequestException e) {
                Integer retryAfter =
                        e.getParameters() == null ? null : e.getParameters().getRetryAfter();
                if (e.getErrorCode() == null || e.getErrorCode() != 429 || attempt >= MAX_TRIES) {
                    throw e;
                }
                int seconds = retryAfter == null ? 1 : Math.max(1, retryAfter);
                LOG.info("Telegram asked to wait {} s (flood control)", seconds);
                sleep(Duration.ofSeconds(seconds));
            }
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
}

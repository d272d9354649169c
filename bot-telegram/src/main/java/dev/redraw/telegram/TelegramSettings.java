package dev.redraw.telegram;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.telegram.telegrambots.meta.TelegramUrl;

/**
 * How the bot reaches Telegram.
 *
 * @param apiUrl the Bot API base: Telegram's own, a local Bot API server, or a fake in tests
 * @param albumDebounce how long after an album's last item it is taken as complete (albums have no end marker)
 * @param statusInterval the least time between two edits of a job's status message (flood limits)
 * @param webhook how Telegram sends updates to the bot's webhook; empty for long polling
 */
public record TelegramSettings(
        String token, HttpUrl apiUrl, Duration albumDebounce, Duration statusInterval, Optional<Webhook> webhook) {

    public TelegramSettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(webhook, "webhook");
    }

    /** Long polling. */
    public TelegramSettings(String token, HttpUrl apiUrl, Duration albumDebounce, Duration statusInterval) {
        this(token, apiUrl, albumDebounce, statusInterval, Optional.empty());
    }

    /**
     * Updates arrive at a webhook, at any of the bot's instances.
     *
     * @param url the public URL registered with {@code setWebhook}
     * @param secret sent by Telegram with each update; requests without it are refused
     * @param holder this process as it holds chats' lanes: its instance name and a token of its own
     * @param lease how long a chat's lane stays held by a process that stopped renewing it
     */
    public record Webhook(String url, String secret, String holder, Duration lease) {
        public Webhook {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(holder, "holder");
            Objects.requireNonNull(lease, "lease");
        }

        @Override
        public String toString() {
            // The secret never leaves this record in text.
            return "Webhook[url=" + url + ", holder=" + holder + "]";
        }
    }

    @Override
    public String toString() {
        // The token never leaves this record in text.
        return "TelegramSettings[apiUrl=" + apiUrl + ", webhook=" + webhook + "]";
    }

    TelegramUrl telegramUrl() {
        return new TelegramUrl(apiUrl.scheme(), apiUrl.host(), apiUrl.port(), false);
    }

    /** Where a file is downloaded from: the same base as the API, never the library's hard-coded host. */
    HttpUrl fileUrl(String filePath) {
        return apiUrl.newBuilder()
                .addPathSegment("file")
                .addPathSegment("bot" + token)
                .addPathSegments(filePath)
                .build();
    }
}

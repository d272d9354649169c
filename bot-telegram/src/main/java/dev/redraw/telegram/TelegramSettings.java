package dev.redraw.telegram;

import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import org.telegram.telegrambots.meta.TelegramUrl;

/**
 * How the bot reaches Telegram.
 *
 * @param apiUrl the Bot API base: Telegram's own, a local Bot API server, or a fake in tests
 * @param albumDebounce how long after an album's last item it is taken as complete (albums have no end marker)
 * @param statusInterval the least time between two edits of a job's status message (flood limits)
 */
public record TelegramSettings(String token, HttpUrl apiUrl, Duration albumDebounce, Duration statusInterval) {

    public TelegramSettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(apiUrl, "apiUrl");
    }

    @Override
    public String toString() {
        // The token never leaves this record in text.
        return "TelegramSettings[apiUrl=" + apiUrl + "]";
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

package dev.redraw.telegram;

import java.io.IOException;
import java.io.InputStream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.api.objects.File;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Downloads files users send. The URL holds the bot token, so it is built here from the configured
 * base, used once, and never logged or handed to anyone else; the image model gets the bytes.
 */
record TelegramFiles(TelegramApi api, OkHttpClient http, TelegramSettings settings) {

    /** Bots may download at most 20 MB through the Bot API. */
    static final long MAX_DOWNLOAD = 20L * 1024 * 1024;

    /** What stands in the way of a download, when something does. */
    static final class TooLarge extends Exception {
        final long size;

        TooLarge(long size) {
            super("file of " + size + " bytes");
            this.size = size;
        }
    }

    byte[] download(String fileId, Long declaredSize) throws TelegramApiException, IOException, TooLarge {
        if (declaredSize != null && declaredSize > MAX_DOWNLOAD) {
            throw new TooLarge(declaredSize);
        }
        File file = api.execute(GetFile.builder().fileId(fileId).build());
        var request =
                new Request.Builder().url(settings.fileUrl(file.getFilePath())).build();
        try (var response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                // The status only: the URL would reveal the token.
                throw new IOException("file download failed with HTTP " + response.code());
            }
            try (InputStream in = response.body().byteStream()) {
                byte[] bytes = in.readNBytes((int) MAX_DOWNLOAD + 1);
                if (bytes.length > MAX_DOWNLOAD) {
                    throw new TooLarge(bytes.length);
                }
                return bytes;
            }
        }
    }
}

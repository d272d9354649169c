package dev.redraw.telegram;

import dev.redraw.core.net.Bodies;
import dev.redraw.core.request.ImageFetcher;
import java.io.IOException;
import java.util.OptionalLong;
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

    /** The image a message carries, to be downloaded (getFile, then the file) only when the core asks. */
    ImageFetcher fetcher(Incoming.ImageFile file) {
        return new ImageFetcher() {
            @Override
            public String name() {
                return file.name();
            }

            @Override
            public OptionalLong declaredSize() {
                return file.size() == null ? OptionalLong.empty() : OptionalLong.of(file.size());
            }

            @Override
            public Bodies.Hashed fetch() throws IOException {
                return download(file.fileId(), file.size());
            }
        };
    }

    Bodies.Hashed download(String fileId, Long declaredSize) throws IOException {
        if (declaredSize != null && declaredSize > MAX_DOWNLOAD) {
            throw new Bodies.TooLarge(declaredSize, MAX_DOWNLOAD);
        }
        File file;
        try {
            file = api.execute(GetFile.builder().fileId(fileId).build());
        } catch (TelegramApiException e) {
            // Not the message: it may hold the request, and the file URL holds the token.
            throw new IOException("getFile failed (" + e.getClass().getSimpleName() + ")", e);
        }
        var request =
                new Request.Builder().url(settings.fileUrl(file.getFilePath())).build();
        try (var response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                // The status only: the URL would reveal the token.
                throw new IOException("file download failed with HTTP " + response.code());
            }
            return Bodies.readHashed(
                    response.body().byteStream(), response.body().contentLength(), MAX_DOWNLOAD);
        }
    }
}

package dev.redraw.discord;

import dev.redraw.core.net.Bodies;
import dev.redraw.core.request.ImageFetcher;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import net.dv8tion.jda.api.entities.Message;
import okhttp3.OkHttpClient;

/** An attachment, downloaded from its URL only when the core asks. */
final class AttachmentFetcher implements ImageFetcher {

    private final Message.Attachment file;
    private final OkHttpClient downloads;

    AttachmentFetcher(Message.Attachment file, OkHttpClient downloads) {
        this.file = file;
        this.downloads = downloads;
    }

    @Override
    public String name() {
        return file.getFileName();
    }

    @Override
    public OptionalLong declaredSize() {
        return OptionalLong.of(file.getSize());
    }

    @Override
    public byte[] fetch() throws IOException {
        try {
            // Discord states each attachment's exact size; a body that differs from it is refused.
            return Bodies.read(file.getProxy().withClient(downloads).download().get(), file.getSize(), file.getSize());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while downloading an attachment");
        } catch (ExecutionException e) {
            // The class only: the message may hold the attachment's signed URL.
            throw new IOException(
                    "downloading an attachment failed: "
                            + e.getCause().getClass().getSimpleName(),
                    e.getCause());
        }
    }
}

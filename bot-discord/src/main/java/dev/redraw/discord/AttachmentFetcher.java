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

    /** How many times its stated size (at least a megabyte) an attachment's download may be. */
    private static final long SLACK = 4;

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
    public Bodies.Hashed fetch() throws IOException {
        try {
            // Images come through Discord's media proxy, which may serve other bytes than the file whose
            // size the attachment states: the size bounds the body only loosely.
            return Bodies.readHashed(
                    file.getProxy().withClient(downloads).download().get(),
                    -1,
                    SLACK * Math.max(file.getSize(), 1L << 20));
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

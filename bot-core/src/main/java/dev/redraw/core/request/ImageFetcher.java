package dev.redraw.core.request;

import java.io.IOException;
import java.util.OptionalLong;

/**
 * One image a user sent with a request, not yet downloaded: the platform adapter says how to get
 * it, the core decides whether and when. A refused user's images are never fetched.
 */
public interface ImageFetcher {

    /** The file's name as the user sent it; empty when the platform gives none (a photo). */
    String name();

    /** The size the platform declared for the file, when it declared one. */
    OptionalLong declaredSize();

    /**
     * Downloads the image.
     *
     * @throws TooLargeToFetch when the platform will not hand over a file this large
     * @throws IOException when the download failed
     */
    byte[] fetch() throws IOException;

    /** The file is {@code size} bytes; the platform lets the bot download at most {@code max}. */
    final class TooLargeToFetch extends IOException {
        private static final long serialVersionUID = 1L;

        private final long size;
        private final long max;

        public TooLargeToFetch(long size, long max) {
            super("file of " + size + " bytes, over the download limit of " + max);
            this.size = size;
            this.max = max;
        }

        public long size() {
            return size;
        }

        public long max() {
            return max;
        }
    }
}

package dev.redraw.core.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Whole bodies (downloads of users' photos, results from URLs) read into one array each. When the
 * length is declared, the bytes go straight into one array of that size. Read in small pieces, a
 * slow download of a large photo would keep thousands of buffers alive for seconds, and the garbage
 * collector would copy them at every young collection, pausing every other user's request; one
 * large array is never moved.
 */
public final class Bodies {

    private Bodies() {}

    /**
     * Reads {@code in} to its end and closes it.
     *
     * @param declaredLength the length the sender declared (a {@code Content-Length}), or a negative
     *     number when it declared none
     * @param max the most bytes taken
     * @throws TooLarge when the body, declared or read, is longer than {@code max}
     * @throws IOException when the body ends before, or runs past, its declared length
     */
    public static byte[] read(InputStream in, long declaredLength, long max) throws IOException {
        try (in) {
            if (declaredLength > max) {
                throw new TooLarge(declaredLength, max);
            }
            if (declaredLength < 0) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
                if (bytes.length > max) {
                    throw new TooLarge(bytes.length, max);
                }
                return bytes;
            }
            byte[] bytes = new byte[Math.toIntExact(declaredLength)];
            int read = in.readNBytes(bytes, 0, bytes.length);
            if (read < bytes.length) {
                throw new EOFException("the body ended after " + read + " of its " + bytes.length + " bytes");
            }
            if (in.read() != -1) {
                throw new IOException("the body runs past its declared " + bytes.length + " bytes");
            }
            return bytes;
        }
    }

    /** A body of at least {@code size} bytes, where at most {@code max} are taken. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        private final long size;
        private final long max;

        public TooLarge(long size, long max) {
            super("a body of " + size + " bytes or more, over the limit of " + max);
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

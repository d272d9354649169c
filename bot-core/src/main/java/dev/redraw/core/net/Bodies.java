package dev.redraw.core.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole bodies (downloads of users' photos, results from URLs) read into one array each. When the
 * length is declared, the bytes go straight into one array of that size. Read in small pieces, a
 * slow download of a large photo would keep thousands of buffers alive for seconds, and the garbage
 * collector would copy them at every young collection, pausing every other user's request; one
 * large array is never moved.
 */
public final class Bodies {

    /** Bytes read, and hashed, at a time. */
    private static final int PIECE = 64 * 1024;

    private Bodies() {}

    /** A whole body and the lowercase hex SHA-256 of its bytes. */
    public record Hashed(byte[] bytes, String sha256) {

        /** {@code bytes}, hashed now. */
        public static Hashed of(byte[] bytes) {
            return new Hashed(bytes, Sha256.of(bytes));
        }
    }

    /**
     * Like {@link #read(InputStream, long, long)}, hashing the body piece by piece as it arrives: a
     * photo downloading at a file server's pace is hashed at that pace too, not in one burst of CPU
     * at its end that would take a core from everybody else (five at once, for an album).
     */
    public static Hashed readHashed(InputStream in, long declaredLength, long max) throws IOException {
        MessageDigest digest = Sha256.digest();
        byte[] bytes = read(in, declaredLength, max, digest);
        return new Hashed(bytes, Sha256.hex(digest));
    }

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
        return read(in, declaredLength, max, null);
    }

    private static byte[] read(InputStream in, long declaredLength, long max, MessageDigest digest) throws IOException {
        try (in) {
            if (declaredLength > max) {
                throw new TooLarge(declaredLength, max);
            }
            if (declaredLength < 0) {
                return readUndeclared(in, max, digest);
            }
            byte[] bytes = new byte[Math.toIntExact(declaredLength)];
            int read = 0;
            while (read < bytes.length) {
                int wanted = Math.min(PIECE, bytes.length - read);
                int got = in.readNBytes(bytes, read, wanted);
                update(digest, bytes, read, got);
                read += got;
                if (got < wanted) {
                    throw new EOFException("the body ended after " + read + " of its " + bytes.length + " bytes");
                }
            }
            if (in.read() != -1) {
                throw new IOException("the body runs past its declared " + bytes.length + " bytes");
            }
            return bytes;
        }
    }

    private static byte[] readUndeclared(InputStream in, long max, MessageDigest digest) throws IOException {
        long limit = Math.min(Integer.MAX_VALUE - 8, max + 1);
        List<byte[]> pieces = new ArrayList<>();
        long total = 0;
        while (total < limit) {
            byte[] piece = in.readNBytes((int) Math.min(PIECE, limit - total));
            update(digest, piece, 0, piece.length);
            if (piece.length > 0) {
                pieces.add(piece);
                total += piece.length;
            }
            if (piece.length < PIECE) {
                break;
            }
        }
        if (total > max) {
            throw new TooLarge(total, max);
        }
        byte[] bytes = new byte[(int) total];
        int at = 0;
        for (byte[] piece : pieces) {
            System.arraycopy(piece, 0, bytes, at, piece.length);
            at += piece.length;
        }
        return bytes;
    }

    private static void update(MessageDigest digest, byte[] bytes, int offset, int length) {
        if (digest != null) {
            digest.update(bytes, offset, length);
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

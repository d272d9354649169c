package dev.redraw.core.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whole bodies (downloads of users' photos, results from URLs, models' answers) read into one array
 * each, optionally hashed as they arrive. When the length is declared, and no larger than {@link
 * #PRESIZED}, the bytes go straight into one array of that size. Read in small pieces, a slow
 * download of a large photo would keep thousands of buffers alive for seconds, and the garbage
 * collector would copy them at every young collection, pausing every other user's request; one
 * large array is never moved. A longer declared length is not taken on its word: such a body is read
 * in pieces as it comes, so a sender cannot make the bot set aside memory for bytes it never sends.
 */
public final class Bodies {

    /** Bytes read, and hashed, at a time. */
    private static final int PIECE = 64 * 1024;

    /** The longest declared length an array is made for before the bytes arrive. */
    static final long PRESIZED = 32L * 1024 * 1024;

    /** The longest array the JVM makes. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Bodies() {}

    /**
     * A whole body and the lowercase hex SHA-256 of its bytes. Only read or hashed in this package,
     * so the hash is always the bytes' own: images are stored under it.
     */
    public static final class Hashed {
        private final byte[] bytes;
        private final String sha256;

        private Hashed(byte[] bytes, String sha256) {
            this.bytes = bytes;
            this.sha256 = sha256;
        }

        /** {@code bytes}, hashed now. */
        public static Hashed of(byte[] bytes) {
            return new Hashed(bytes, Sha256.of(bytes));
        }

        /** {@code bytes} with the hash this package worked out from them. */
        static Hashed hashedBefore(byte[] bytes, String sha256) {
            return new Hashed(bytes, sha256);
        }

        public byte[] bytes() {
            return bytes;
        }

        public String sha256() {
            return sha256;
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
     * @param max the most bytes taken (never more than an array holds)
     * @throws TooLarge when the body, declared or read, is longer than {@code max}
     * @throws IOException when the body ends before, or runs past, its declared length
     */
    public static byte[] read(InputStream in, long declaredLength, long max) throws IOException {
        return read(in, declaredLength, max, null);
    }

    private static byte[] read(InputStream in, long declaredLength, long max, MessageDigest digest) throws IOException {
        try (in) {
            // No array is longer than this, whatever the caller allows.
            long most = Math.min(Math.max(0, max), MAX_ARRAY);
            if (declaredLength > most) {
                throw new TooLarge(declaredLength, most);
            }
            if (declaredLength < 0) {
                byte[] bytes = inPieces(in, most, digest);
                if (bytes == null) {
                    throw new TooLarge(most + 1, most);
                }
                return bytes;
            }
            if (declaredLength > PRESIZED) {
                byte[] bytes = inPieces(in, declaredLength, digest);
                if (bytes == null) {
                    throw pastDeclared(declaredLength);
                }
                if (bytes.length < declaredLength) {
                    throw ended(bytes.length, declaredLength);
                }
                return bytes;
            }
            byte[] bytes = new byte[(int) declaredLength];
            int read = 0;
            while (read < bytes.length) {
                int wanted = Math.min(PIECE, bytes.length - read);
                int got = in.readNBytes(bytes, read, wanted);
                update(digest, bytes, read, got);
                read += got;
                if (got < wanted) {
                    throw ended(read, bytes.length);
                }
            }
            if (in.read() != -1) {
                throw pastDeclared(declaredLength);
            }
            return bytes;
        }
    }

    /** The body read in pieces as it comes, or null when it runs past {@code max} bytes. */
    private static byte[] inPieces(InputStream in, long max, MessageDigest digest) throws IOException {
        List<byte[]> pieces = new ArrayList<>();
        long total = 0;
        while (true) {
            byte[] piece = new byte[(int) Math.min(PIECE, max - total + 1)];
            int got = in.readNBytes(piece, 0, piece.length);
            total += got;
            if (total > max) {
                return null;
            }
            update(digest, piece, 0, got);
            if (got > 0) {
                pieces.add(got == piece.length ? piece : Arrays.copyOf(piece, got));
            }
            if (got < piece.length) {
                break;
            }
        }
        if (pieces.size() == 1) {
            return pieces.getFirst();
        }
        byte[] bytes = new byte[(int) total];
        int at = 0;
        for (byte[] piece : pieces) {
            System.arraycopy(piece, 0, bytes, at, piece.length);
            at += piece.length;
        }
        return bytes;
    }

    private static EOFException ended(long read, long declared) {
        return new EOFException("the body ended after " + read + " of its " + declared + " bytes");
    }

    private static IOException pastDeclared(long declared) {
        return new IOException("the body runs past its declared " + declared + " bytes");
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

package dev.redraw.core.net;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Base64 text decoded, and the bytes hashed, side by side: a generated image is stored under its
 * SHA-256, and hashing a megabyte takes about as long as decoding it. The text is decoded a piece at
 * a time; each decoded piece is hashed on a thread of its own while the next one is decoded, so the
 * hash is ready a moment after the bytes are. Short texts are decoded, then hashed, on the caller's
 * thread.
 */
public final class HashedBase64 {

    /** Base64 characters decoded at a time: a multiple of four. */
    static final int PIECE = 64 * 1024;

    /** Texts shorter than this are decoded and hashed in turn: a thread would cost more than it saves. */
    static final int SIDE_BY_SIDE_FROM = 4 * PIECE;

    private HashedBase64() {}

    /**
     * The bytes the base64 text {@code text[start, end)} stands for, and their hash. The text is
     * what {@link Base64#getDecoder()} takes: the basic alphabet, no line breaks, padding optional.
     *
     * @throws IllegalArgumentException when it is not such base64
     */
    public static Bodies.Hashed decode(byte[] text, int start, int end) {
        Objects.checkFromToIndex(start, end, text.length);
        Base64.Decoder decoder = Base64.getDecoder();
        if (end - start < SIDE_BY_SIDE_FROM) {
            ByteBuffer decoded = decoder.decode(ByteBuffer.wrap(text, start, end - start));
            return Bodies.Hashed.of(
                    decoded.remaining() == decoded.array().length
                            ? decoded.array()
                            : Arrays.copyOfRange(decoded.array(), decoded.position(), decoded.limit()));
        }
        byte[] bytes = new byte[decodedLength(text, start, end)];
        var hasher = new Hasher(bytes);
        try {
            byte[] piece = new byte[PIECE];
            byte[] decoded = new byte[PIECE / 4 * 3];
            int written = 0;
            for (int at = start; at < end; at += PIECE) {
                int length = Math.min(PIECE, end - at);
                byte[] source = length == PIECE ? piece : new byte[length];
                System.arraycopy(text, at, source, 0, length);
                int count = decoder.decode(source, decoded);
                if (written + count > bytes.length) {
                    throw new IllegalArgumentException("the base64 text's padding does not match its length");
                }
                System.arraycopy(decoded, 0, bytes, written, count);
                written += count;
                hasher.hashTo(written);
            }
            // Padding before the end (a piece that decoded short) leaves bytes unwritten.
            if (written != bytes.length) {
                throw new IllegalArgumentException("padding before the end of the base64 text");
            }
            return Bodies.Hashed.hashedBefore(bytes, hasher.hash());
        } finally {
            hasher.stop();
        }
    }

    /**
     * The length of the bytes {@code text[start, end)} decodes to, from its length and padding;
     * whether the text is base64 at all is the decoder's to say.
     */
    static int decodedLength(byte[] text, int start, int end) {
        int length = end - start;
        int padding = 0;
        while (padding < 2 && length - padding > 0 && text[end - 1 - padding] == '=') {
            padding++;
        }
        return switch (length % 4) {
            case 0 -> length / 4 * 3 - padding;
            case 2, 3 -> {
                if (padding > 0) {
                    throw new IllegalArgumentException("the base64 text's padding does not match its length");
                }
                yield length / 4 * 3 + length % 4 - 1;
            }
            default -> throw new IllegalArgumentException("the base64 text's length leaves one character over");
        };
    }

    /** Hashes the bytes up to each mark it is given, in order, on a virtual thread of its own. */
    private static final class Hasher {
        private static final int STOP = -1;

        private final byte[] bytes;
        private final BlockingQueue<Integer> marks = new LinkedBlockingQueue<>();
        private final CompletableFuture<String> hash = new CompletableFuture<>();

        Hasher(byte[] bytes) {
            this.bytes = bytes;
            Thread.ofVirtual().name("base64-hash").start(this::run);
        }

        /** The bytes before {@code mark} are written: they may be hashed. */
        void hashTo(int mark) {
            marks.add(mark);
        }

        /** The hash of all the bytes, once each of them was marked; worked out here should the thread have failed. */
        String hash() {
            try {
                return hash.join();
            } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
                return Sha256.of(bytes);
            }
        }

        /** Ends the thread, when the decoding failed before the end. */
        void stop() {
            if (!hash.isDone()) {
                marks.add(STOP);
            }
        }

        private void run() {
            try {
                MessageDigest digest = Sha256.digest();
                int from = 0;
                while (true) {
                    int to = marks.take();
                    if (to == STOP) {
                        hash.cancel(false);
                        return;
                    }
                    digest.update(bytes, from, to - from);
                    from = to;
                    if (to == bytes.length) {
                        hash.complete(Sha256.hex(digest));
                        return;
                    }
                }
            } catch (InterruptedException e) {
                hash.completeExceptionally(e);
            } catch (RuntimeException | Error e) {
                hash.completeExceptionally(e);
                throw e;
            }
        }
    }
}

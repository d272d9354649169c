package dev.redraw.core.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.BiPredicate;

/**
 * Hand-assembled WebP files, since ImageIO has no WebP writer.
 *
 * <p>The lossless encoder writes the simplest valid VP8L bitstream: no transforms, no colour cache,
 * and five "simple" prefix codes. Red, blue and alpha have one symbol each, which costs zero bits per
 * pixel; green has two symbols, so each pixel is one bit choosing between two colours that differ
 * only in green.
 */
final class WebpFiles {

    /** A 1×1 lossy (VP8) WebP, grey, as used by browser WebP feature detection. */
    static final byte[] LOSSY_1X1 =
            Base64.getDecoder().decode("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");

    private WebpFiles() {}

    /**
     * A lossless WebP showing {@code second} where the predicate holds for (x, y) and {@code first}
     * elsewhere.
     */
    static byte[] lossless(int width, int height, int first, int second, BiPredicate<Integer, Integer> useSecond) {
        return riff(chunk("VP8L", vp8l(width, height, first, second, useSecond)));
    }

    static byte[] vp8l(int width, int height, int first, int second, BiPredicate<Integer, Integer> useSecond) {
        if ((first & 0xFFFF00FF) != (second & 0xFFFF00FF)) {
            throw new IllegalArgumentException("the two colours may differ only in green");
        }
        int alpha = first >>> 24;
        int red = (first >> 16) & 0xFF;
        int blue = first & 0xFF;
        int green0 = (first >> 8) & 0xFF;
        int green1 = (second >> 8) & 0xFF;
        if (green0 >= green1) {
            throw new IllegalArgumentException("the first colour needs the smaller green value");
        }
        BitWriter bits = new BitWriter();
        bits.write(0x2F, 8); // signature
        bits.write(width - 1, 14);
        bits.write(height - 1, 14);
        bits.write(alpha == 0xFF ? 0 : 1, 1); // alpha is used
        bits.write(0, 3); // version
        bits.write(0, 1); // no transform
        bits.write(0, 1); // no colour cache
        bits.write(0, 1); // no meta prefix codes
        simpleCode(bits, green0, green1);
        simpleCode(bits, red);
        simpleCode(bits, blue);
        simpleCode(bits, alpha);
        simpleCode(bits, 0); // distance, unused
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                bits.write(useSecond.test(x, y) ? 1 : 0, 1);
            }
        }
        return bits.toByteArray();
    }

    /** A simple prefix code of one or two 8-bit symbols; with two, the smaller gets code 0. */
    private static void simpleCode(BitWriter bits, int... symbols) {
        bits.write(1, 1); // simple code
        bits.write(symbols.length - 1, 1);
        bits.write(1, 1); // first symbol uses 8 bits
        for (int symbol : symbols) {
            bits.write(symbol, 8);
        }
    }

    /** The 10 leading bytes of a lossy key frame: frame tag, start code, 14-bit sizes and scale bits. */
    static byte[] vp8KeyFrameHeader(int width, int height, int horizontalScale, int verticalScale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x10); // key frame, version 0, shown; partition size is irrelevant here
        out.write(0x02);
        out.write(0x00);
        out.write(0x9D);
        out.write(0x01);
        out.write(0x2A);
        le16(out, width | (horizontalScale << 14));
        le16(out, height | (verticalScale << 14));
        return out.toByteArray();
    }

    static byte[] vp8x(int flags, int canvasWidth, int canvasHeight) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(flags);
        out.write(0);
        out.write(0);
        out.write(0);
        le24(out, canvasWidth - 1);
        le24(out, canvasHeight - 1);
        return chunk("VP8X", out.toByteArray());
    }

    static byte[] anim() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        le32(out, 0); // background colour
        le16(out, 0); // loop forever
        return chunk("ANIM", out.toByteArray());
    }

    /** An animation frame at (x, y); both must be even. */
    static byte[] anmf(int x, int y, int width, int height, byte[] frameChunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        le24(out, x / 2);
        le24(out, y / 2);
        le24(out, width - 1);
        le24(out, height - 1);
        le24(out, 100); // duration in ms
        out.write(0);
        out.writeBytes(frameChunks);
        return chunk("ANMF", out.toByteArray());
    }

    static byte[] chunk(String fourCc, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(fourCc.getBytes(StandardCharsets.US_ASCII));
        le32(out, data.length);
        out.writeBytes(data);
        if (data.length % 2 == 1) {
            out.write(0);
        }
        return out.toByteArray();
    }

    static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        for (byte[] chunk : chunks) {
            body.writeBytes(chunk);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        le32(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void le16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xFF);
        out.write((value >> 8) & 0xFF);
    }

    private static void le24(ByteArrayOutputStream out, int value) {
        le16(out, value);
        out.write((value >> 16) & 0xFF);
    }

    private static void le32(ByteArrayOutputStream out, int value) {
        le24(out, value);
        out.write((value >>> 24) & 0xFF);
    }

    /** Packs bits least significant first, as VP8L reads them. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int pending;
        private int pendingCount;

        void write(int value, int count) {
            for (int i = 0; i < count; i++) {
                pending |= ((value >>> i) & 1) << pendingCount;
                if (++pendingCount == 8) {
                    out.write(pending);
                    pending = 0;
                    pendingCount = 0;
                }
            }
        }

        byte[] toByteArray() {
            if (pendingCount > 0) {
                out.write(pending);
                pending = 0;
                pendingCount = 0;
            }
            return out.toByteArray();
        }
    }
}

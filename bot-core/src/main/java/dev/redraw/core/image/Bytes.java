package dev.redraw.core.image;

import java.nio.charset.StandardCharsets;

/** Unsigned reads from byte arrays; callers check bounds first. */
final class Bytes {

    private Bytes() {}

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static boolean startsWith(byte[] bytes, long offset, byte[] prefix) {
        if (offset < 0 || bytes.length - offset < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[(int) offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int u8(byte[] bytes, int offset) {
        return bytes[offset] & 0xFF;
    }

    static int be16(byte[] bytes, int offset) {
        return (u8(bytes, offset) << 8) | u8(bytes, offset + 1);
    }

    static long be32(byte[] bytes, int offset) {
        return ((long) be16(bytes, offset) << 16) | be16(bytes, offset + 2);
    }

    static int le16(byte[] bytes, int offset) {
        return u8(bytes, offset) | (u8(bytes, offset + 1) << 8);
    }

    static int le24(byte[] bytes, int offset) {
        return le16(bytes, offset) | (u8(bytes, offset + 2) << 16);
    }

    static long le32(byte[] bytes, int offset) {
        return le24(bytes, offset) | ((long) u8(bytes, offset + 3) << 24);
    }
}

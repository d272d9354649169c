package dev.redraw.core.image;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Checks that a PNG is whole without building its pixels: every chunk's CRC is right, the header's
 * fields are ones the format allows, and the compressed image data inflates to exactly the rows its
 * size and pixel format take, each starting with a valid filter type. That is what a decoder can
 * find wrong with a PNG; what it adds (unfiltering, colour conversion) cannot fail. It costs a few
 * milliseconds where decoding a photo-sized PNG takes tens. Interlaced and animated PNGs are left
 * to the full decoder.
 */
final class PngCheck {

    /** What the check found. */
    enum Verdict {
        WHOLE,
        DAMAGED,
        /** Interlaced or animated: decode it to know. */
        DECODE
    }

    private static final int SIGNATURE = 8;

    private PngCheck() {}

    static Verdict check(byte[] png) {
        try {
            return scan(png);
        } catch (DataFormatException | IndexOutOfBoundsException e) {
            return Verdict.DAMAGED;
        }
    }

    private static Verdict scan(byte[] png) throws DataFormatException {
        int at = SIGNATURE;
        long rowBytes = -1;
        long height = -1;
        long rows = 0;
        long inRow = 0;
        boolean palette = false;
        boolean sawPalette = false;
        boolean sawData = false;
        boolean dataEnded = false;
        Inflater inflater = new Inflater();
        byte[] out = new byte[64 * 1024];
        CRC32 crc = new CRC32();
        try {
            while (true) {
                if (at + 12 > png.length) {
                    return Verdict.DAMAGED;
                }
                long length = readInt(png, at) & 0xFFFF_FFFFL;
                if (length > png.length - at - 12L) {
                    return Verdict.DAMAGED;
                }
                int data = at + 8;
                int end = data + (int) length;
                String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
                crc.reset();
                crc.update(png, at + 4, 4 + (int) length);
                if ((int) crc.getValue() != readInt(png, end)) {
                    return Verdict.DAMAGED;
                }
                if (rowBytes < 0 && !type.equals("IHDR")) {
                    return Verdict.DAMAGED;
                }
                switch (type) {
                    case "IHDR" -> {
                        if (rowBytes >= 0 || length != 13) {
                            return Verdict.DAMAGED;
                        }
                        long width = readInt(png, data) & 0xFFFF_FFFFL;
                        height = readInt(png, data + 4) & 0xFFFF_FFFFL;
                        int depth = png[data + 8] & 0xFF;
                        int colour = png[data + 9] & 0xFF;
                        int channels = channels(colour, depth);
                        if (width == 0 || height == 0 || channels == 0 || png[data + 10] != 0 || png[data + 11] != 0) {
                            return Verdict.DAMAGED;
                        }
                        int interlace = png[data + 12] & 0xFF;
                        if (interlace > 1) {
                            return Verdict.DAMAGED;
                        }
                        if (interlace == 1) {
                            return Verdict.DECODE;
                        }
                        palette = colour == 3;
                        rowBytes = 1 + (width * channels * depth + 7) / 8;
                    }
                    case "acTL" -> {
                        return Verdict.DECODE;
                    }
                    case "PLTE" -> sawPalette = true;
                    case "IDAT" -> {
                        if (dataEnded || (palette && !sawPalette)) {
                            return Verdict.DAMAGED;
                        }
                        sawData = true;
                        inflater.setInput(png, data, (int) length);
                        while (!inflater.needsInput() && !inflater.finished()) {
                            int n = inflater.inflate(out);
                            if (n == 0 && inflater.needsDictionary()) {
                                return Verdict.DAMAGED;
                            }
                            int i = 0;
                            while (i < n) {
                                if (inRow == 0 && (rows == height || (out[i] & 0xFF) > 4)) {
                                    return Verdict.DAMAGED;
                                }
                                int take = (int) Math.min(n - i, rowBytes - inRow);
                                i += take;
                                inRow += take;
                                if (inRow == rowBytes) {
                                    inRow = 0;
                                    rows++;
                                }
                            }
                        }
                    }
                    case "IEND" -> {
                        return sawData && inflater.finished() && rows == height && inRow == 0
                                ? Verdict.WHOLE
                                : Verdict.DAMAGED;
                    }
                    default -> {
                        if (sawData) {
                            dataEnded = true;
                        }
                    }
                }
                at = end + 4;
            }
        } finally {
            inflater.end();
        }
    }

    /** Samples per pixel for a colour type, or 0 when the bit depth is not allowed for it. */
    private static int channels(int colour, int depth) {
        return switch (colour) {
            case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16 ? 1 : 0;
            case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 ? 1 : 0;
            case 2 -> depth == 8 || depth == 16 ? 3 : 0;
            case 4 -> depth == 8 || depth == 16 ? 2 : 0;
            case 6 -> depth == 8 || depth == 16 ? 4 : 0;
            default -> 0;
        };
    }

    private static int readInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 24)
                | ((bytes[at + 1] & 0xFF) << 16)
                | ((bytes[at + 2] & 0xFF) << 8)
                | (bytes[at + 3] & 0xFF);
    }
}

package dev.redraw.core.image;

import static dev.redraw.core.image.Bytes.ascii;
import static dev.redraw.core.image.Bytes.le16;
import static dev.redraw.core.image.Bytes.le24;
import static dev.redraw.core.image.Bytes.le32;
import static dev.redraw.core.image.Bytes.startsWith;
import static dev.redraw.core.image.Bytes.u8;

import java.nio.charset.StandardCharsets;

/**
 * Reads the RIFF container of a WebP file: canvas size, and for animations the placement of the
 * first frame. Besides the header fields it checks that the declared sizes agree with each other and
 * with the data present, because the WebP decoder silently fills missing pixel data in.
 */
final class WebpParser {

    static final byte[] RIFF = ascii("RIFF");
    static final byte[] WEBP = ascii("WEBP");

    private static final int RIFF_HEADER = 12;
    private static final int CHUNK_HEADER = 8;
    private static final int VP8X_PAYLOAD = 10;
    private static final int ANMF_HEADER = 16;
    private static final int VP8_MIN_PAYLOAD = 10;
    private static final int VP8L_MIN_PAYLOAD = 5;
    private static final int VP8L_SIGNATURE = 0x2F;
    private static final int ANIMATION_FLAG = 0x02;

    /**
     * @param firstFrame the frame to show: the whole canvas for still images
     */
    record WebpInfo(int canvasWidth, int canvasHeight, boolean animated, FrameBounds firstFrame) {}

    private record Chunk(String fourCc, int dataOffset, int size) {
        int next() {
            return dataOffset + size + (size & 1); // chunks are padded to an even length
        }
    }

    private record Size(int width, int height) {}

    private WebpParser() {}

    static WebpInfo parse(byte[] bytes) throws ImageRejectedException {
        if (bytes.length < RIFF_HEADER + CHUNK_HEADER || !startsWith(bytes, 0, RIFF) || !startsWith(bytes, 8, WEBP)) {
            throw ImageRejectedException.corrupt();
        }
        long riffSize = le32(bytes, 4);
        if (riffSize < WEBP.length + CHUNK_HEADER || riffSize > bytes.length - 8L) {
            throw ImageRejectedException.corrupt(); // truncated, or a size field that lies
        }
        int end = (int) (8 + riffSize);
        Chunk first = chunkAt(bytes, RIFF_HEADER, end);
        return switch (first.fourCc()) {
            case "VP8 ", "VP8L" -> {
                Size size = bitstreamSize(bytes, first);
                yield new WebpInfo(size.width(), size.height(), false, FrameBounds.whole(size.width(), size.height()));
            }
            case "VP8X" -> extended(bytes, first, end);
            default -> throw ImageRejectedException.corrupt();
        };
    }

    /** VP8X: flags, three reserved bytes, then canvas width-1 and height-1 as 24-bit values. */
    private static WebpInfo extended(byte[] bytes, Chunk vp8x, int end) throws ImageRejectedException {
        if (vp8x.size() < VP8X_PAYLOAD) {
            throw ImageRejectedException.corrupt();
        }
        int offset = vp8x.dataOffset();
        boolean animated = (u8(bytes, offset) & ANIMATION_FLAG) != 0;
        int canvasWidth = le24(bytes, offset + 4) + 1;
        int canvasHeight = le24(bytes, offset + 7) + 1;
        for (int pos = vp8x.next(); pos + CHUNK_HEADER <= end; ) {
            Chunk chunk = chunkAt(bytes, pos, end);
            if (animated && chunk.fourCc().equals("ANMF")) {
                FrameBounds frame = firstFrame(bytes, chunk);
                if (!frame.fitsIn(canvasWidth, canvasHeight)) {
                    throw ImageRejectedException.corrupt();
                }
                return new WebpInfo(canvasWidth, canvasHeight, true, frame);
            }
            if (!animated && isBitstream(chunk)) {
                Size size = bitstreamSize(bytes, chunk);
                if (size.width() != canvasWidth || size.height() != canvasHeight) {
                    throw ImageRejectedException.corrupt();
                }
                return new WebpInfo(canvasWidth, canvasHeight, false, FrameBounds.whole(canvasWidth, canvasHeight));
            }
            pos = chunk.next();
        }
        throw ImageRejectedException.corrupt(); // no image data at all
    }

    /** ANMF: x/2, y/2, width-1, height-1, duration (24 bits each), flags, then the frame's chunks. */
    private static FrameBounds firstFrame(byte[] bytes, Chunk anmf) throws ImageRejectedException {
        if (anmf.size() < ANMF_HEADER + CHUNK_HEADER) {
            throw ImageRejectedException.corrupt();
        }
        int offset = anmf.dataOffset();
        FrameBounds frame = new FrameBounds(
                le24(bytes, offset) * 2,
                le24(bytes, offset + 3) * 2,
                le24(bytes, offset + 6) + 1,
                le24(bytes, offset + 9) + 1);
        int frameEnd = offset + anmf.size();
        for (int pos = offset + ANMF_HEADER; pos + CHUNK_HEADER <= frameEnd; ) {
            Chunk chunk = chunkAt(bytes, pos, frameEnd);
            if (isBitstream(chunk)) {
                Size size = bitstreamSize(bytes, chunk);
                if (size.width() != frame.width() || size.height() != frame.height()) {
                    throw ImageRejectedException.corrupt();
                }
                return frame;
            }
            pos = chunk.next(); // ALPH and unknown chunks
        }
        throw ImageRejectedException.corrupt();
    }

    private static boolean isBitstream(Chunk chunk) {
        return chunk.fourCc().equals("VP8 ") || chunk.fourCc().equals("VP8L");
    }

    private static Size bitstreamSize(byte[] bytes, Chunk chunk) throws ImageRejectedException {
        int offset = chunk.dataOffset();
        if (chunk.fourCc().equals("VP8L")) {
            // Signature 0x2F, then 14 bits width-1, 14 bits height-1, 1 bit alpha, 3 bits version (0).
            if (chunk.size() < VP8L_MIN_PAYLOAD || u8(bytes, offset) != VP8L_SIGNATURE) {
                throw ImageRejectedException.corrupt();
            }
            long bits = le32(bytes, offset + 1);
            if ((bits >>> 29) != 0) {
                throw ImageRejectedException.corrupt();
            }
            return new Size((int) (bits & 0x3FFF) + 1, (int) ((bits >>> 14) & 0x3FFF) + 1);
        }
        // Lossy: a 3-byte frame tag (bit 0 clear on key frames), start code 9D 01 2A, then width and
        // height as 14-bit values whose top two bits are an upscaling hint.
        if (chunk.size() < VP8_MIN_PAYLOAD
                || (u8(bytes, offset) & 1) != 0
                || u8(bytes, offset + 3) != 0x9D
                || u8(bytes, offset + 4) != 0x01
                || u8(bytes, offset + 5) != 0x2A) {
            throw ImageRejectedException.corrupt();
        }
        int width = le16(bytes, offset + 6) & 0x3FFF;
        int height = le16(bytes, offset + 8) & 0x3FFF;
        if (width == 0 || height == 0) {
            throw ImageRejectedException.corrupt();
        }
        return new Size(width, height);
    }

    private static Chunk chunkAt(byte[] bytes, int offset, int end) throws ImageRejectedException {
        if (offset + CHUNK_HEADER > end) {
            throw ImageRejectedException.corrupt();
        }
        long size = le32(bytes, offset + 4);
        if (size > end - (offset + CHUNK_HEADER)) {
            throw ImageRejectedException.corrupt();
        }
        return new Chunk(new String(bytes, offset, 4, StandardCharsets.US_ASCII), offset + CHUNK_HEADER, (int) size);
    }
}

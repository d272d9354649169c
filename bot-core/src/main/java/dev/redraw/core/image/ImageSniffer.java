package dev.redraw.core.image;

import static dev.redraw.core.image.Bytes.ascii;
import static dev.redraw.core.image.Bytes.be16;
import static dev.redraw.core.image.Bytes.be32;
import static dev.redraw.core.image.Bytes.le16;
import static dev.redraw.core.image.Bytes.startsWith;
import static dev.redraw.core.image.Bytes.u8;

import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Identifies images by their magic bytes and reads their dimensions from the header alone, so that
 * oversized images can be refused before a single pixel is decoded. File names and declared content
 * types are never consulted: they come from the sender and cannot be trusted.
 */
public final class ImageSniffer {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] PNG_IHDR = ascii("IHDR");
    private static final byte[] GIF87A = ascii("GIF87a");
    private static final byte[] GIF89A = ascii("GIF89a");
    private static final int PNG_IHDR_LENGTH = 13;
    private static final int GIF_HEADER_LENGTH = 13;

    private ImageSniffer() {}

    /** The format announced by the leading magic bytes, if any. */
    public static Optional<ImageFormat> detect(byte[] bytes) {
        if (bytes == null) {
            return Optional.empty();
        }
        if (startsWith(bytes, 0, PNG_SIGNATURE)) {
            return Optional.of(ImageFormat.PNG);
        }
        if (bytes.length >= 3 && u8(bytes, 0) == 0xFF && u8(bytes, 1) == 0xD8 && u8(bytes, 2) == 0xFF) {
            return Optional.of(ImageFormat.JPEG);
        }
        if (startsWith(bytes, 0, GIF87A) || startsWith(bytes, 0, GIF89A)) {
            return Optional.of(ImageFormat.GIF);
        }
        if (startsWith(bytes, 0, WebpParser.RIFF) && startsWith(bytes, 8, WebpParser.WEBP)) {
            return Optional.of(ImageFormat.WEBP);
        }
        return Optional.empty();
    }

    /**
     * Reads format, width and height from the header without decoding pixels.
     *
     * @throws ImageRejectedException NOT_AN_IMAGE for unknown magic bytes, CORRUPT for truncated or
     *     inconsistent headers, UNSUPPORTED_FORMAT for JPEG variants (lossless, arithmetic-coded) that
     *     cannot be decoded here
     */
    public static ImageHeader readHeader(byte[] bytes) throws ImageRejectedException {
        ImageFormat format = detect(bytes).orElseThrow(() -> new ImageRejectedException(new ImageProblem.NotAnImage()));
        return switch (format) {
            case PNG -> readPng(bytes);
            case JPEG -> readJpeg(bytes);
            case GIF -> readGif(bytes);
            case WEBP -> {
                WebpParser.WebpInfo info = WebpParser.parse(bytes);
                yield new ImageHeader(ImageFormat.WEBP, info.canvasWidth(), info.canvasHeight());
            }
        };
    }

    /** IHDR must be the first chunk: length 13, then width and height as 31-bit big-endian values. */
    private static ImageHeader readPng(byte[] bytes) throws ImageRejectedException {
        int chunkStart = PNG_SIGNATURE.length;
        int dataStart = chunkStart + 8;
        int crcStart = dataStart + PNG_IHDR_LENGTH;
        if (bytes.length < crcStart + 4
                || be32(bytes, chunkStart) != PNG_IHDR_LENGTH
                || !startsWith(bytes, chunkStart + 4, PNG_IHDR)) {
            throw ImageRejectedException.corrupt();
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, chunkStart + 4, 4 + PNG_IHDR_LENGTH);
        if (crc.getValue() != be32(bytes, crcStart)) {
            throw ImageRejectedException.corrupt();
        }
        long width = be32(bytes, dataStart);
        long height = be32(bytes, dataStart + 4);
        int bitDepth = u8(bytes, dataStart + 8);
        int colourType = u8(bytes, dataStart + 9);
        if (!validPngDepth(colourType, bitDepth)) {
            throw ImageRejectedException.corrupt();
        }
        return header(ImageFormat.PNG, width, height);
    }

    private static boolean validPngDepth(int colourType, int bitDepth) {
        return switch (colourType) {
            case 0 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
            case 3 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
            case 2, 4, 6 -> bitDepth == 8 || bitDepth == 16;
            default -> false;
        };
    }

    /**
     * Walks the marker segments after SOI, skipping each by its length, until the first frame header
     * (SOF0..SOF15 without DHT C4, JPG C8 and DAC CC). Reaching image data or the end first means the
     * file is broken.
     */
    private static ImageHeader readJpeg(byte[] bytes) throws ImageRejectedException {
        int pos = 2;
        while (true) {
            if (pos >= bytes.length || u8(bytes, pos) != 0xFF) {
                throw ImageRejectedException.corrupt();
            }
            while (pos < bytes.length && u8(bytes, pos) == 0xFF) {
                pos++; // fill bytes may pad any marker
            }
            if (pos >= bytes.length) {
                throw ImageRejectedException.corrupt();
            }
            int marker = u8(bytes, pos++);
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // standalone markers carry no length
            }
            if (marker == 0x00 || marker == 0xD8 || marker == 0xD9 || marker == 0xDA) {
                throw ImageRejectedException.corrupt();
            }
            if (pos + 2 > bytes.length) {
                throw ImageRejectedException.corrupt();
            }
            int length = be16(bytes, pos);
            if (length < 2) {
                throw ImageRejectedException.corrupt();
            }
            if (isStartOfFrame(marker)) {
                // length(2) precision(1) height(2) width(2) components(1)
                if (length < 8 || pos + 8 > bytes.length) {
                    throw ImageRejectedException.corrupt();
                }
                int height = be16(bytes, pos + 3);
                int width = be16(bytes, pos + 5);
                // A zero height defers to a DNL marker, which the Java decoder does not support either.
                ImageHeader header = header(ImageFormat.JPEG, width, height);
                if (!isDecodableFrame(marker)) {
                    throw new ImageRejectedException(new ImageProblem.UnsupportedJpeg());
                }
                return header;
            }
            pos += length;
        }
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** Baseline, extended and progressive Huffman: the processes the bundled libjpeg decodes. */
    private static boolean isDecodableFrame(int marker) {
        return marker == 0xC0 || marker == 0xC1 || marker == 0xC2;
    }

    /** The logical screen descriptor follows the six-byte signature: width and height, little-endian. */
    private static ImageHeader readGif(byte[] bytes) throws ImageRejectedException {
        if (bytes.length < GIF_HEADER_LENGTH) {
            throw ImageRejectedException.corrupt();
        }
        return header(ImageFormat.GIF, le16(bytes, 6), le16(bytes, 8));
    }

    private static ImageHeader header(ImageFormat format, long width, long height) throws ImageRejectedException {
        if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw ImageRejectedException.corrupt();
        }
        return new ImageHeader(format, (int) width, (int) height);
    }
}

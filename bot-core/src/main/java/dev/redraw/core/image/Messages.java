package dev.redraw.core.image;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** User-facing texts of the intake, kept together so their wording stays consistent. */
final class Messages {

    static final String NOT_AN_IMAGE = "This file is not an image: send a PNG, JPEG, WEBP or GIF.";
    static final String CORRUPT = "The image could not be read: the file is damaged or incomplete.";
    static final String UNSUPPORTED_JPEG = "This JPEG uses a lossless or arithmetic-coded variant that cannot be read:"
            + " save it as a standard JPEG or PNG and send it again.";

    private static final String TIMES = "\u00d7";
    private static final long KIB = 1024;
    private static final long MIB = 1024 * 1024;
    private static final long MEGAPIXEL = 1_000_000;

    private Messages() {}

    static String noReader(ImageFormat format) {
        return format + " images cannot be read here: send a PNG or JPEG.";
    }

    static String tooManyPixels(int width, int height, long maxPixels) {
        // The image's size rounds up and the limit down, so the two never print as equal.
        return "The image is " + dimensions(width, height) + " ("
                + pixels((long) width * height, RoundingMode.CEILING) + "); the limit is "
                + pixels(maxPixels, RoundingMode.FLOOR) + ".";
    }

    static String tooLarge(long size, long maxBytes) {
        return "The image is " + bytes(size, RoundingMode.CEILING) + ", over the " + bytes(maxBytes, RoundingMode.FLOOR)
                + " limit, and could not be made small enough to fit.";
    }

    static String firstFrameOnly(ImageFormat format) {
        return "Only the first frame of the animated " + format + " is used.";
    }

    static String shrunk(
            boolean convertedFirst, long size, long maxBytes, int width, int height, ImageFormat format, long newSize) {
        String subject = convertedFirst ? "Converted to PNG, it was " : "Your image was ";
        return subject + bytes(size, RoundingMode.CEILING) + ", over the " + bytes(maxBytes, RoundingMode.FLOOR)
                + " limit, so it was re-encoded to " + dimensions(width, height) + " " + format + " ("
                + bytes(newSize, RoundingMode.FLOOR) + ").";
    }

    static String dimensions(int width, int height) {
        return width + TIMES + height;
    }

    /** "12.4 MB", "7 MB", "512 KB", "100 bytes" (binary units, one decimal at most). */
    static String bytes(long bytes, RoundingMode rounding) {
        if (bytes >= MIB) {
            return oneDecimal(bytes, MIB, rounding) + " MB";
        }
        if (bytes >= KIB) {
            return oneDecimal(bytes, KIB, rounding) + " KB";
        }
        return bytes == 1 ? "1 byte" : bytes + " bytes";
    }

    /** "400 megapixels", "2.1 megapixels", or plain pixels below a tenth of a megapixel. */
    static String pixels(long pixels, RoundingMode rounding) {
        if (pixels >= MEGAPIXEL / 10) {
            return oneDecimal(pixels, MEGAPIXEL, rounding) + " megapixels";
        }
        return pixels == 1 ? "1 pixel" : pixels + " pixels";
    }

    private static String oneDecimal(long value, long unit, RoundingMode rounding) {
        return BigDecimal.valueOf(value)
                .divide(BigDecimal.valueOf(unit), 1, rounding)
                .stripTrailingZeros()
                .toPlainString();
    }
}

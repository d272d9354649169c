package dev.redraw.core.image;

import static dev.redraw.core.image.Bytes.ascii;
import static dev.redraw.core.image.Bytes.be16;
import static dev.redraw.core.image.Bytes.startsWith;
import static dev.redraw.core.image.Bytes.u8;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * The EXIF orientation of a JPEG. Phones store pixels as the sensor saw them and record the rotation
 * in this tag; the JDK decoder ignores it, so a re-encoded photo would come out sideways unless the
 * rotation is applied to the pixels first.
 */
final class ExifOrientation {

    static final int NORMAL = 1;

    private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0, 0};
    private static final byte[] LITTLE_ENDIAN = ascii("II");
    private static final byte[] BIG_ENDIAN = ascii("MM");
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int SHORT_TYPE = 3;
    private static final int IFD_ENTRY_SIZE = 12;

    private ExifOrientation() {}

    /** Orientation 1 to 8 from the first EXIF segment; {@link #NORMAL} when absent or unreadable. */
    static int of(byte[] jpeg) {
        int pos = 2;
        while (pos + 4 <= jpeg.length && u8(jpeg, pos) == 0xFF) {
            int marker = u8(jpeg, pos + 1);
            if (marker == 0xDA || marker == 0xD9) {
                break; // EXIF precedes the image data
            }
            int length = be16(jpeg, pos + 2);
            int payload = pos + 4;
            if (marker == 0xE1 && startsWith(jpeg, payload, EXIF_HEADER)) {
                return fromTiff(jpeg, payload + EXIF_HEADER.length, Math.min(jpeg.length, pos + 2 + length));
            }
            pos += 2 + length;
        }
        return NORMAL;
    }

    /** Looks the tag up in IFD0 of the TIFF structure that EXIF wraps. */
    private static int fromTiff(byte[] bytes, int tiff, int end) {
        boolean little;
        if (startsWith(bytes, tiff, LITTLE_ENDIAN)) {
            little = true;
        } else if (startsWith(bytes, tiff, BIG_ENDIAN)) {
            little = false;
        } else {
            return NORMAL;
        }
        if (tiff + 8 > end) {
            return NORMAL;
        }
        long ifd = tiff + unsigned32(bytes, tiff + 4, little);
        if (ifd + 2 > end) {
            return NORMAL;
        }
        int entries = unsigned16(bytes, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + i * IFD_ENTRY_SIZE;
            if (entry + IFD_ENTRY_SIZE > end) {
                return NORMAL;
            }
            if (unsigned16(bytes, entry, little) == ORIENTATION_TAG
                    && unsigned16(bytes, entry + 2, little) == SHORT_TYPE) {
                int value = unsigned16(bytes, entry + 8, little);
                return value >= 1 && value <= 8 ? value : NORMAL;
            }
        }
        return NORMAL;
    }

    /** The image as it is meant to be seen; the image itself for {@link #NORMAL}. */
    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation <= NORMAL || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        // Each transform maps the source pixel grid exactly onto the destination grid.
        AffineTransform transform = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0); // mirrored
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h); // upside down
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h); // mirrored upside down
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0); // transposed
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0); // turned 90° clockwise
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w); // transversed
            default -> new AffineTransform(0, -1, 1, 0, 0, w); // turned 90° anticlockwise
        };
        boolean swapsSides = orientation >= 5;
        int type = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage oriented = new BufferedImage(swapsSides ? h : w, swapsSides ? w : h, type);
        Graphics2D graphics = oriented.createGraphics();
        try {
            graphics.setRenderingHint(
                    RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            graphics.drawImage(image, transform, null);
        } finally {
            graphics.dispose();
        }
        return oriented;
    }

    private static int unsigned16(byte[] bytes, int offset, boolean little) {
        return little ? Bytes.le16(bytes, offset) : be16(bytes, offset);
    }

    private static long unsigned32(byte[] bytes, int offset, boolean little) {
        return little ? Bytes.le32(bytes, offset) : Bytes.be32(bytes, offset);
    }
}

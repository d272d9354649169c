package dev.redraw.telegram.fake;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** What the fake Bot API needs to know of an uploaded file: its kind, its pixel size, a small preview. */
final class FakeImages {

    private FakeImages() {}

    /** The file extension Telegram would give the bytes: by their signature, {@code bin} when unknown. */
    static String extension(byte[] bytes) {
        if (startsWith(bytes, 0, (byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G')) {
            return "png";
        }
        if (startsWith(bytes, 0, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF)) {
            return "jpg";
        }
        if (startsWith(bytes, 0, (byte) 'G', (byte) 'I', (byte) 'F', (byte) '8')) {
            return "gif";
        }
        if (startsWith(bytes, 0, (byte) 'R', (byte) 'I', (byte) 'F', (byte) 'F')
                && startsWith(bytes, 8, (byte) 'W', (byte) 'E', (byte) 'B', (byte) 'P')) {
            return "webp";
        }
        return "bin";
    }

    static String mimeType(byte[] bytes) {
        return switch (extension(bytes)) {
            case "png" -> "image/png";
            case "jpg" -> "image/jpeg";
            case "gif" -> "image/gif";
            case "webp" -> "image/webp";
            default -> "application/octet-stream";
        };
    }

    /** Width and height from the image header, or null when no ImageIO reader understands the bytes. */
    static int[] size(byte[] bytes) {
        if (extension(bytes).equals("png")
                && bytes.length >= 24
                && startsWith(bytes, 12, (byte) 'I', (byte) 'H', (byte) 'D', (byte) 'R')) {
            // The header chunk comes first in every PNG: no reader needs to be looked up for it.
            ByteBuffer header = ByteBuffer.wrap(bytes, 16, 8);
            return new int[] {header.getInt(), header.getInt()};
        }
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A JPEG whose longer side is at most {@code maxSide}, or null when the bytes do not decode. */
    static byte[] thumbnail(byte[] bytes, int maxSide) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                return null;
            }
            double scale = Math.min(1.0, (double) maxSide / Math.max(image.getWidth(), image.getHeight()));
            int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
            int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
            BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D graphics = small.createGraphics();
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.drawImage(image, 0, 0, width, height, null);
            graphics.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            return ImageIO.write(small, "jpg", out) ? out.toByteArray() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] bytes, int offset, byte... prefix) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

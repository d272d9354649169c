package dev.redraw.core.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Small JPEG copies of stored images, for pages that show many at once. The source is read
 * subsampled (every n-th pixel of every n-th row) to about twice the size asked for, then scaled
 * down smoothly, so a large image costs a fraction of a full decode.
 */
public final class Thumbnails {

    /** The JPEG quality of a thumbnail: small files, no visible blocks at that size. */
    private static final float QUALITY = 0.8f;

    private Thumbnails() {}

    /**
     * A JPEG of {@code bytes} whose longer side is at most {@code longSide} pixels; an image already
     * that small keeps its size. Empty when the bytes are no image this machine can read.
     */
    public static Optional<byte[]> jpeg(byte[] bytes, int longSide) {
        if (longSide < 1) {
            throw new IllegalArgumentException("a thumbnail needs a size: " + longSide);
        }
        Optional<ImageFormat> format = ImageSniffer.detect(bytes);
        if (format.isEmpty()) {
            return Optional.empty();
        }
        Iterator<ImageReader> readers =
                ImageIO.getImageReadersByMIMEType(format.get().mimeType());
        if (!readers.hasNext()) {
            return Optional.empty();
        }
        ImageReader reader = readers.next();
        try (ImageInputStream input = new ByteArrayImageInputStream(bytes)) {
            reader.setInput(input, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            int step = Math.max(1, Math.max(width, height) / (2 * longSide));
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage read = reader.read(0, param);
            double scale = Math.min(1.0, (double) longSide / Math.max(read.getWidth(), read.getHeight()));
            int targetWidth = Math.max(1, (int) Math.round(read.getWidth() * scale));
            int targetHeight = Math.max(1, (int) Math.round(read.getHeight() * scale));
            BufferedImage small = scale < 1.0 ? ImageCodec.resize(read, targetWidth, targetHeight) : read;
            if (format.get() == ImageFormat.JPEG) {
                // A JPEG kept as sent may say how to turn it; the thumbnail, which loses that, is turned.
                small = ExifOrientation.apply(small, ExifOrientation.of(bytes));
            }
            return Optional.of(ImageCodec.encodeJpeg(small, QUALITY));
        } catch (IOException | RuntimeException e) {
            // Decoders signal damaged data with all kinds of exceptions.
            return Optional.empty();
        } finally {
            reader.dispose();
        }
    }
}

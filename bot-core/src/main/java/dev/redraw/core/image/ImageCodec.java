package dev.redraw.core.image;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Encoding and resizing helpers on top of ImageIO and Java2D. */
public final class ImageCodec {

    private ImageCodec() {}

    public static byte[] encodePng(BufferedImage image) {
        return encode(image, "png", null);
    }

    /**
     * Encodes as baseline JPEG. Images with an alpha channel are flattened first, since the JDK writer
     * would otherwise produce a four-channel file most viewers misread.
     *
     * @param quality 0 to 1
     */
    public static byte[] encodeJpeg(BufferedImage image, float quality) {
        if (quality < 0 || quality > 1) {
            throw new IllegalArgumentException("quality must be between 0 and 1: " + quality);
        }
        return encode(toOpaqueRgb(image), "jpeg", quality);
    }

    private static byte[] encode(BufferedImage image, String formatName, Float quality) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(formatName);
        if (!writers.hasNext()) {
            throw new IllegalStateException("no ImageIO writer for " + formatName);
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        // A memory cache: ImageIO's default stream would spill to a temporary file.
        try (ImageOutputStream output = new MemoryCacheImageOutputStream(buffer)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (quality != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding " + formatName + " in memory failed", e);
        } finally {
            writer.dispose();
        }
        return buffer.toByteArray();
    }

    /**
     * Scales to the given size with bilinear filtering, halving at most per step: a single bilinear
     * pass samples only four source pixels and turns large reductions into aliasing. Alpha is kept if
     * the source has it.
     */
    public static BufferedImage resize(BufferedImage image, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("dimensions must be positive: " + width + "x" + height);
        }
        int type = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage current = image;
        int currentWidth = image.getWidth();
        int currentHeight = image.getHeight();
        do {
            currentWidth = currentWidth > width ? Math.max(width, currentWidth / 2) : width;
            currentHeight = currentHeight > height ? Math.max(height, currentHeight / 2) : height;
            BufferedImage next = new BufferedImage(currentWidth, currentHeight, type);
            Graphics2D graphics = next.createGraphics();
            try {
                graphics.setComposite(AlphaComposite.Src);
                graphics.setRenderingHint(
                        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                graphics.setRenderingHint(
                        RenderingHints.KEY_ALPHA_INTERPOLATION, RenderingHints.VALUE_ALPHA_INTERPOLATION_QUALITY);
                graphics.drawImage(current, 0, 0, currentWidth, currentHeight, null);
            } finally {
                graphics.dispose();
            }
            current = next;
        } while (currentWidth != width || currentHeight != height);
        return current;
    }

    /** Whether any pixel is less than fully opaque; an alpha channel alone does not count. */
    public static boolean hasTransparency(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return false;
        }
        int width = image.getWidth();
        int[] row = new int[width];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int argb : row) {
                if ((argb >>> 24) != 0xFF) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The image itself if the JPEG writer takes it as is, otherwise a copy in 8-bit RGB over white
     * (indexed, 16-bit and alpha images).
     */
    public static BufferedImage toOpaqueRgb(BufferedImage image) {
        switch (image.getType()) {
            case BufferedImage.TYPE_INT_RGB,
                    BufferedImage.TYPE_INT_BGR,
                    BufferedImage.TYPE_3BYTE_BGR,
                    BufferedImage.TYPE_BYTE_GRAY -> {
                return image;
            }
            default -> {
                BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
                Graphics2D graphics = rgb.createGraphics();
                try {
                    graphics.setColor(Color.WHITE);
                    graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
                    graphics.drawImage(image, 0, 0, null);
                } finally {
                    graphics.dispose();
                }
                return rgb;
            }
        }
    }
}

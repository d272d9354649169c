package dev.redraw.core.testing;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Real image bytes made on the spot, so tests carry no binary fixtures. */
public final class TestImages {

    private TestImages() {}

    public static byte[] png(int width, int height, Color color) {
        return encode(filled(width, height, color), "png");
    }

    public static byte[] jpeg(int width, int height, Color color) {
        return encode(filled(width, height, color), "jpeg");
    }

    private static BufferedImage filled(int width, int height, Color color) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(color);
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            var out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

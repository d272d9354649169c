package dev.redraw.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** PNGs of random pixels, which compress no further: a side of 580 gives about 1 MB, 1300 about 5 MB. */
public final class NoiseImages {

    private NoiseImages() {}

    public static byte[] png(int side, long seed) {
        var image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        var random = new SplittableRandom(seed);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

package dev.redraw.core.image;

import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.function.Function;

/**
 * Re-encodes and, if needed, downscales an image until it fits a byte limit. Transparent images stay
 * PNG so their alpha survives; opaque ones become JPEG, which is far smaller for photos.
 */
final class ImageShrinker {

    private static final float FULL_SIZE_JPEG_QUALITY = 0.9f;
    private static final float DOWNSCALED_JPEG_QUALITY = 0.85f;
    /** Smaller images are of little use to an image model, so give up rather than go below this. */
    private static final int MIN_LONG_SIDE = 256;

    private static final int MAX_ATTEMPTS = 12;
    /** Aim a little under the limit, since the size estimate is rough. */
    private static final double ESTIMATE_MARGIN = 0.95;
    /** Shrink by at least this factor per attempt so that the loop always makes progress. */
    private static final double MAX_STEP = 0.9;

    record Encoded(byte[] bytes, ImageFormat format, int width, int height) {}

    private final long maxBytes;

    ImageShrinker(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * @param encodedSize size of the image as it is encoded now
     * @param alreadyPng the current encoding came from our own PNG writer, so re-encoding it at full
     *     size would not help
     */
    Optional<Encoded> fit(BufferedImage image, long encodedSize, boolean alreadyPng) {
        if (ImageCodec.hasTransparency(image)) {
            long size = encodedSize;
            if (!alreadyPng) {
                // Other encoders often compress worse than ours; lossless, so try it before scaling.
                byte[] png = ImageCodec.encodePng(image);
                if (png.length <= maxBytes) {
                    return Optional.of(new Encoded(png, ImageFormat.PNG, image.getWidth(), image.getHeight()));
                }
                size = png.length;
            }
            return downscale(image, size, ImageCodec::encodePng, ImageFormat.PNG);
        }
        BufferedImage opaque = ImageCodec.toOpaqueRgb(image);
        byte[] jpeg = ImageCodec.encodeJpeg(opaque, FULL_SIZE_JPEG_QUALITY);
        if (jpeg.length <= maxBytes) {
            return Optional.of(new Encoded(jpeg, ImageFormat.JPEG, opaque.getWidth(), opaque.getHeight()));
        }
        return downscale(
                opaque,
                jpeg.length,
                scaled -> ImageCodec.encodeJpeg(scaled, DOWNSCALED_JPEG_QUALITY),
                ImageFormat.JPEG);
    }

    private Optional<Encoded> downscale(
            BufferedImage source, long lastSize, Function<BufferedImage, byte[]> encoder, ImageFormat format) {
        int width = source.getWidth();
        int height = source.getHeight();
        int longSide = Math.max(width, height);
        double minScale = (double) Math.min(longSide, MIN_LONG_SIDE) / longSide;
        double scale = 1.0;
        long size = lastSize;
        for (int attempt = 0; attempt < MAX_ATTEMPTS && scale > minScale; attempt++) {
            // The encoded size grows roughly with the pixel count, so the sides shrink with its root.
            double step = Math.min(MAX_STEP, Math.sqrt((double) maxBytes / size) * ESTIMATE_MARGIN);
            scale = Math.max(minScale, scale * step);
            int scaledWidth = Math.max(1, (int) Math.round(width * scale));
            int scaledHeight = Math.max(1, (int) Math.round(height * scale));
            byte[] encoded = encoder.apply(ImageCodec.resize(source, scaledWidth, scaledHeight));
            if (encoded.length <= maxBytes) {
                return Optional.of(new Encoded(encoded, format, scaledWidth, scaledHeight));
            }
            size = encoded.length;
        }
        return Optional.empty();
    }
}

package dev.redraw.core.image;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks and normalises every image a user sends before it is stored or handed to an image model.
 *
 * <p>In order: the magic bytes must name a supported format; the header's pixel count must be within
 * the limit, checked before decoding so that decompression bombs never allocate; the whole image must
 * decode to the size its header states (a PNG that fits the byte limit is checked by {@link
 * PngCheck}, which inflates its data without building pixels); GIFs and animations are reduced to their first frame as
 * PNG; images over the byte limit are re-encoded and downscaled until they fit. Anything else is
 * returned untouched.
 *
 * <p>Stateless apart from its policy, so one instance can serve concurrent requests. At most two
 * full-size decoded copies of an image exist at once (while rotating a photo to its EXIF orientation
 * or flattening an alpha channel for JPEG).
 */
public final class ImageIntake {

    private static final Logger log = LoggerFactory.getLogger(ImageIntake.class);

    private final IntakePolicy policy;
    private final ImageDecoder decoder = new ImageDecoder();
    private final ImageShrinker shrinker;

    public ImageIntake(IntakePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.shrinker = new ImageShrinker(policy.maxBytes());
        // The WebP reader is found through the service loader; rescanning picks it up even when the
        // registry was initialised under a class loader that could not see it.
        ImageIO.scanForPlugins();
    }

    public IntakeResult accept(byte[] bytes) {
        return accept(bytes, () -> NormalizedImage.sha256Hex(bytes));
    }

    /**
     * Like {@link #accept(byte[])}, with the hash of {@code bytes} as the caller has it (typically
     * taken as the image downloaded): an image accepted untouched takes it instead of being hashed
     * again; a converted or shrunk one is hashed as it comes out.
     */
    public IntakeResult accept(byte[] bytes, Supplier<String> sha256OfBytes) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(sha256OfBytes, "sha256OfBytes");
        try {
            return normalize(bytes, sha256OfBytes);
        } catch (ImageRejectedException e) {
            log.debug("Image of {} bytes rejected: {}", bytes.length, e.problem(), e.getCause());
            return e.toResult();
        }
    }

    private IntakeResult.Accepted normalize(byte[] bytes, Supplier<String> sha256OfBytes)
            throws ImageRejectedException {
        ImageHeader header = ImageSniffer.readHeader(bytes);
        if (header.pixels() > policy.maxPixels()) {
            throw new ImageRejectedException(
                    new ImageProblem.TooManyPixels(header.width(), header.height(), policy.maxPixels()));
        }
        if (header.format() == ImageFormat.PNG && bytes.length <= policy.maxBytes()) {
            // A PNG that fits needs no pixels: checking that it is whole is enough, and far cheaper.
            switch (PngCheck.check(bytes)) {
                case WHOLE -> {
                    return new IntakeResult.Accepted(NormalizedImage.of(bytes, header, sha256OfBytes.get()), List.of());
                }
                case DAMAGED -> throw ImageRejectedException.corrupt();
                case DECODE -> {
                    // Interlaced or animated: decoded below.
                }
            }
        }
        ImageDecoder.Decoded decoded = decoder.decode(bytes, header);

        List<ImageNote> notices = new ArrayList<>();
        if (decoded.animated()) {
            notices.add(new ImageNote.FirstFrameOnly(header.format()));
        }
        // GIF is not accepted by image models, and an animated WebP would be read as an animation.
        boolean convert = header.format() == ImageFormat.GIF || decoded.animated();
        byte[] encoded = convert ? ImageCodec.encodePng(decoded.image()) : bytes;
        ImageFormat format = convert ? ImageFormat.PNG : header.format();
        if (encoded.length <= policy.maxBytes()) {
            ImageHeader kept = new ImageHeader(format, header.width(), header.height());
            return convert
                    ? accepted(encoded, kept, notices)
                    : new IntakeResult.Accepted(NormalizedImage.of(bytes, kept, sha256OfBytes.get()), notices);
        }

        BufferedImage image = decoded.image();
        if (header.format() == ImageFormat.JPEG) {
            // Re-encoding drops the EXIF tag that tells viewers to rotate, so rotate the pixels instead.
            image = ExifOrientation.apply(image, ExifOrientation.of(bytes));
        }
        ImageShrinker.Encoded fitted = shrinker.fit(image, encoded.length, convert)
                .orElseThrow(
                        () -> new ImageRejectedException(new ImageProblem.TooLarge(encoded.length, policy.maxBytes())));
        log.debug(
                "Image of {} bytes re-encoded to {}x{} {} of {} bytes",
                encoded.length,
                fitted.width(),
                fitted.height(),
                fitted.format(),
                fitted.bytes().length);
        notices.add(new ImageNote.Shrunk(
                convert,
                encoded.length,
                policy.maxBytes(),
                fitted.width(),
                fitted.height(),
                fitted.format(),
                fitted.bytes().length));
        return accepted(fitted.bytes(), new ImageHeader(fitted.format(), fitted.width(), fitted.height()), notices);
    }

    private static IntakeResult.Accepted accepted(byte[] bytes, ImageHeader header, List<ImageNote> notes) {
        return new IntakeResult.Accepted(NormalizedImage.of(bytes, header), notes);
    }
}

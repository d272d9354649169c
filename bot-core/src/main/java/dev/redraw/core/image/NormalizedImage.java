package dev.redraw.core.image;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.ImageStore;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image that passed intake and can be stored or sent to an image model.
 *
 * <p>The byte array is shared, not copied: images are several megabytes and are passed on unchanged,
 * so treat it as read-only.
 *
 * @param format PNG, JPEG or WEBP; never GIF
 * @param sha256 lowercase hex SHA-256 of {@code bytes}
 */
public record NormalizedImage(byte[] bytes, ImageFormat format, int width, int height, String sha256) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public NormalizedImage {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sha256, "sha256");
        if (bytes.length == 0) {
            throw new IllegalArgumentException("bytes must not be empty");
        }
        if (format == ImageFormat.GIF) {
            throw new IllegalArgumentException("GIF images are converted to PNG before they are stored");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("dimensions must be positive: " + width + "x" + height);
        }
        if (!SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits: " + sha256);
        }
    }

    /** Wraps encoded bytes whose header has already been read, computing their hash. */
    public static NormalizedImage of(byte[] bytes, ImageHeader header) {
        return of(bytes, header, sha256Hex(bytes));
    }

    /** Wraps encoded bytes whose header has already been read and whose hash is {@code sha256}. */
    static NormalizedImage of(byte[] bytes, ImageHeader header, String sha256) {
        Objects.requireNonNull(header, "header");
        return new NormalizedImage(bytes, header.format(), header.width(), header.height(), sha256);
    }

    public long byteSize() {
        return bytes.length;
    }

    /** {@code data:image/png;base64,...}, as accepted by image model APIs. */
    public String dataUri() {
        return "data:" + format.mimeType() + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    public static String sha256Hex(byte[] bytes) {
        return ImageRef.sha256Of(bytes);
    }

    /** Stores the image (once per content) without hashing it again. */
    public ImageRef storeIn(ImageStore store) {
        return store.put(bytes, sha256, format.mimeType(), width, height);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NormalizedImage that
                && width == that.width
                && height == that.height
                && format == that.format
                && sha256.equals(that.sha256)
                && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        // The hash already identifies the bytes, so there is no need to walk the array again.
        return Objects.hash(sha256, format, width, height);
    }

    @Override
    public String toString() {
        return "NormalizedImage[format=" + format + ", width=" + width + ", height=" + height + ", bytes="
                + bytes.length + ", sha256=" + sha256 + "]";
    }
}

package dev.redraw.core.image;

import java.util.Locale;
import java.util.Optional;

/** Image formats accepted from users. */
public enum ImageFormat {
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg"),
    WEBP("image/webp", "webp"),
    GIF("image/gif", "gif");

    private final String mimeType;
    private final String extension;

    ImageFormat(String mimeType, String extension) {
        this.mimeType = mimeType;
        this.extension = extension;
    }

    public String mimeType() {
        return mimeType;
    }

    /** File name extension without the dot. */
    public String extension() {
        return extension;
    }

    /**
     * Looks a format up by MIME type, ignoring case and parameters such as {@code ;charset=...}. The
     * non-standard {@code image/jpg} that some clients send is accepted as JPEG.
     */
    public static Optional<ImageFormat> fromMimeType(String mimeType) {
        if (mimeType == null) {
            return Optional.empty();
        }
        int parameters = mimeType.indexOf(';');
        String bare = (parameters >= 0 ? mimeType.substring(0, parameters) : mimeType)
                .strip()
                .toLowerCase(Locale.ROOT);
        if (bare.equals("image/jpg")) {
            return Optional.of(JPEG);
        }
        for (ImageFormat format : values()) {
            if (format.mimeType.equals(bare)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}

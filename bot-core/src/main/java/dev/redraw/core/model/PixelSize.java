package dev.redraw.core.model;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** A width and height in pixels, as typed ({@code 1792x1024}) or as measured on an image. */
public record PixelSize(int width, int height) {

    private static final Pattern PIXELS = Pattern.compile("(\\d{1,5})\\s*[x×*]\\s*(\\d{1,5})");

    public PixelSize {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a pixel size needs positive edges: " + width + "x" + height);
        }
    }

    /** The size {@code text} spells ({@code 1792x1024}, {@code 1792 × 1024}); empty when it is not one. */
    public static Optional<PixelSize> parse(String text) {
        var matcher = PIXELS.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int width = Integer.parseInt(matcher.group(1));
        int height = Integer.parseInt(matcher.group(2));
        return width > 0 && height > 0 ? Optional.of(new PixelSize(width, height)) : Optional.empty();
    }

    /** Width divided by height. */
    public double ratio() {
        return (double) width / height;
    }

    /** The form upstream APIs take: {@code 1792x1024}. */
    public String text() {
        return width + "x" + height;
    }
}

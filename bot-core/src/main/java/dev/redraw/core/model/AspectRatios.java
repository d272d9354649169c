package dev.redraw.core.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parsing ratios ({@code 16:9}) and pixel sizes ({@code 1792x1024}) and matching them to a model's list. */
public final class AspectRatios {

    private static final Pattern RATIO = Pattern.compile("(\\d{1,5}):(\\d{1,5})");

    private AspectRatios() {}

    /**
     * What the user typed in the form the catalog lists: trimmed, lower case, without inner spaces,
     * with {@code ×} or {@code *} as {@code x} ({@code " 16 : 9"} becomes {@code 16:9}, {@code AUTO} becomes {@code auto}).
     */
    public static String canonical(String typed) {
        return typed.trim()
                .toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", "")
                .replace('×', 'x')
                .replace('*', 'x');
    }

    /** The width/height value of {@code W:H} or {@code WxH}, if the text is one. */
    public static Optional<Double> value(String text) {
        String canonical = canonical(text);
        var matcher = RATIO.matcher(canonical);
        if (!matcher.matches()) {
            return PixelSize.parse(canonical).map(PixelSize::ratio);
        }
        double w = Double.parseDouble(matcher.group(1));
        double h = Double.parseDouble(matcher.group(2));
        return w > 0 && h > 0 ? Optional.of(w / h) : Optional.empty();
    }

    /**
     * The allowed ratio closest to {@code width/height}, compared on a log scale so 2:1 and 1:2 are as
     * far from 1:1. Entries without a value ({@code auto}) are never chosen unless nothing else is allowed.
     */
    public static String nearest(List<String> allowed, double width, double height) {
        double target = Math.log(width / height);
        String best = allowed.getFirst();
        double bestDistance = Double.MAX_VALUE;
        for (String ratio : allowed) {
            Optional<Double> value = value(ratio);
            double distance = value.isPresent() ? Math.abs(Math.log(value.get()) - target) : Double.MAX_VALUE;
            if (distance < bestDistance) {
                best = ratio;
                bestDistance = distance;
            }
        }
        return best;
    }

    /**
     * The ratio to send for what the user typed: an allowed ratio as is, pixels converted to the
     * nearest allowed ratio by value; empty when it is neither.
     */
    public static Optional<String> normalise(List<String> allowed, String typed) {
        String canonical = canonical(typed);
        if (allowed.contains(canonical)) {
            return Optional.of(canonical);
        }
        return PixelSize.parse(canonical).map(pixels -> nearest(allowed, pixels.width(), pixels.height()));
    }
}

package dev.redraw.core.model;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parsing ratios ({@code 16:9}) and pixel sizes ({@code 1792x1024}) and matching them to a model's list. */
public final class AspectRatios {

    private static final Pattern RATIO = Pattern.compile("(\\d{1,5})\\s*[:]\\s*(\\d{1,5})");
    private static final Pattern PIXELS = Pattern.compile("(\\d{1,5})\\s*[x×*]\\s*(\\d{1,5})");

    private AspectRatios() {}

    /** The width/height value of {@code W:H} or {@code WxH}, if the text is one. */
    public static Optional<Double> value(String text) {
        String trimmed = text.trim().toLowerCase(java.util.Locale.ROOT);
        var matcher = RATIO.matcher(trimmed);
        if (!matcher.matches()) {
            matcher = PIXELS.matcher(trimmed);
            if (!matcher.matches()) {
                return Optional.empty();
            }
        }
        double w = Double.parseDouble(matcher.group(1));
        double h = Double.parseDouble(matcher.group(2));
        return w > 0 && h > 0 ? Optional.of(w / h) : Optional.empty();
    }

    /** The allowed ratio closest to {@code width/height}, compared on a log scale so 2:1 and 1:2 are as far from 1:1. */
    public static String nearest(List<String> allowed, double width, double height) {
        double target = Math.log(width / height);
        String best = allowed.getFirst();
        double bestDistance = Double.MAX_VALUE;
        for (String ratio : allowed) {
            double distance = Math.abs(Math.log(value(ratio).orElseThrow()) - target);
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
        String trimmed = typed.trim();
        if (allowed.contains(trimmed)) {
            return Optional.of(trimmed);
        }
        var pixels = PIXELS.matcher(trimmed.toLowerCase(java.util.Locale.ROOT));
        if (pixels.matches()) {
            double w = Double.parseDouble(pixels.group(1));
            double h = Double.parseDouble(pixels.group(2));
            return w > 0 && h > 0 ? Optional.of(nearest(allowed, w, h)) : Optional.empty();
        }
        return Optional.empty();
    }
}

package dev.redraw.core.model;

import dev.redraw.core.refusal.Refusal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides the ratio and size a request is sent with, before any paid call.
 *
 * <p>The ratio asked for wins; else the branch's, so edits keep their shape; else the nearest to the
 * first input image; else the default. {@code auto} asked of a model that does not take it asks for
 * nothing. A size must be one the model takes. What the user asks for is
 * refused when the model cannot take it; what a branch inherits from another model is adapted
 * silently, since the user did not ask for it.
 */
public final class ShapeResolver {

    /** The ratio that leaves the shape to the model. */
    public static final String AUTO = "auto";

    private final String defaultRatio;

    /** @param defaultRatio the ratio for a request nothing else shapes; a model without it uses its first */
    public ShapeResolver(String defaultRatio) {
        this.defaultRatio = AspectRatios.canonical(Objects.requireNonNull(defaultRatio, "defaultRatio"));
    }

    public Shape resolve(ModelCapabilities model, ShapeRequest request) {
        Optional<String> askedSize = request.size().map(ModelCapabilities::canonicalSize);
        if (askedSize.isPresent() && !model.acceptsSize(askedSize.get())) {
            return new Shape.Refused(sizeRefusal(model, askedSize.get()));
        }
        Optional<String> size = askedSize.or(() ->
                request.inheritedSize().map(ModelCapabilities::canonicalSize).filter(model::acceptsSize));
        // "auto" is a ratio: sent as such where the model takes it, elsewhere the same as asking for none.
        Optional<String> askedRatio = request.ratio()
                .filter(typed -> !AspectRatios.canonical(typed).equals(AUTO) || model.acceptsRatio(AUTO));
        if (askedRatio.isPresent()) {
            return asked(model, askedRatio.get(), size);
        }
        return request.inheritedRatio()
                .flatMap(ratio -> inherited(model, ratio, size, askedSize.isEmpty()))
                .or(() -> request.firstImage().map(image -> shape(model, nearest(model, image.ratio()), size)))
                .orElseGet(() -> shape(model, fallbackRatio(model), size));
    }

    private static Shape asked(ModelCapabilities model, String typed, Optional<String> size) {
        String text = AspectRatios.canonical(typed);
        if (model.acceptsRatio(text)) {
            return shape(model, text, size);
        }
        Optional<PixelSize> pixels = PixelSize.parse(text);
        if (pixels.isEmpty()) {
            return new Shape.Refused(new Refusal.UnsupportedRatio(model.id(), typed.trim(), model.aspectRatios()));
        }
        if (!model.pixelsOnly()) {
            return shape(model, nearest(model, pixels.get().ratio()), size);
        }
        return pixelProblem(model, pixels.get())
                .<Shape>map(problem -> new Shape.Refused(
                        new Refusal.UnsuitablePixels(model.id(), pixels.get().text(), problem)))
                .orElseGet(() -> new Shape.Accepted(pixels.get().text(), size));
    }

    /**
     * The branch's ratio as this model can take it. Pixels are kept for a pixels-only model that
     * accepts them, unless a new size was asked for (then the ratio's preset for that size is used).
     */
    private static Optional<Shape> inherited(
            ModelCapabilities model, String ratio, Optional<String> size, boolean keepPixels) {
        String text = AspectRatios.canonical(ratio);
        if (model.acceptsRatio(text)) {
            return Optional.of(shape(model, text, size));
        }
        Optional<PixelSize> pixels = PixelSize.parse(text);
        if (pixels.isPresent()
                && model.pixelsOnly()
                && keepPixels
                && pixelProblem(model, pixels.get()).isEmpty()) {
            return Optional.of(new Shape.Accepted(pixels.get().text(), size));
        }
        return AspectRatios.value(text).map(value -> shape(model, nearest(model, value), size));
    }

    /** The ratio as sent: for a pixels-only model, its preset for the size (by default its first size). */
    private static Shape shape(ModelCapabilities model, String ratio, Optional<String> size) {
        if (!model.pixelsOnly() || model.imageSizes().isEmpty()) {
            return new Shape.Accepted(ratio, size);
        }
        String used = size.orElse(model.imageSizes().getFirst());
        return model.pixelsFor(ratio, used)
                .<Shape>map(pixels -> new Shape.Accepted(pixels, Optional.of(used)))
                .orElseGet(() -> new Shape.Accepted(ratio, size));
    }

    private String fallbackRatio(ModelCapabilities model) {
        return model.acceptsRatio(defaultRatio)
                ? defaultRatio
                : model.aspectRatios().getFirst();
    }

    private static String nearest(ModelCapabilities model, double value) {
        return AspectRatios.nearest(model.aspectRatios(), value, 1.0);
    }

    private static Optional<Refusal.PixelProblem> pixelProblem(ModelCapabilities model, PixelSize pixels) {
        return model.pixelRules().flatMap(rules -> rules.problem(pixels.width(), pixels.height()));
    }

    private static Refusal sizeRefusal(ModelCapabilities model, String size) {
        if (model.imageSizes().isEmpty()) {
            return new Refusal.NoSizeChoice(model.id());
        }
        return new Refusal.UnsupportedSize(model.id(), size, model.imageSizes());
    }

    /** {@code a, b or c}. */
    private static String oneOf(List<String> choices) {
        if (choices.size() == 1) {
            return choices.getFirst();
        }
        return String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.getLast();
    }
}

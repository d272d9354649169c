package dev.redraw.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An operator's correction to what the catalog knows about one model, or a model it does not know.
 * A present field replaces the catalog's value; an absent one keeps it.
 */
public record ModelOverride(
        String id,
        Optional<Integer> maxInputImages,
        Optional<List<String>> aspectRatios,
        Optional<List<String>> imageSizes,
        Optional<Long> maxImageBytes,
        Optional<Integer> maxPromptChars,
        Optional<Boolean> nativeHistory) {

    public ModelOverride {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a model override needs a model id");
        }
        Stream.of(maxInputImages, aspectRatios, imageSizes, maxImageBytes, maxPromptChars, nativeHistory)
                .forEach(Objects::requireNonNull);
        aspectRatios = aspectRatios.map(List::copyOf);
        imageSizes = imageSizes.map(List::copyOf);
    }

    /** A model named by its id alone, changing nothing the catalog knows. */
    public static ModelOverride of(String id) {
        return new ModelOverride(
                id,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** {@code base} with this override's fields on top; ratios and sizes are put in the catalog's spelling. */
    ModelCapabilities applyTo(ModelCapabilities base) {
        return new ModelCapabilities(
                base.id(),
                maxInputImages.orElse(base.maxInputImages()),
                aspectRatios
                        .map(ratios ->
                                ratios.stream().map(AspectRatios::canonical).toList())
                        .orElse(base.aspectRatios()),
                imageSizes
                        .map(sizes -> sizes.stream()
                                .map(ModelCapabilities::canonicalSize)
                                .toList())
                        .orElse(base.imageSizes()),
                base.pixelsOnly(),
                base.pixelPresets(),
                base.pixelRules(),
                maxImageBytes.orElse(base.maxImageBytes()),
                maxPromptChars.orElse(base.maxPromptChars()),
                nativeHistory.orElse(base.nativeHistory()),
                base.fields());
    }
}

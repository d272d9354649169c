package dev.redraw.core.model;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What decides a request's shape.
 *
 * @param ratio the ratio or pixel size the user asked for ({@code 16:9}, {@code 1792x1024}, {@code auto})
 * @param size the size the user asked for ({@code 2K}, any case)
 * @param inheritedRatio the ratio the branch being continued was made with
 * @param inheritedSize the size the branch being continued was made with
 * @param firstImage the size of the first input image
 */
public record ShapeRequest(
        Optional<String> ratio,
        Optional<String> size,
        Optional<String> inheritedRatio,
        Optional<String> inheritedSize,
        Optional<PixelSize> firstImage) {

    public ShapeRequest {
        Stream.of(ratio, size, inheritedRatio, inheritedSize, firstImage).forEach(Objects::requireNonNull);
    }
}

package dev.redraw.core.model;

import java.util.List;
import java.util.Objects;

/**
 * What a model takes besides its ratio and output size, as its documents describe it.
 *
 * @param pixelSizes the values its {@code size} field is documented with ({@code 1024x1024}, {@code auto}); empty
 *     when it takes {@code aspect_ratio} instead
 * @param qualities the values its {@code quality} field is documented with; empty when it has none
 * @param takesMask whether a mask (a PNG whose transparent pixels mark what to change) may go with the first image
 * @param inputImages where its input images go
 */
public record RequestFields(
        List<String> pixelSizes, List<String> qualities, boolean takesMask, InputImages inputImages) {

    /** A model documented with none of these fields, taking input images as the edits form's files. */
    public static final RequestFields NONE = new RequestFields(List.of(), List.of(), false, InputImages.EDIT_FORM);

    public RequestFields {
        pixelSizes = List.copyOf(pixelSizes);
        qualities = List.copyOf(qualities);
        Objects.requireNonNull(inputImages, "inputImages");
    }

    /** Where the {@code openai} dialect puts a model's input images (seed 003). */
    public enum InputImages {
        /** As {@code image} files of the multipart {@code /images/edits} form. */
        EDIT_FORM,
        /** As the {@code image} array of strings in the JSON of {@code /images/generations}. */
        GENERATION_ARRAY
    }
}

/**
 * Image intake: every image a user sends passes through {@link dev.redraw.core.image.ImageIntake}
 * before it is stored or sent to an image model. Formats are recognised by content alone, oversized
 * images are refused from their header before decoding, damaged files are caught, GIFs become PNG,
 * and files over the byte limit are re-encoded to fit.
 */
package dev.redraw.core.image;

package dev.redraw.core.generation;

import dev.redraw.core.conversation.ImageRef;

/** Loads a stored image's bytes when a provider needs to send it. */
@FunctionalInterface
public interface ImageSource {
    byte[] load(ImageRef image);
}

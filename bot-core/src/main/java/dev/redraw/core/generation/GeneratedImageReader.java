package dev.redraw.core.generation;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.image.ImageHeader;
import dev.redraw.core.image.ImageRejectedException;
import dev.redraw.core.image.ImageSniffer;
import java.util.Optional;

/** Reads the format and size of an image a model returned, from its bytes, and stores it. */
public final class GeneratedImageReader {

    public Optional<ImageRef> store(byte[] bytes, ImageStore store) {
        try {
            ImageHeader header = ImageSniffer.readHeader(bytes);
            return Optional.of(store.put(bytes, header.format().mimeType(), header.width(), header.height()));
        } catch (ImageRejectedException e) {
            return Optional.empty();
        }
    }
}

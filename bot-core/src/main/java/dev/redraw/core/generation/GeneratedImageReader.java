package dev.redraw.core.generation;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.image.ImageHeader;
import dev.redraw.core.image.ImageRejectedException;
import dev.redraw.core.image.ImageSniffer;
import dev.redraw.core.net.Bodies;
import java.util.Optional;

/** Reads the format and size of an image a model returned, from its bytes, and stores it. */
public final class GeneratedImageReader {

    /** Stores the image under its hash (worked out now unless it came with one); empty when the bytes are no image. */
    public Optional<ImageRef> store(GeneratedImage image, ImageStore store) {
        byte[] bytes = image.bytes();
        try {
            ImageHeader header = ImageSniffer.readHeader(bytes);
            String sha256 = image.hashed().map(Bodies.Hashed::sha256).orElseGet(() -> ImageRef.sha256Of(bytes));
            return Optional.of(store.put(bytes, sha256, header.format().mimeType(), header.width(), header.height()));
        } catch (ImageRejectedException e) {
            return Optional.empty();
        }
    }
}

package dev.redraw.core.request;

import dev.redraw.core.net.Bodies;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * One image a user sent with a request, not yet downloaded: the platform adapter says how to get
 * it, the core decides whether and when. A refused user's images are never fetched.
 */
public interface ImageFetcher {

    /** The file's name as the user sent it; empty when the platform gives none (a photo). */
    String name();

    /** The size the platform declared for the file, when it declared one. */
    OptionalLong declaredSize();

    /**
     * Downloads the image, hashing it as it arrives ({@link Bodies#readHashed}).
     *
     * @throws Bodies.TooLarge when the platform will not hand over a file this large
     * @throws IOException when the download failed
     */
    Bodies.Hashed fetch() throws IOException;
}

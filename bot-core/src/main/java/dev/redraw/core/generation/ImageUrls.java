package dev.redraw.core.generation;

import dev.redraw.core.conversation.ImageRef;

/**
 * Public links to stored images, for upstream models that fetch their input images by URL instead
 * of receiving the bytes.
 */
public interface ImageUrls {

    /** No public address is configured: no link can be made. */
    ImageUrls NONE = new ImageUrls() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public String linkTo(ImageRef image) {
            throw new IllegalStateException("no public URL is configured for image links");
        }
    };

    /** Whether links can be made, i.e. the bot has a public address. */
    boolean available();

    /**
     * A new link to {@code image} that anyone holding it can fetch until it expires.
     *
     * @throws IllegalStateException when links are not {@link #available()}
     */
    String linkTo(ImageRef image);
}

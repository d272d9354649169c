package dev.redraw.core.request;

import dev.redraw.core.conversation.ImageRef;

/**
 * An image a turn shows is no longer in the image store (forgotten, or lost), so it cannot be
 * uploaded.
 */
public final class MissingImageException extends IllegalStateException {

    private final transient ImageRef image;
    private final long turnId;

    public MissingImageException(long turnId, ImageRef image) {
        super("image " + image.sha256() + " of turn " + turnId + " is no longer stored");
        this.image = image;
        this.turnId = turnId;
    }

    /** The image that is missing. */
    public ImageRef image() {
        return image;
    }

    /** The turn that shows it. */
    public long turnId() {
        return turnId;
    }
}

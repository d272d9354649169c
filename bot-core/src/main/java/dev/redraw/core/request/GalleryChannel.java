package dev.redraw.core.request;

/**
 * A platform's side of a gallery: posting a shared result to the gallery's chat, and taking a post
 * down. Adapters implement it; the core decides what is posted, when, and records it.
 */
public interface GalleryChannel {

    /**
     * Posts {@code post} to its gallery chat.
     *
     * @return the id of the message posted
     * @throws Exception when the platform refused the post or did not answer; nothing is recorded,
     *     and a later share tries again
     */
    String post(GalleryPost post) throws Exception;

    /**
     * Takes a gallery post down.
     *
     * @return true when it is gone (deleted now, or found gone already), false when the platform
     *     refused for good and a later attempt would fare no better (it was covered up instead)
     * @throws Exception when the platform did not answer; a later sweep tries again
     */
    boolean remove(String chatId, String messageId) throws Exception;
}

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
     * @throws Refused when the platform refuses for good (the bot was removed from the gallery, or
     *     may no longer post there): pressing again would not help, a manager must act
     * @throws Exception when the platform did not answer or failed; nothing is recorded, and a later
     *     share tries again
     */
    String post(GalleryPost post) throws Exception;

    /**
     * Takes a gallery post down: deletes it, or where the platform no longer lets the bot delete it,
     * replaces its image and words so nothing of the result is left.
     *
     * @return true when it is gone (deleted or covered up now, or found gone already)
     * @throws Exception when the platform did not answer, or this instance cannot reach the post
     *     now; a later sweep tries again
     */
    boolean remove(String chatId, String messageId) throws Exception;

    /**
     * Whether this instance can reach gallery chat {@code chatId} now (on Discord, whether it runs
     * the chat's shard): a sweep leaves what it cannot reach to the instance that can.
     */
    default boolean reaches(String chatId) {
        return true;
    }

    /**
     * Whether a gallery post is remixed through a link that continues from it in the presser's
     * private chat (Telegram's {@code t.me/<bot>?start=<token>}), rather than a button under it.
     */
    default boolean remixesByLink() {
        return false;
    }

    /** The platform refused a gallery post for good. */
    final class Refused extends Exception {
        public Refused(String why) {
            super(why);
        }
    }
}

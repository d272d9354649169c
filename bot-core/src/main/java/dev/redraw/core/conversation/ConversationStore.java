package dev.redraw.core.conversation;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Persistence of the conversation tree and of the links from platform messages to turns. */
public interface ConversationStore {

    /** Stores a turn under its parent (or as a new root) and returns it with its id. */
    Turn append(NewTurn turn);

    Optional<Turn> find(long turnId);

    /** The turns of {@code turnIds} that exist, by id, read together. */
    java.util.Map<Long, Turn> find(java.util.Collection<Long> turnIds);

    /** The turns from the root down to {@code turnId}, root first; empty when the turn is unknown. */
    List<Turn> path(long turnId);

    /**
     * Every turn of the tree under {@code rootId}, the root included, oldest first; at most {@code
     * limit} of them (the oldest). Empty when the root is unknown.
     */
    List<Turn> tree(long rootId, int limit);

    /** The messages linked to each of {@code turnIds} (shared ones included), oldest link first. */
    java.util.Map<Long, List<MessageRef>> links(java.util.Collection<Long> turnIds);

    /** The newest turn {@code origin}'s user made in its chat; empty when they made none there. */
    OptionalLong newestTurn(Origin origin);

    /** The direct children of a turn, oldest first. */
    List<Turn> children(long turnId);

    /** Links a platform message to a turn; linking the same message again re-points it. */
    void link(MessageRef message, long turnId);

    /**
     * Links a bot message that shows every answer of request {@code requestTurnId} (several images
     * made by one request); linking the same message again re-points it. It resolves to the request.
     */
    void linkShared(MessageRef message, long requestTurnId);

    /** The messages linked with {@link #linkShared} to a request, oldest link first. */
    List<MessageRef> sharedLinks(long requestTurnId);

    /** The turn a platform message belongs to, by an indexed lookup. */
    OptionalLong resolve(MessageRef message);

    /** The messages linked to a turn, oldest link first. */
    List<MessageRef> links(long turnId);

    /**
     * Deletes everything a user made: their turns with their parts, message links and jobs, and the
     * images nothing refers to any more. Other users' turns that continued one of theirs become roots
     * of their own trees, so remixes survive.
     *
     * @return how many turns were deleted
     */
    int forget(String platform, String userId);

    /**
     * When retention deleted the images of the conversation {@code turnId} belongs to; empty while
     * they are kept (or the turn is unknown).
     */
    Optional<java.time.Instant> expiredAt(long turnId);

    /**
     * Retention: marks every conversation whose newest turn is older than {@code cutoff} as expired
     * at {@code now}, and deletes the bytes of its images (and masks) that no kept conversation
     * uses. Jobs and the usage ledger stay. Returns how many conversations it expired.
     */
    int expireUntouchedSince(java.time.Instant cutoff, java.time.Instant now);

    /** The highest numeric message id linked in a chat, for platforms that number messages themselves. */
    OptionalLong highestMessageNumber(String platform, String chatId);
}

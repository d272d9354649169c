package dev.redraw.core.settings;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Where each community's gallery, rules and shared results are kept, shared by every instance. */
public interface CommunityStore {

    /** The chat a community's gallery is in; empty when none is set. */
    Optional<String> gallery(String platform, String community);

    /** Names (or renames) a community's gallery. */
    void setGallery(String platform, String community, String chatId, String setBy, Instant at);

    /** Removes a community's gallery; what was shared to it stays there. */
    void clearGallery(String platform, String community);

    /** A community's rules; {@link CommunityRules#DEFAULT} when none are set. */
    CommunityRules rules(String platform, String community);

    /** Sets the role needed to remix others' results; empty for everyone. */
    void setRemixRole(String platform, String community, Optional<String> role);

    /** Turns automatic sharing on or off. */
    void setAutoShare(String platform, String community, boolean on);

    /** What became of a claim to post a result to a gallery. */
    sealed interface Claim {
        /**
         * This caller posts it: {@code postId} is the row to complete with {@link #posted} or give
         * up with {@link #release}, both only while {@code claimedAt} is still the row's (nobody
         * took the claim over).
         */
        record Claimed(long postId, Instant claimedAt) implements Claim {}

        /** It is posted already, as message {@code messageId}. */
        record Posted(String messageId) implements Claim {}

        /** Someone is posting it right now. */
        record Pending() implements Claim {}
    }

    /**
     * Claims the posting of turn {@code turnId} to gallery chat {@code chatId}: the first caller gets
     * it; a claim left unfinished for longer than {@code stale} (its poster died) may be taken over.
     */
    Claim claim(String platform, long turnId, String authorId, String chatId, Instant now, Duration stale);

    /**
     * Completes a claim with the message posted; false when the claim was taken over meanwhile
     * (its message is then another's to record, and this one should go).
     */
    boolean posted(long postId, Instant claimedAt, String messageId);

    /** Gives a claim up, if it is still this caller's: the post failed, and a later share tries again. */
    void release(long postId, Instant claimedAt);

    /** A gallery post to take down: its author forgot their results. */
    record Removal(long postId, String chatId, String messageId) {
        public Removal {
            Objects.requireNonNull(chatId, "chatId");
            Objects.requireNonNull(messageId, "messageId");
        }
    }

    /** Gallery posts of forgotten results on {@code platform}, oldest first, at most {@code limit}. */
    List<Removal> forgotten(String platform, int limit);

    /** Drops the row of a gallery post taken down (or found gone). */
    void removed(long postId);
}

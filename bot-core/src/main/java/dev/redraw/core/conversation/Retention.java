package dev.redraw.core.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code storage.retention}: the images of conversations nobody has continued for {@code keep}
 * are deleted, their turns marked so that a reply to them is told why it cannot go on. Jobs and
 * the usage ledger stay. Safe to run on several instances at once: a conversation is expired once.
 */
public final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final ConversationStore conversations;
    private final Duration keep;
    private final Clock clock;

    public Retention(ConversationStore conversations, Duration keep, Clock clock) {
        this.conversations = Objects.requireNonNull(conversations);
        this.keep = Objects.requireNonNull(keep);
        this.clock = Objects.requireNonNull(clock);
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("retention must be positive: " + keep);
        }
    }

    /** Expires what is due now; returns how many conversations had their images deleted. */
    public int sweep() {
        Instant now = clock.instant();
        int expired = conversations.expireUntouchedSince(now.minus(keep), now);
        if (expired > 0) {
            LOG.info(
                    "retention: the images of {} conversation(s) untouched for {} days were deleted",
                    expired,
                    keep.toDays());
        }
        return expired;
    }
}

package dev.redraw.core.job;

import dev.redraw.core.conversation.Origin;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One generation as stored.
 *
 * @param requestMessageId the platform message that asked for it, to reply to
 * @param upstreamTaskId the provider's task id for asynchronous dialects, so polling survives a restart
 * @param outcomeMessage what the user is told when the job did not produce images
 * @param chargedImages images the upstream charged for; they count against quotas
 * @param statusMessageId the platform message that shows the job's state while it waits and runs
 */
public record Job(
        long id,
        long userTurnId,
        Origin origin,
        Optional<String> requestMessageId,
        String provider,
        String model,
        JobStatus status,
        int attempts,
        Optional<String> upstreamTaskId,
        OptionalInt progress,
        Optional<OutcomeKind> outcome,
        Optional<String> outcomeMessage,
        OptionalLong modelTurnId,
        int chargedImages,
        DeliveryState delivery,
        Optional<String> deliveredMessageId,
        Optional<String> statusMessageId,
        Instant createdAt,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt) {

    /** The scheduling key of the job's owner. */
    public String userKey() {
        return origin.userKey();
    }
}

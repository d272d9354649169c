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
 * @param outcomeMessage the model's own words for an answer; in rows stored before outcomes were kept
 *     as data, the English sentence the user was told
 * @param outcomeDetails the outcome's facts, to say it in the user's language; empty in older rows
 * @param chargedImages images the upstream charged for; they count against quotas
 * @param statusMessageId the platform message that shows the job's state while it waits and runs
 * @param variations how many images the request asked for (1 for rows stored before variations);
 *     each image made is its own model turn under the request, {@code modelTurnId} being the first
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
        Optional<OutcomeDetails> outcomeDetails,
        OptionalLong modelTurnId,
        int chargedImages,
        DeliveryState delivery,
        Optional<String> deliveredMessageId,
        Optional<String> statusMessageId,
        Instant createdAt,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        int variations) {

    /**
     * The job without its status message reference, which on Discord holds a live interaction
     * token: a job printed in a log line or an exception never shows it.
     */
    @Override
    public String toString() {
        return "Job[id=" + id + ", userTurnId=" + userTurnId + ", origin=" + origin + ", provider=" + provider
                + ", model=" + model + ", status=" + status + ", attempts=" + attempts + ", outcome="
                + outcome.map(Enum::name).orElse("none") + ", delivery=" + delivery + ", statusMessage="
                + (statusMessageId.isPresent() ? "(set)" : "none") + "]";
    }

    /** The scheduling key of the job's owner. */
    public String userKey() {
        return origin.userKey();
    }
}

package dev.redraw.discord;

import dev.redraw.core.job.Job;
import dev.redraw.core.job.StatusRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.utils.TimeUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deferred interaction responses of jobs, keyed by the request id the job carries
 * ({@code i:<interaction id>}). A response is edited through its interaction token for 15 minutes
 * from the interaction; after that results go to the channel as a normal message instead.
 *
 * <p>So that a restart does not lose the way to a response, a job's response is also stored as the
 * job's status message ({@link Response#stored()}): the deferred response is the message that shows
 * the job's state. The stored form holds the token, a short-lived credential: it is never logged,
 * and it is removed from the job when the result is recorded as delivered (not before: a crash
 * between posting and recording must still find the response, to edit it again).
 *
 * <p>A response is recorded as awaited before it is deferred ({@link #deferring}), until it is
 * answered or its job's result is posted ({@link #forget}): a start after a crash takes up those
 * still awaited ({@link #takeUp}), for their jobs to answer, or, where the crash came before the
 * request became a job, to be told so ({@link LostRequests}).
 */
final class Responses {

    static final String PREFIX = "i:";
    /** How a response is stored as a job's status message; a channel status message is a plain id. */
    static final String STORED = "w:";
    /** The interaction token lives 15 minutes; leave a margin for the upload. */
    static final Duration TOKEN_LIFE = Duration.ofMinutes(14);
    /** Discord's default upload limit when an interaction does not say. */
    static final long DEFAULT_UPLOAD_LIMIT = 10L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(Responses.class);

    private final StatusRecords records;
    private final Map<String, Response> byRequest = new ConcurrentHashMap<>();
    /** Interactions Discord no longer lets the bot answer (the token was refused). */
    private final Set<Long> dead = ConcurrentHashMap.newKeySet();

    Responses(StatusRecords records) {
        this.records = records;
    }

    /**
     * What it takes to edit an interaction's response: the application and interaction ids, the
     * token, and the upload limit the interaction reported.
     */
    record Response(String applicationId, long interactionId, String token, long uploadLimit) {

        static Response of(Interaction interaction) {
            // JDA does not expose the interaction's attachment_size_limit; the guild's boost tier sets it.
            long uploadLimit = interaction.getGuild() == null
                    ? DEFAULT_UPLOAD_LIMIT
                    : interaction.getGuild().getMaxFileSize();
            return new Response(
                    interaction.getJDA().getSelfUser().getApplicationId(),
                    interaction.getIdLong(),
                    interaction.getToken(),
                    uploadLimit);
        }

        /** When the interaction was made; its token lives from then. */
        Instant created() {
            return TimeUtil.getTimeCreated(interactionId).toInstant();
        }

        boolean usable(Instant now) {
            return now.isBefore(created().plus(TOKEN_LIFE));
        }

        String requestId() {
            return Responses.requestId(interactionId);
        }

        /** The form kept as the job's status message. */
        String stored() {
            return STORED + applicationId + ":" + interactionId + ":" + uploadLimit + ":" + token;
        }

        static Optional<Response> parse(String stored) {
            if (!stored.startsWith(STORED)) {
                return Optional.empty();
            }
            String[] parts = stored.substring(STORED.length()).split(":", 4);
            try {
                return parts.length == 4
                        ? Optional.of(
                                new Response(parts[0], Long.parseLong(parts[1]), parts[3], Long.parseLong(parts[2])))
                        : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        /** Leaves the token out: it is a credential. */
        @Override
        public String toString() {
            return "Response[interaction=" + interactionId + "]";
        }
    }

    static String requestId(long interactionId) {
        return PREFIX + interactionId;
    }

    /** Whether a job's status message is a stored response (rather than a channel message id). */
    static boolean isStored(String statusMessageId) {
        return statusMessageId.startsWith(STORED);
    }

    /** A response an earlier run left awaited, with the user it is for. */
    record Awaited(Response response, String userId) {}

    /**
     * The interaction's response is about to be deferred: recorded as awaited first, so that a crash
     * right after the deferral still leaves a way to answer it. A record that cannot be written is
     * logged; the interaction goes on.
     */
    void deferring(Interaction interaction) {
        Response response = Response.of(interaction);
        try {
            records.awaiting(
                    DiscordDelivery.PLATFORM,
                    response.requestId(),
                    interaction.getUser().getId(),
                    response.stored());
        } catch (RuntimeException e) {
            LOG.warn("interaction {}: its deferred response could not be recorded: {}", response, e.getMessage());
        }
    }

    /**
     * Takes up the responses an earlier run deferred and did not answer: one whose request became
     * a job is remembered for that job (which the job runner resumes), one whose token has run out
     * is dropped. Returns the rest: requests the crash lost before they became jobs.
     */
    List<Awaited> takeUp(Instant now) {
        List<Awaited> lost = new ArrayList<>();
        int expired = 0;
        int withJobs = 0;
        for (var open : records.awaited(DiscordDelivery.PLATFORM)) {
            Optional<Response> response =
                    Response.parse(open.address()).filter(r -> r.requestId().equals(open.requestId()));
            if (response.isEmpty() || !response.get().usable(now)) {
                records.answered(DiscordDelivery.PLATFORM, open.requestId());
                expired++;
            } else if (open.job().isPresent()) {
                put(response.get());
                withJobs++;
            } else {
                lost.add(new Awaited(response.get(), open.userId()));
            }
        }
        if (expired + withJobs + lost.size() > 0) {
            LOG.info(
                    "interactions an earlier run left unanswered: {} with jobs, {} lost before becoming jobs"
                            + " (answered once connected), {} no longer answerable",
                    withJobs,
                    lost.size(),
                    expired);
        }
        return lost;
    }

    void put(Response response) {
        byRequest.put(response.requestId(), response);
    }

    /** The response of a job that came from an interaction made in this run. */
    Optional<Response> live(Optional<String> requestId) {
        return requestId.map(byRequest::get);
    }

    /**
     * The response of a job while its token lives: remembered from this run, or stored with the job
     * by an earlier one.
     */
    Optional<Response> find(Job job, Instant now) {
        Optional<String> request = job.requestMessageId().filter(id -> id.startsWith(PREFIX));
        if (request.isEmpty()) {
            return Optional.empty();
        }
        return live(request)
                .or(() -> job.statusMessageId()
                        .flatMap(Response::parse)
                        .filter(response -> response.requestId().equals(request.get())))
                .filter(response -> !dead.contains(response.interactionId()))
                .filter(response -> response.usable(now));
    }

    /** Discord refused the response's token: results go to the channel from now on. */
    void refused(Response response) {
        dead.add(response.interactionId());
        byRequest.remove(response.requestId());
    }

    /** The response is answered, or the job's result posted: nothing more is said through it. */
    void forget(Optional<String> requestId) {
        requestId.filter(id -> id.startsWith(PREFIX)).ifPresent(id -> {
            byRequest.remove(id);
            try {
                records.answered(DiscordDelivery.PLATFORM, id);
            } catch (RuntimeException e) {
                LOG.warn("the record of response {} could not be dropped: {}", id, e.getMessage());
            }
            try {
                dead.remove(Long.parseLong(id.substring(PREFIX.length())));
            } catch (NumberFormatException e) {
                // not an interaction's request id
            }
        });
    }
}

package dev.redraw.discord;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.dv8tion.jda.api.interactions.InteractionHook;

/**
 * The deferred interaction responses of jobs in progress, keyed by the request id the job carries
 * ({@code i:<interaction id>}). A response can be edited for 15 minutes; after that, or after a
 * restart, results go to the channel as a normal message instead.
 */
final class Responses {

    static final String PREFIX = "i:";
    /** The interaction token lives 15 minutes; leave a margin for the upload. */
    static final Duration TOKEN_LIFE = Duration.ofMinutes(14);
    /** Discord's default upload limit when an interaction does not say. */
    static final long DEFAULT_UPLOAD_LIMIT = 10L * 1024 * 1024;

    private final Map<String, Response> byRequest = new ConcurrentHashMap<>();

    /** A deferred response, when it began, and the upload limit the interaction reported. */
    record Response(InteractionHook hook, Instant started, long uploadLimit) {
        boolean usable(Instant now) {
            return now.isBefore(started.plus(TOKEN_LIFE));
        }
    }

    static String requestId(long interactionId) {
        return PREFIX + interactionId;
    }

    void put(String requestId, InteractionHook hook, Instant now, long uploadLimit) {
        byRequest.put(requestId, new Response(hook, now, uploadLimit));
    }

    Optional<Response> find(Optional<String> requestId, Instant now) {
        return requestId.map(byRequest::get).filter(response -> response.usable(now));
    }

    void forget(Optional<String> requestId) {
        requestId.ifPresent(byRequest::remove);
    }
}

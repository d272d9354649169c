package dev.redraw.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.request.HandledUpdates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Telegram posts to the webhook: each update is checked against the secret token the bot
 * registered, kept in the database (so that it is Telegram's to forget once answered), and handed
 * to its lane; the answer goes back at once, whatever handling the update takes. A request without
 * the matching {@code X-Telegram-Bot-Api-Secret-Token} is refused with 401 and logged, and nothing in
 * it is read. An update that cannot be kept (the database is failing) gets 503, which Telegram
 * answers by sending it again later. An update sent twice, to this instance or another, is kept once
 * and handled once.
 */
public final class TelegramWebhook {

    /** The header Telegram sends the secret token in. */
    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private static final Logger LOG = LoggerFactory.getLogger(TelegramWebhook.class);

    /** What to answer Telegram. */
    public record Answer(int status, String text) {}

    private final byte[] secret;
    private final HandledUpdates updates;
    private final ObjectMapper mapper = new ObjectMapper();
    private volatile SharedLanes lanes;

    /** Refused requests not logged yet, and when one was last logged: a flood writes a line a minute. */
    private final java.util.concurrent.atomic.AtomicLong unlogged = new java.util.concurrent.atomic.AtomicLong();

    private final java.util.concurrent.atomic.AtomicLong lastLogged =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - REFUSALS_LOGGED_EVERY.toNanos());
    static final java.time.Duration REFUSALS_LOGGED_EVERY = java.time.Duration.ofMinutes(1);

    TelegramWebhook(String secret, HandledUpdates updates) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.updates = updates;
    }

    /** Logs a refused request: the first at once, then at most one line a minute with how many came. */
    private void refused(String how) {
        unlogged.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= REFUSALS_LOGGED_EVERY.toNanos() && lastLogged.compareAndSet(last, now)) {
            long refused = unlogged.getAndSet(0);
            LOG.warn(
                    "Telegram webhook: a request {} was refused{}",
                    how,
                    refused > 1 ? " (" + refused + " refused since the last such line)" : "");
        }
    }

    /** Starts handing updates on; until then they are answered 503, so Telegram sends them again. */
    void open(SharedLanes lanes) {
        this.lanes = lanes;
    }

    void shut() {
        this.lanes = null;
    }

    /**
     * Answers one request to the webhook.
     *
     * @param method the HTTP method
     * @param secretToken the secret token header, when the request carried one
     * @param body reads the request body; only once the secret token matched
     */
    public Answer receive(String method, Optional<String> secretToken, java.util.function.Supplier<byte[]> body) {
        if (secretToken.isEmpty()
                || !MessageDigest.isEqual(secret, secretToken.get().getBytes(StandardCharsets.UTF_8))) {
            refused(secretToken.isEmpty() ? "without the secret token" : "with a wrong secret token");
            return new Answer(401, "Unauthorized");
        }
        if (!method.equals("POST")) {
            return new Answer(405, "Only POST");
        }
        SharedLanes open = lanes;
        if (open == null) {
            return new Answer(503, "Starting or stopping");
        }
        JsonNode update;
        try {
            update = mapper.readTree(body.get());
        } catch (IOException e) {
            update = null;
        }
        long id = update == null ? -1 : update.path("update_id").asLong(-1);
        if (id < 0) {
            LOG.warn("Telegram webhook: a request without an update was ignored");
            return new Answer(400, "Not an update");
        }
        String lane = UpdateLanes.laneOf(update);
        try {
            updates.keep(UpdateHandler.PLATFORM, id, update.toString(), lane, UpdateLanes.albumOf(update));
        } catch (RuntimeException e) {
            LOG.warn(
                    "Telegram webhook: update {} could not be kept, so Telegram sends it again: {}",
                    id,
                    e.getMessage());
            return new Answer(503, "Try again later");
        }
        open.arrived(lane);
        return new Answer(200, "OK");
    }
}

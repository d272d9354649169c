package dev.redraw.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.request.HandledUpdates;
import dev.redraw.core.settings.ReceivedUpdate;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Long polling, done here rather than by the library so that one update can never stop the rest.
 * Each update of a batch is read on its own: one that cannot be read (say a {@code file_size} past
 * what the library's types hold) is logged once and skipped, not fetched again and again. Updates
 * are handed to their chat's {@link ChatLanes lane}, so chats are served side by side and each in
 * order. Each update is kept in the database ({@link HandledUpdates#keep}) before Telegram is told
 * it arrived, and dropped once handled; a start hands on first whatever a crash left there, so a
 * crash loses none, and an update still being handled (an album downloading slowly) never keeps the
 * next poll from waiting for other chats' updates. An update that could not be kept (the database
 * is failing) is not confirmed: the offset stays at the oldest such update still being handled, and
 * updates fetched again meanwhile are recognised and not handed on twice. As Telegram answers at
 * once while an update it was not told is done remains, a poll that brings only updates still being
 * handled is followed by a wait for one of them to finish, not by another poll; so that
 * one stuck update cannot hold other chats up for long, the wait also ends after a while, which
 * doubles each time it passes with no update finished, up to {@link #MAX_BUSY_WAIT}. Nothing a
 * handler throws reaches the loop, and a failing poll is tried again with back-off: the loop only
 * ends when the bot stops.
 */
final class UpdatePoller {

    private static final Logger LOG = LoggerFactory.getLogger(UpdatePoller.class);
    private static final MediaType JSON = MediaType.get("application/json");
    static final int LIMIT = 100;
    /**
     * When a poll brought only updates still being handled, the longest the first wait for one of them
     * to finish lasts before polling again for other chats' updates; each wait that passes with none
     * finished doubles the next one, up to {@link #MAX_BUSY_WAIT}.
     */
    static final Duration FIRST_BUSY_WAIT = Duration.ofSeconds(1);

    static final Duration MAX_BUSY_WAIT = Duration.ofSeconds(10);

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final OkHttpClient http;
    private final HttpUrl getUpdates;
    private final int longPollSeconds;
    private final ChatLanes lanes;
    private final AlbumCollector albums;
    private final Consumer<Update> handler;
    private final HandledUpdates updates;
    private final ObjectMapper mapper = new ObjectMapper();

    /** Updates handed to a lane, not kept in the database, and not finished yet: not confirmed. */
    private final ConcurrentSkipListSet<Long> unkept = new ConcurrentSkipListSet<>();

    private final Object progress = new Object();
    /** How many updates handed on have finished; guarded by {@link #progress}. */
    private long finishedCount;

    private final CountDownLatch stopped = new CountDownLatch(1);
    /** The newest update handed on in this run; -1 before the first. Poller thread only. */
    private long lastReceived = -1;
    /** No offset below this: updates skipped to get past a full batch of busy ones. Poller thread only. */
    private long floor;

    private volatile boolean running = true;
    /** Why the last poll failed; null once a poll is answered. */
    private volatile String failing;

    private volatile Call current;
    private Thread thread;

    UpdatePoller(
            OkHttpClient http,
            HttpUrl getUpdates,
            int longPollSeconds,
            ChatLanes lanes,
            AlbumCollector albums,
            Consumer<Update> handler,
            HandledUpdates updates) {
        // A long poll is answered within its timeout; the margin covers a slow network.
        this.http = http.newBuilder()
                .readTimeout(Duration.ofSeconds(longPollSeconds + 25L))
                .build();
        this.getUpdates = getUpdates;
        this.longPollSeconds = longPollSeconds;
        this.lanes = lanes;
        this.albums = albums;
        this.handler = handler;
        this.updates = updates;
    }

    void start() {
        thread = Thread.ofPlatform().name("telegram-polling").daemon().start(this::loop);
    }

    /** The offset the next poll confirms: everything before the oldest update not kept and still being handled. */
    long offset() {
        long next = unkept.isEmpty() ? lastReceived + 1 : unkept.first();
        return Math.max(floor, next);
    }

    /** Hands on the updates an earlier run kept and did not finish, oldest first. */
    private void resumeKept() {
        List<ReceivedUpdate> kept;
        try {
            kept = updates.received(UpdateHandler.PLATFORM);
        } catch (RuntimeException e) {
            LOG.warn(
                    "updates kept by an earlier run could not be read; they are tried at the next start: {}",
                    e.getMessage());
            return;
        }
        if (!kept.isEmpty()) {
            LOG.info("handling {} updates an earlier run received but did not finish", kept.size());
        }
        for (ReceivedUpdate received : kept) {
            try {
                handOn(received.updateId(), mapper.readTree(received.body()), true);
            } catch (IOException | RuntimeException e) {
                LOG.warn(
                        "kept update {} could not be read and is dropped: {}",
                        received.updateId(),
                        firstLine(e.getMessage()));
                drop(received.updateId());
            }
        }
    }

    /** Why polling is failing now (the last poll's error); empty while polls are answered. */
    Optional<String> failing() {
        return Optional.ofNullable(failing);
    }

    private void loop() {
        resumeKept();
        Duration backoff = FIRST_BACKOFF;
        Duration busyWait = FIRST_BUSY_WAIT;
        while (running) {
            try {
                boolean wait = !albums.beforePoll();
                long finishedBefore = finishedSoFar();
                JsonNode batch = poll(wait ? longPollSeconds : 0);
                albums.pollAnswered();
                failing = null;
                backoff = FIRST_BACKOFF;
                int fresh = handOn(batch);
                if (fresh > 0 || batch.isEmpty()) {
                    busyWait = FIRST_BUSY_WAIT;
                } else if (batch.size() >= LIMIT) {
                    // A whole batch of updates still being handled: let the next ones in.
                    LOG.warn("{} updates are still being handled; confirming them to fetch newer ones", LIMIT);
                    floor = lastReceived + 1;
                } else {
                    // Only updates still being handled: polling again would bring them straight back.
                    // An album this poll completed goes on now, not after the wait.
                    albums.beforePoll();
                    if (awaitProgress(finishedBefore, busyWait)) {
                        busyWait = FIRST_BUSY_WAIT;
                    } else {
                        busyWait = busyWait.multipliedBy(2).compareTo(MAX_BUSY_WAIT) > 0
                                ? MAX_BUSY_WAIT
                                : busyWait.multipliedBy(2);
                    }
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                failing = describe(e);
                LOG.warn("polling Telegram failed ({}); trying again in {} ms", failing, backoff.toMillis());
                try {
                    if (stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } catch (Throwable e) {
                // Nothing may end the loop but a stop; an Error is logged and the loop goes on.
                LOG.error("polling loop error", e);
            }
        }
    }

    private JsonNode poll(int timeoutSeconds) throws IOException {
        var body = mapper.createObjectNode();
        long offset = offset();
        if (offset > 0) {
            body.put("offset", offset);
        }
        body.put("limit", LIMIT);
        body.put("timeout", timeoutSeconds);
        Request request = new Request.Builder()
                .url(getUpdates)
                .post(RequestBody.create(body.toString(), JSON))
                .build();
        Call call = http.newCall(request);
        current = call;
        if (!running) {
            call.cancel();
        }
        try (Response response = call.execute()) {
            String text = response.body() == null ? "" : response.body().string();
            JsonNode answer;
            try {
                answer = mapper.readTree(text);
            } catch (IOException e) {
                throw new IOException("getUpdates answered HTTP " + response.code() + " with no JSON");
            }
            if (!response.isSuccessful() || answer == null || !answer.path("ok").asBoolean(false)) {
                // The status and Telegram's description only: the URL holds the token.
                throw new IOException("getUpdates answered HTTP " + response.code() + ": "
                        + (answer == null ? "" : answer.path("description").asText("")));
            }
            JsonNode result = answer.path("result");
            if (!result.isArray()) {
                throw new IOException("getUpdates answered without a list of updates");
            }
            return result;
        } finally {
            current = null;
        }
    }

    /** Hands the new updates of a batch on, each read on its own; returns how many were new. */
    private int handOn(JsonNode batch) {
        int fresh = 0;
        for (JsonNode node : batch) {
            long id = node.path("update_id").asLong(-1);
            if (id < 0 || id <= lastReceived) {
                // Already handed on in this run (fetched again while still being handled).
                continue;
            }
            fresh++;
            handOn(id, node, false);
        }
        return fresh;
    }

    private void handOn(long id, JsonNode node, boolean keptBefore) {
        lastReceived = Math.max(lastReceived, id);
        Update update;
        try {
            update = mapper.treeToValue(node, Update.class);
        } catch (Exception e) {
            LOG.warn("update {} could not be read and is skipped: {}", id, firstLine(e.getMessage()));
            if (keptBefore) {
                drop(id);
            }
            return;
        }
        albums.arriving(update.getMessage());
        // Handled while it is kept: the lane starts on it at once, and the keeping (a commit) runs
        // here meanwhile. Telegram is told it arrived only by the next poll, which comes after this.
        var keeping = new CompletableFuture<Boolean>();
        try {
            lanes.submit(UpdateLanes.laneOf(node), () -> run(id, update, keeping));
        } catch (RuntimeException e) {
            keeping.complete(keptBefore);
            finished(id, update, keeping);
            throw e;
        }
        boolean kept = keptBefore;
        try {
            kept = keptBefore || keep(id, node);
        } finally {
            if (!kept) {
                // Not confirmed until it finishes.
                unkept.add(id);
            }
            keeping.complete(kept);
        }
    }

    /** Keeps the update so that it may be confirmed before it is handled; false when it could not be. */
    private boolean keep(long id, JsonNode node) {
        try {
            updates.keep(UpdateHandler.PLATFORM, id, node.toString());
            return true;
        } catch (RuntimeException e) {
            LOG.warn("update {} could not be kept, so it is confirmed only once handled: {}", id, e.getMessage());
            return false;
        }
    }

    private void drop(long id) {
        try {
            updates.handled(UpdateHandler.PLATFORM, id);
        } catch (RuntimeException e) {
            // Kept for the next start, where the ledger of handled updates tells it was handled.
            LOG.warn("update {} was handled but could not be dropped from the kept ones: {}", id, e.getMessage());
        }
    }

    private void run(long id, Update update, CompletableFuture<Boolean> keeping) {
        try {
            handler.accept(update);
        } catch (Throwable e) {
            LOG.error("update {} could not be handled and is skipped", id, e);
        } finally {
            finished(id, update, keeping);
        }
    }

    /**
     * Drops the update from the kept ones once handled. It waits for the keeping to end first, so an
     * update is never dropped before it was kept, nor marked not kept after it finished.
     */
    private void finished(long id, Update update, CompletableFuture<Boolean> keeping) {
        albums.settled(update.getMessage());
        if (keeping.join()) {
            drop(id);
        }
        unkept.remove(id);
        synchronized (progress) {
            finishedCount++;
            progress.notifyAll();
        }
    }

    private long finishedSoFar() {
        synchronized (progress) {
            return finishedCount;
        }
    }

    /**
     * Waits until an update finishes (or has finished since {@code finishedBefore} was read), the
     * poller stops, or {@code limit} passes; returns whether an update finished.
     */
    private boolean awaitProgress(long finishedBefore, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (progress) {
            while (running && finishedCount == finishedBefore) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return finishedCount != finishedBefore;
        }
    }

    /** Stops polling: the poll under way is cut off and the loop ends. */
    void stop() throws InterruptedException {
        running = false;
        stopped.countDown();
        Call call = current;
        if (call != null) {
            call.cancel();
        }
        synchronized (progress) {
            progress.notifyAll();
        }
        if (thread != null) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(5));
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}

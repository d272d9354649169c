package dev.redraw.telegram.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redraw.core.testing.NoDelayServerSockets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.BufferedSink;
import org.telegram.telegrambots.meta.TelegramUrl;

/**
 * A fake Telegram Bot API on 127.0.0.1, for end-to-end tests that drive the real TelegramBots
 * library: {@code OkHttpTelegramClient} and {@code TelegramBotsLongPollingApplication} pointed at
 * {@link #telegramUrl()}.
 *
 * <p>It serves {@code /bot<token>/<method>} (method names in any case; parameters as JSON,
 * form-urlencoded or multipart, the way TelegramBots uploads files) and {@code /file/bot<token>/<path>}.
 * Every call is recorded as a {@link Call} once its effects are in place (a long poll on arrival, any
 * other call when answered); what the bot sent to a chat is also kept as {@link SentMessage}s. Tests script users with {@link #from(FakeUser)}, which queues
 * updates for the bot's long poll, and inject failures with {@link #failNext}.
 *
 * <p>Like Telegram, it answers messages with full Message objects, numbers messages per chat (user and
 * bot messages share one counter), drops queued updates below the {@code offset} of a
 * {@code getUpdates} call, refuses to edit a message into what it already is ("message is not
 * modified"), and enforces the documented limits: 4096 characters of text, 1024 of caption, 10 MB and
 * 10000 px (width + height) for {@code sendPhoto}, 50 MB for uploads, 20 MB for {@code getFile}.
 */
public final class FakeTelegram implements AutoCloseable {

    public static final long BOT_ID = 999;
    public static final String BOT_USERNAME = "redraw_test_bot";
    /** The most characters of an answer to a button press (answerCallbackQuery's text). */
    public static final int MAX_CALLBACK_ANSWER = 200;

    public static final String BOT_NAME = "Redraw Test";

    /** The fake answers a long poll after at most this long, so that bots shut down quickly. */
    public static final Duration LONG_POLL_CAP = Duration.ofSeconds(1);

    /** The pseudo method under which file downloads are recorded, with the parameter {@code file_path}. */
    public static final String DOWNLOAD = "downloadFile";

    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Duration CLOSE_QUIET = Duration.ofMillis(50);
    private static final Duration CLOSE_WAIT = Duration.ofMillis(500);
    private static final int MAX_TEXT = 4096;
    private static final int MAX_CAPTION = 1024;
    private static final int MAX_PHOTO_BYTES = 10 * 1024 * 1024;
    private static final int MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
    private static final int MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;
    private static final int THUMBNAIL_SIDE = 320;
    private static final int FIRST_UPDATE_ID = 1000;

    private static final List<String> METHODS = List.of(
            "getMe",
            "getUpdates",
            "deleteWebhook",
            "setWebhook",
            "getWebhookInfo",
            "setMyCommands",
            "deleteMyCommands",
            "sendMessage",
            "sendPhoto",
            "sendDocument",
            "sendMediaGroup",
            "sendChatAction",
            "editMessageText",
            "editMessageCaption",
            "editMessageReplyMarkup",
            "editMessageMedia",
            "deleteMessage",
            "answerCallbackQuery",
            "getChatMember",
            "getChat",
            "getFile",
            DOWNLOAD);
    private static final Map<String, String> CANONICAL =
            METHODS.stream().collect(Collectors.toMap(m -> m.toLowerCase(Locale.ROOT), m -> m));

    private static final Pattern COMMAND = Pattern.compile("(?<!\\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?");
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@/])@[A-Za-z0-9_]{5,32}");

    /**
     * One Bot API call as the fake received it.
     *
     * @param method the Bot API spelling ({@code sendMessage}) whatever case the request used
     * @param params every parameter as sent; TelegramBots also sends its own {@code method} field
     * @param receivedNanos {@link System#nanoTime()} when the call was recorded, for timelines
     */
    public record Call(String method, Map<String, String> params, List<Upload> files, long receivedNanos) {

        public Call(String method, Map<String, String> params, List<Upload> files) {
            this(method, params, files, System.nanoTime());
        }

        /** The parameter's text (JSON text for objects and arrays), or null. */
        public String param(String name) {
            return params.get(name);
        }

        /** The parameter parsed as JSON, or null when absent. */
        public JsonNode json(String name) {
            String value = params.get(name);
            if (value == null) {
                return null;
            }
            try {
                return MAPPER.readTree(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The first file uploaded for {@code field} (e.g. {@code photo}, {@code document}), or null. */
        public Upload file(String field) {
            return files.stream()
                    .filter(f -> f.field().equals(field))
                    .findFirst()
                    .orElse(null);
        }

        @Override
        public String toString() {
            String shown = params.entrySet().stream()
                    .map(e -> e.getKey() + "=" + abbreviate(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
            String uploads = files.isEmpty()
                    ? ""
                    : files.stream()
                            .map(f -> f.field() + ":" + f.filename() + "(" + f.bytes().length + " B)")
                            .collect(Collectors.joining(", ", " files[", "]"));
            return method + shown + uploads;
        }
    }

    /**
     * A file part of a call.
     *
     * @param field the parameter the file fills ({@code photo}, {@code document}, {@code media}), or
     *     the part's own name when no parameter refers to it
     */
    public record Upload(String field, String filename, String contentType, byte[] bytes) {}

    /** What a {@link SentMessage} records. */
    public enum Kind {
        TEXT,
        PHOTO,
        DOCUMENT,
        EDIT,
        /** An existing message made to show a new photo ({@code editMessageMedia}): a text message gains it. */
        MEDIA,
        DELETE
    }

    /**
     * Something the bot did to a chat, in order: a message sent, edited or deleted.
     *
     * @param messageId the new message, or the one edited or deleted
     * @param text the text, the caption, or for an edit the new text or caption; null when there is none
     * @param replyTo the message replied to, or null
     * @param replyMarkup the inline keyboard as JSON text, or null
     * @param file the photo or document bytes, or null
     * @param fileName the uploaded file's name, or null
     */
    public record SentMessage(
            long messageId, Kind kind, String text, Long replyTo, String replyMarkup, byte[] file, String fileName) {

        /** A photo now in the chat: one sent, or a message (such as a status message) made one by an edit. */
        public boolean photo() {
            return kind == Kind.PHOTO || kind == Kind.MEDIA;
        }
    }

    /**
     * An update queued for the bot.
     *
     * @param messageId the user's message, or for a callback query the bot message it belongs to
     * @param callbackQueryId the callback query's id, null for messages
     */
    public record Incoming(long updateId, long chatId, long messageId, String callbackQueryId) {}

    private record Pending(long updateId, JsonNode update) {}

    /** Who writes where, replying to what (a message id, or null). */
    private record Origin(FakeUser user, FakeChat chat, Long replyTo) {}

    private record StoredFile(String fileId, String uniqueId, String path, byte[] bytes) {}

    private record Failure(int code, int retryAfter) {}

    private record Media(byte[] bytes, String fileName, String contentType) {}

    private static final class ChatState {
        final FakeChat chat;
        long nextMessageId = 1;
        final Map<Long, ObjectNode> messages = new LinkedHashMap<>();
        final List<SentMessage> sent = new ArrayList<>();

        ChatState(FakeChat chat) {
            this.chat = chat;
        }
    }

    private static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;
        final int retryAfter;

        ApiError(int code, String description, int retryAfter) {
            super(description, null, false, false);
            this.code = code;
            this.retryAfter = retryAfter;
        }
    }

    private final String token;
    private final MockWebServer server = new MockWebServer();
    private final Object lock = new Object();
    private final Map<String, String> memberStatus = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean previews = true;

    // All below guarded by lock.
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Long> counts = new HashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    /** Guarded by lock. */
    private final List<WebhookAnswer> webhookAnswers = new ArrayList<>();

    private final Map<Long, JsonNode> updatesById = new HashMap<>();
    private final Map<Long, ChatState> chats = new HashMap<>();
    private final Map<String, StoredFile> filesById = new HashMap<>();
    private final Map<String, StoredFile> filesByPath = new HashMap<>();
    private final Map<String, Deque<Failure>> failures = new HashMap<>();
    private long nextUpdateId = FIRST_UPDATE_ID;
    private long nextFile = 1;
    private long nextMediaGroup = 1;
    private long nextCallback = 1;
    private final Map<String, Integer> stalls = new HashMap<>();
    private final Map<String, Integer> holds = new HashMap<>();
    /** How many times {@link #releaseHeld()} was called; a held call waits for the next one. */
    private long releases;

    private int waitingHeld;
    private final Map<String, Integer> lostAnswers = new HashMap<>();
    private boolean downloadsHeld;
    private long downloadBytesPerSecond;
    private boolean paused;
    private boolean closed;
    private int inFlight;
    private long served;

    public FakeTelegram(String token) {
        this.token = Objects.requireNonNull(token, "token");
    }

    /** Starts listening on 127.0.0.1 on a free port. */
    /**
     * Numbers this fake's updates from {@code first} on: a second fake standing for the same bot
     * seen by another instance must not repeat the update ids the first one gave.
     */
    public FakeTelegram numberingUpdatesFrom(long first) {
        synchronized (lock) {
            nextUpdateId = Math.max(nextUpdateId, first);
        }
        return this;
    }

    public FakeTelegram start() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                synchronized (lock) {
                    inFlight++;
                    served++;
                }
                try {
                    return respond(request);
                } finally {
                    // The calls keep what tests need; the server's own copy of each request would
                    // only hold every upload twice.
                    while (server.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
                        // drained
                    }
                    synchronized (lock) {
                        inFlight--;
                        lock.notifyAll();
                    }
                }
            }

            @Override
            public void close() {
                markClosed();
            }
        });
        try {
            server.setServerSocketFactory(NoDelayServerSockets.INSTANCE);
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public int port() {
        return server.getPort();
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String apiUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The URL for TelegramBots' clients. */
    public TelegramUrl telegramUrl() {
        return new TelegramUrl("http", "127.0.0.1", port(), false);
    }

    public String token() {
        return token;
    }

    /** Where the bot downloads a file that {@code getFile} described. */
    public String fileUrl(String filePath) {
        return apiUrl() + "/file/bot" + token + "/" + filePath;
    }

    /**
     * Answers the long polls under way (and any call arriving meanwhile) at once with no updates, waits
     * until no request has come for 50 ms (at most half a second), then stops the server. Stop the bot's long polling first: a poll arriving after this fails to connect.
     */
    @Override
    public void close() {
        markClosed();
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        synchronized (lock) {
            long seen = served;
            long quietSince = System.nanoTime();
            while (true) {
                long now = System.nanoTime();
                if (inFlight > 0 || served != seen) {
                    seen = served;
                    quietSince = now;
                }
                long quietLeft = CLOSE_QUIET.toNanos() - (now - quietSince);
                if (quietLeft <= 0 || now >= deadline) {
                    break;
                }
                try {
                    // The server writes an answer after the dispatcher returns it: leave it a moment.
                    lock.wait(Math.max(1, quietLeft / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        server.close();
    }

    private void markClosed() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }

    // ---------------------------------------------------------------- assertions

    /** Every call so far, oldest first, including the long polls. */
    public List<Call> calls() {
        synchronized (lock) {
            return List.copyOf(calls);
        }
    }

    /** The calls of one method (any case), oldest first. */
    public List<Call> calls(String method) {
        synchronized (lock) {
            return calls.stream()
                    .filter(c -> c.method().equalsIgnoreCase(method))
                    .toList();
        }
    }

    /** Waits for a call of {@code method} (made before or during the wait). */
    public Call awaitCall(String method, Duration timeout) {
        return awaitCall(method, call -> true, timeout);
    }

    /**
     * Waits for a call of {@code method} that {@code condition} accepts, made before or during the
     * wait; fails with the calls seen so far.
     */
    public Call awaitCall(String method, Predicate<Call> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                for (Call call : calls) {
                    if (call.method().equalsIgnoreCase(method) && condition.test(call)) {
                        return call;
                    }
                }
                waitUntil(deadline, () -> "no matching " + method + " call within " + timeout + "; " + describeCalls());
            }
        }
    }

    /** What the bot sent to, edited in or deleted from a chat, oldest first. */
    public List<SentMessage> sent(long chatId) {
        synchronized (lock) {
            ChatState chat = chats.get(chatId);
            return chat == null ? List.of() : List.copyOf(chat.sent);
        }
    }

    /** Waits until the bot has done something to the chat that {@code condition} accepts. */
    public SentMessage awaitSent(long chatId, Predicate<SentMessage> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                for (SentMessage message : sent(chatId)) {
                    if (condition.test(message)) {
                        return message;
                    }
                }
                waitUntil(
                        deadline,
                        () -> "nothing matching sent to chat " + chatId + " within " + timeout + "; sent: "
                                + sent(chatId) + "; " + describeCalls());
            }
        }
    }

    /** A message as it stands now (after edits) as Bot API JSON, or null when unknown or deleted. */
    public String messageJson(long chatId, long messageId) {
        synchronized (lock) {
            ChatState chat = chats.get(chatId);
            ObjectNode message = chat == null ? null : chat.messages.get(messageId);
            return message == null ? null : message.toString();
        }
    }

    // ---------------------------------------------------------------- scripting

    /** Starts an update from {@code user}, by default in the private chat with the bot. */
    public UserAction from(FakeUser user) {
        return new UserAction(new Origin(user, FakeChat.privateWith(user), null));
    }

    /** Queues a text message from {@code user} in the private chat. */
    public Incoming userMessage(FakeUser user, String text) {
        return from(user).text(text);
    }

    /**
     * Queues an update as given. Without an {@code update_id} it gets the next one; messages in it are
     * not remembered for replies.
     *
     * @return the update's id
     */
    public long enqueueRaw(String updateJson) {
        ObjectNode update;
        try {
            update = (ObjectNode) MAPPER.readTree(updateJson);
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("not a JSON object: " + updateJson, e);
        }
        synchronized (lock) {
            long id;
            if (update.hasNonNull("update_id")) {
                id = update.get("update_id").asLong();
                nextUpdateId = Math.max(nextUpdateId, id + 1);
            } else {
                id = nextUpdateId++;
                update.put("update_id", id);
            }
            enqueue(id, update);
            return id;
        }
    }

    /**
     * Queues an update again with the same {@code update_id}, the way Telegram re-delivers updates a
     * bot did not confirm. The copy reaches the bot only while its {@code getUpdates} offset is not past
     * it; and TelegramBots itself drops an update whose id is not above the last one it received in
     * this session, so a bot sees both copies when they arrive in one batch (queue both before the bot
     * polls, or between {@link #pauseUpdates()} and {@link #resumeUpdates()}) or after a restart.
     */
    public void queueSame(long updateId) {
        synchronized (lock) {
            JsonNode update = updatesById.get(updateId);
            if (update == null) {
                throw new IllegalArgumentException("no update " + updateId + " was queued");
            }
            pending.add(new Pending(updateId, update));
            lock.notifyAll();
        }
    }

    /**
     * Webhook mode, as Telegram does it behind a load balancer: queued updates are posted one at a
     * time, oldest first, each to the next of {@code urls} in turn, with {@code secret} in the
     * {@code X-Telegram-Bot-Api-Secret-Token} header. An update is done once answered 200; any other
     * answer, or none, has it posted again (to the next URL) shortly after. {@code getUpdates} then
     * brings nothing. Stops when this fake closes.
     */
    public void pushTo(List<String> urls, String secret) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no URL to push to");
        }
        var client = java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        Thread.ofPlatform().daemon().name("fake-telegram-webhook").start(() -> {
            int next = 0;
            while (true) {
                Pending first;
                synchronized (lock) {
                    while (!closed && (pending.isEmpty() || paused)) {
                        try {
                            lock.wait();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    if (closed) {
                        return;
                    }
                    first = pending.getFirst();
                }
                String url = urls.get(next++ % urls.size());
                int status;
                try {
                    status = client.send(
                                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                                            .timeout(Duration.ofSeconds(10))
                                            .header("Content-Type", "application/json")
                                            .header("X-Telegram-Bot-Api-Secret-Token", secret)
                                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                                    first.update().toString()))
                                            .build(),
                                    java.net.http.HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                } catch (java.io.IOException e) {
                    status = -1;
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (lock) {
                    webhookAnswers.add(new WebhookAnswer(first.updateId(), url, status));
                    if (status == 200) {
                        pending.remove(first);
                    } else {
                        try {
                            lock.wait(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }
        });
    }

    /**
     * Takes the queued update {@code updateId} out of the queue, as JSON, for a test to post to the
     * instance it chooses: Telegram's webhook posts each update to one of them.
     */
    public String takeUpdate(long updateId) {
        synchronized (lock) {
            Pending found = pending.stream()
                    .filter(p -> p.updateId() == updateId)
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no queued update " + updateId));
            pending.remove(found);
            return found.update().toString();
        }
    }

    /** One webhook post: the update, where it went, and the HTTP status answered (-1: no answer). */
    public record WebhookAnswer(long updateId, String url, int status) {}

    /** Every webhook post so far, oldest first. */
    public List<WebhookAnswer> webhookAnswers() {
        synchronized (lock) {
            return List.copyOf(webhookAnswers);
        }
    }

    /** Holds back queued updates from {@code getUpdates} until {@link #resumeUpdates()}. */
    public void pauseUpdates() {
        synchronized (lock) {
            paused = true;
        }
    }

    /** Lets {@code getUpdates} deliver everything queued, in one batch if it fits its limit. */
    public void resumeUpdates() {
        synchronized (lock) {
            paused = false;
            lock.notifyAll();
        }
    }

    /** Updates queued and not yet confirmed by a {@code getUpdates} offset past them. */
    public int pendingUpdates() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /** Makes a chat known, so the bot can send to it before any user writes there. */
    public void knowChat(FakeChat chat) {
        synchronized (lock) {
            chatState(chat);
        }
    }

    /**
     * The next {@code times} calls of {@code method} (any case) fail with {@code errorCode}; for 429
     * with {@code retry_after} = {@code retryAfterSeconds}, as Telegram's flood control answers.
     */
    /** Makes {@code user} an administrator of {@code chat}, as getChatMember will report. */
    public void makeAdmin(FakeChat chat, FakeUser user) {
        memberStatus.put(chat.id() + "/" + user.id(), "administrator");
    }

    /** Makes {@code channel} known, the bot an administrator there allowed to post when {@code botMayPost}. */
    public void knowChannel(FakeChat channel, boolean botMayPost) {
        knowChat(channel);
        memberStatus.put(channel.id() + "/" + BOT_ID, botMayPost ? "administrator" : "member");
    }

    /** A chat by its id or its public {@code @username}, as Telegram describes it. */
    private JsonNode getChat(Map<String, String> p) {
        String id = require(p, "chat_id");
        FakeChat found;
        synchronized (lock) {
            found = chats.values().stream()
                    .map(state -> state.chat)
                    .filter(chat -> id.equals(Long.toString(chat.id()))
                            || chat.username() != null && id.equalsIgnoreCase("@" + chat.username()))
                    .findFirst()
                    .orElse(null);
        }
        if (found == null) {
            throw badRequest("chat not found");
        }
        ObjectNode node = found.json();
        node.put("accent_color_id", 0);
        node.put("max_reaction_count", 11);
        ObjectNode gifts = node.putObject("accepted_gift_types");
        gifts.put("unlimited_gifts", false);
        gifts.put("limited_gifts", false);
        gifts.put("unique_gifts", false);
        gifts.put("premium_subscription", false);
        return node;
    }

    private JsonNode chatMember(Map<String, String> p) {
        String key = p.get("chat_id") + "/" + p.get("user_id");
        ObjectNode member = MAPPER.createObjectNode();
        member.put("status", memberStatus.getOrDefault(key, "member"));
        ObjectNode user = member.putObject("user");
        user.put("id", Long.parseLong(p.get("user_id")));
        user.put("is_bot", false);
        user.put("first_name", "member");
        if ("administrator".equals(member.get("status").asText())) {
            member.put("can_be_edited", false);
            member.put("is_anonymous", false);
            member.put("can_manage_chat", true);
            member.put("can_delete_messages", true);
            member.put("can_manage_video_chats", true);
            member.put("can_restrict_members", true);
            member.put("can_promote_members", false);
            member.put("can_change_info", true);
            member.put("can_invite_users", true);
            member.put("can_post_stories", false);
            member.put("can_edit_stories", false);
            member.put("can_delete_stories", false);
            member.put("can_post_messages", true);
            member.put("can_edit_messages", true);
        } else {
            member.put("until_date", 0);
        }
        return member;
    }

    public void failNext(String method, int times, int errorCode, int retryAfterSeconds) {
        synchronized (lock) {
            Deque<Failure> queue = failures.computeIfAbsent(method.toLowerCase(Locale.ROOT), m -> new ArrayDeque<>());
            for (int i = 0; i < times; i++) {
                queue.add(new Failure(errorCode, retryAfterSeconds));
            }
        }
    }

    /**
     * The next {@code times} calls of {@code method} (any case) get no answer until the fake closes,
     * and are not recorded: to the bot the call times out, and Telegram did nothing.
     */
    public void stallNext(String method, int times) {
        synchronized (lock) {
            stalls.merge(method.toLowerCase(Locale.ROOT), times, Integer::sum);
        }
    }

    /**
     * The next {@code times} calls of {@code method} (any case) wait, unanswered and not carried out,
     * until {@link #releaseHeld()}; then they are carried out and answered as usual: a slow Telegram.
     */
    public void holdNext(String method, int times) {
        synchronized (lock) {
            holds.merge(method.toLowerCase(Locale.ROOT), times, Integer::sum);
        }
    }

    /** How many calls {@link #holdNext} holds now. */
    public int heldCalls() {
        synchronized (lock) {
            return waitingHeld;
        }
    }

    /** Lets every call {@link #holdNext} holds now go on. */
    public void releaseHeld() {
        synchronized (lock) {
            releases++;
            lock.notifyAll();
        }
    }

    /**
     * The next {@code times} calls of {@code method} (any case) are carried out and recorded, but
     * answered 502: the answer was lost on its way back (a proxy gave up), so the bot cannot tell
     * that Telegram did it.
     */
    public void loseAnswerNext(String method, int times) {
        synchronized (lock) {
            lostAnswers.merge(method.toLowerCase(Locale.ROOT), times, Integer::sum);
        }
    }

    /** File downloads wait until {@link #releaseDownloads()} (or the fake closes): a slow file server. */
    public void holdDownloads() {
        synchronized (lock) {
            downloadsHeld = true;
        }
    }

    /**
     * Photos get no computed preview from now on: their one size is the photo as sent. Telegram makes
     * previews on its own servers; a benchmark whose fake shares the bot's cores turns this off so
     * that the fake's decoding and re-encoding is not counted as the bot's time.
     */
    public void skipPreviews() {
        previews = false;
    }

    /** Each file download is served at most {@code bytesPerSecond} fast (zero: as fast as it goes). */
    public void throttleDownloads(long bytesPerSecond) {
        synchronized (lock) {
            downloadBytesPerSecond = bytesPerSecond;
        }
    }

    public void releaseDownloads() {
        synchronized (lock) {
            downloadsHeld = false;
            lock.notifyAll();
        }
    }

    /** How many calls of one method (Bot API spelling) arrived since the start, {@link #discardHistory} or not. */
    public long callCount(String method) {
        synchronized (lock) {
            return counts.getOrDefault(method, 0L);
        }
    }

    /**
     * Forgets the calls, the messages sent and the stored files (chats and their messages stay, so
     * replies still resolve), for long runs that would otherwise keep every upload. Call it only
     * while the bot is idle: a file it is about to download would be gone.
     */
    public void discardHistory() {
        discardHistory(fileId -> false);
    }

    /**
     * Like {@link #discardHistory()}, but keeps the stored files whose id {@code keep} accepts: for
     * long runs that go on while the bot may be fetching those files.
     */
    public void discardHistory(Predicate<String> keep) {
        synchronized (lock) {
            calls.clear();
            chats.values().forEach(chat -> chat.sent.clear());
            filesById.values().removeIf(file -> !keep.test(file.fileId()));
            filesByPath.values().removeIf(file -> !keep.test(file.fileId()));
        }
    }

    /** Stores a file as if a user had sent it, for {@code getFile} and the download URL. */
    public String storeFile(byte[] bytes) {
        synchronized (lock) {
            return store(bytes.clone(), "documents").fileId();
        }
    }

    /** The bytes behind a file id (uploaded by the bot, sent by a user or stored), or null. */
    public byte[] fileBytes(String fileId) {
        synchronized (lock) {
            StoredFile file = filesById.get(fileId);
            return file == null ? null : file.bytes().clone();
        }
    }

    /**
     * Builds updates from one user: where they write ({@link #in}), what they reply to
     * ({@link #replyTo}) and what they send. Each terminal method queues the update(s) at once.
     */
    public final class UserAction {
        private final Origin origin;

        private UserAction(Origin origin) {
            this.origin = origin;
        }

        /** Writes in this chat instead of the private one. */
        public UserAction in(FakeChat where) {
            return new UserAction(new Origin(origin.user(), where, origin.replyTo()));
        }

        /** Replies to a message of the chat (the bot's or a user's), included whole as Telegram does. */
        public UserAction replyTo(long messageId) {
            return new UserAction(new Origin(origin.user(), origin.chat(), messageId));
        }

        /** A text message; {@code /command} and {@code @mention} entities are filled in. */
        public Incoming text(String text) {
            return queueMessage(origin, message -> {
                message.put("text", text);
                putEntities(message, "entities", text);
            });
        }

        /** A photo (sizes: a small preview, then the given bytes) with an optional caption. */
        public Incoming photo(byte[] image, String caption) {
            ArrayNode sizes = photoSizes(image.clone());
            return queueMessage(origin, message -> {
                message.set("photo", sizes);
                putCaption(message, caption);
            });
        }

        /** A file sent as a document (uncompressed, the way users send full-quality images). */
        public Incoming document(byte[] bytes, String fileName, String mimeType, String caption) {
            return queueMessage(origin, message -> {
                message.set("document", documentJson(store(bytes.clone(), "documents"), fileName, mimeType));
                putCaption(message, caption);
            });
        }

        /**
         * An album: one photo message per image, sharing a {@code media_group_id}, the caption on the
         * first only; queued together so that one {@code getUpdates} can return them all.
         */
        public List<Incoming> album(List<byte[]> images, String caption) {
            List<ArrayNode> sizes =
                    images.stream().map(FakeTelegram.this::photoSizes).toList();
            synchronized (lock) {
                String group = "mg" + nextMediaGroup++;
                List<Incoming> queued = new ArrayList<>();
                for (int i = 0; i < sizes.size(); i++) {
                    ArrayNode photo = sizes.get(i);
                    String itemCaption = i == 0 ? caption : null;
                    queued.add(queueMessage(origin, message -> {
                        message.put("media_group_id", group);
                        message.set("photo", photo);
                        putCaption(message, itemCaption);
                    }));
                }
                return queued;
            }
        }

        /** A press on an inline button of the bot's message {@code messageId} in this chat. */
        public Incoming callback(long messageId, String data) {
            synchronized (lock) {
                ObjectNode message = chatState(origin.chat()).messages.get(messageId);
                if (message == null) {
                    throw new IllegalArgumentException("no message " + messageId + " in chat "
                            + origin.chat().id());
                }
                String id = "cq" + nextCallback++;
                ObjectNode query = MAPPER.createObjectNode();
                query.put("id", id);
                query.set("from", origin.user().json());
                query.set("message", message.deepCopy());
                query.put("chat_instance", "ci" + origin.chat().id());
                query.put("data", data);
                long updateId = nextUpdateId++;
                ObjectNode update = MAPPER.createObjectNode();
                update.put("update_id", updateId);
                update.set("callback_query", query);
                enqueue(updateId, update);
                return new Incoming(updateId, origin.chat().id(), messageId, id);
            }
        }
    }

    private Incoming queueMessage(Origin action, Consumer<ObjectNode> content) {
        synchronized (lock) {
            ChatState state = chatState(action.chat());
            ObjectNode message = MAPPER.createObjectNode();
            long messageId = state.nextMessageId++;
            message.put("message_id", messageId);
            message.set("from", action.user().json());
            message.set("chat", state.chat.json());
            message.put("date", now());
            if (action.replyTo() != null) {
                ObjectNode target = state.messages.get(action.replyTo());
                if (target == null) {
                    throw new IllegalArgumentException(
                            "no message " + action.replyTo() + " in chat " + state.chat.id() + " to reply to");
                }
                message.set("reply_to_message", shallow(target));
            }
            content.accept(message);
            state.messages.put(messageId, message);
            long updateId = nextUpdateId++;
            ObjectNode update = MAPPER.createObjectNode();
            update.put("update_id", updateId);
            update.set("message", message.deepCopy());
            enqueue(updateId, update);
            return new Incoming(updateId, state.chat.id(), messageId, null);
        }
    }

    private void enqueue(long updateId, JsonNode update) {
        updatesById.put(updateId, update);
        pending.add(new Pending(updateId, update));
        lock.notifyAll();
    }

    private static void putCaption(ObjectNode message, String caption) {
        if (caption != null) {
            message.put("caption", caption);
            putEntities(message, "caption_entities", caption);
        }
    }

    private static void putEntities(ObjectNode message, String field, String text) {
        ArrayNode entities = MAPPER.createArrayNode();
        addEntities(entities, COMMAND.matcher(text), "bot_command");
        addEntities(entities, MENTION.matcher(text), "mention");
        if (!entities.isEmpty()) {
            List<JsonNode> sorted = new ArrayList<>();
            entities.forEach(sorted::add);
            sorted.sort((a, b) ->
                    Integer.compare(a.get("offset").asInt(), b.get("offset").asInt()));
            message.set(field, MAPPER.createArrayNode().addAll(sorted));
        }
    }

    private static void addEntities(ArrayNode entities, Matcher matcher, String type) {
        while (matcher.find()) {
            ObjectNode entity = entities.addObject();
            entity.put("type", type);
            entity.put("offset", matcher.start());
            entity.put("length", matcher.end() - matcher.start());
        }
    }

    /** Two sizes, largest last: a stored JPEG preview and the bytes as given. */
    private ArrayNode photoSizes(byte[] image) {
        int[] size = FakeImages.size(image);
        if (!previews) {
            synchronized (lock) {
                return MAPPER.createArrayNode().add(photoSize(store(image, "photos"), size, 1280));
            }
        }
        byte[] preview = FakeImages.thumbnail(image, THUMBNAIL_SIDE);
        int[] previewSize = preview == null ? null : FakeImages.size(preview);
        synchronized (lock) {
            ArrayNode sizes = MAPPER.createArrayNode();
            StoredFile small = store(preview == null ? image : preview, "photos");
            sizes.add(photoSize(small, previewSize, THUMBNAIL_SIDE));
            sizes.add(photoSize(store(image, "photos"), size, 1280));
            return sizes;
        }
    }

    private static ObjectNode photoSize(StoredFile file, int[] size, int fallbackSide) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("file_id", file.fileId());
        node.put("file_unique_id", file.uniqueId());
        node.put("width", size == null ? fallbackSide : size[0]);
        node.put("height", size == null ? fallbackSide : size[1]);
        node.put("file_size", file.bytes().length);
        return node;
    }

    private static ObjectNode documentJson(StoredFile file, String fileName, String mimeType) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("file_id", file.fileId());
        node.put("file_unique_id", file.uniqueId());
        node.put("file_name", fileName);
        node.put("mime_type", mimeType);
        node.put("file_size", file.bytes().length);
        return node;
    }

    private StoredFile store(byte[] bytes, String folder) {
        long n = nextFile++;
        String path = folder + "/file_" + n + "." + FakeImages.extension(bytes);
        // Callers hand over arrays of their own: an upload parsed from a request, or a copy of a test's.
        StoredFile file = new StoredFile("F" + n + "-" + folder, "U" + n, path, bytes);
        filesById.put(file.fileId(), file);
        filesByPath.put(path, file);
        return file;
    }

    private ChatState chatState(FakeChat chat) {
        return chats.computeIfAbsent(chat.id(), id -> new ChatState(chat));
    }

    private static ObjectNode shallow(ObjectNode message) {
        ObjectNode copy = message.deepCopy();
        copy.remove("reply_to_message");
        return copy;
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }

    private String describeCalls() {
        long polls = calls.stream().filter(c -> c.method().equals("getUpdates")).count();
        String others = calls.stream()
                .filter(c -> !c.method().equals("getUpdates"))
                .map(Call::toString)
                .collect(Collectors.joining("\n  ", "\n  ", ""));
        return "calls seen (besides " + polls + " getUpdates):" + (others.isBlank() ? " none" : others);
    }

    private void waitUntil(long deadline, Supplier<String> failure) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new AssertionError(failure.get());
        }
        try {
            lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }

    // ---------------------------------------------------------------- serving

    private MockResponse respond(RecordedRequest request) throws InterruptedException {
        List<String> segments = request.getUrl().pathSegments();
        if (segments.size() >= 3
                && segments.get(0).equals("file")
                && segments.get(1).startsWith("bot")) {
            return download(segments.get(1).substring(3), String.join("/", segments.subList(2, segments.size())));
        }
        if (segments.size() < 2 || !segments.get(0).startsWith("bot")) {
            return error(404, "Not Found", 0);
        }
        String method = canonical(segments.get(segments.size() - 1));
        ApiRequest parsed;
        try {
            parsed = ApiRequest.parse(request);
        } catch (IOException | RuntimeException e) {
            record(new Call(method, Map.of(), List.of()));
            return error(400, "Bad Request: " + e.getMessage(), 0);
        }
        if (stalled(method)) {
            return error(500, "Internal Server Error: stalled", 0);
        }
        awaitRelease(method);
        AtomicBoolean recorded = new AtomicBoolean();
        Runnable record = () -> {
            if (recorded.compareAndSet(false, true)) {
                record(new Call(method, parsed.params, parsed.files));
            }
        };
        try {
            if (!segments.get(0).substring(3).equals(token)) {
                throw new ApiError(401, "Unauthorized", 0);
            }
            injectedFailure(method);
            if (method.equals("getUpdates")) {
                return ok(handle(method, parsed, record));
            }
            // What a call sent and the call itself become visible together: a test that saw the
            // message sees the call.
            synchronized (lock) {
                JsonNode result = handle(method, parsed, record);
                record.run();
                Integer lost = lostAnswers.get(method.toLowerCase(Locale.ROOT));
                if (lost != null && lost > 0) {
                    lostAnswers.put(method.toLowerCase(Locale.ROOT), lost - 1);
                    return error(502, "Bad Gateway", 0);
                }
                return ok(result);
            }
        } catch (ApiError e) {
            return error(e.code, e.getMessage(), e.retryAfter);
        } catch (RuntimeException e) {
            return error(400, "Bad Request: " + e.getMessage(), 0);
        } finally {
            record.run();
        }
    }

    private MockResponse download(String requestToken, String path) throws InterruptedException {
        Map<String, String> params = Map.of("file_path", path);
        try {
            if (!requestToken.equals(token)) {
                throw new ApiError(401, "Unauthorized", 0);
            }
            synchronized (lock) {
                while (downloadsHeld && !closed) {
                    lock.wait();
                }
            }
            injectedFailure(DOWNLOAD);
            StoredFile file;
            long throttle;
            synchronized (lock) {
                file = filesByPath.get(path);
                throttle = downloadBytesPerSecond;
            }
            if (file == null) {
                throw new ApiError(404, "Not Found", 0);
            }
            byte[] bytes = file.bytes();
            var response = new MockResponse.Builder()
                    .code(200)
                    .setHeader("Content-Type", "application/octet-stream")
                    // Written from the stored bytes as the client reads, not copied into a buffer first:
                    // a slow download does not keep a second copy of the file alive for its whole length.
                    .body(new MockResponseBody() {
                        @Override
                        public long getContentLength() {
                            return bytes.length;
                        }

                        @Override
                        public void writeTo(BufferedSink sink) throws IOException {
                            for (int at = 0; at < bytes.length; at += 64 * 1024) {
                                sink.write(bytes, at, Math.min(64 * 1024, bytes.length - at));
                                sink.emit();
                            }
                        }
                    });
            if (throttle > 0) {
                // A tenth of the rate every 100 ms: an even trickle rather than one burst a second.
                response.throttleBody(Math.max(1, throttle / 10), 100, TimeUnit.MILLISECONDS);
            }
            return response.build();
        } catch (ApiError e) {
            return error(e.code, e.getMessage(), e.retryAfter);
        } finally {
            record(new Call(DOWNLOAD, params, List.of()));
        }
    }

    private void record(Call call) {
        synchronized (lock) {
            calls.add(call);
            counts.merge(call.method(), 1L, Long::sum);
            lock.notifyAll();
        }
    }

    /** Holds this call until {@link #releaseHeld()} when {@link #holdNext} asked for it. */
    private void awaitRelease(String method) throws InterruptedException {
        synchronized (lock) {
            String key = method.toLowerCase(Locale.ROOT);
            Integer left = holds.get(key);
            if (left == null || left == 0) {
                return;
            }
            holds.put(key, left - 1);
            long release = releases;
            waitingHeld++;
            try {
                while (releases == release && !closed) {
                    lock.wait();
                }
            } finally {
                waitingHeld--;
            }
        }
    }

    /** Whether this call was stalled (answered, unrecorded, only once the fake closes). */
    private boolean stalled(String method) throws InterruptedException {
        synchronized (lock) {
            String key = method.toLowerCase(Locale.ROOT);
            Integer left = stalls.get(key);
            if (left == null || left == 0) {
                return false;
            }
            stalls.put(key, left - 1);
            while (!closed) {
                lock.wait();
            }
            return true;
        }
    }

    private void injectedFailure(String method) {
        Failure failure;
        synchronized (lock) {
            Deque<Failure> queue = failures.get(method.toLowerCase(Locale.ROOT));
            failure = queue == null ? null : queue.poll();
        }
        if (failure != null) {
            String description = switch (failure.code()) {
                case 429 -> "Too Many Requests: retry after " + failure.retryAfter();
                case 400 -> "Bad Request";
                case 401 -> "Unauthorized";
                case 403 -> "Forbidden: bot was blocked by the user";
                case 404 -> "Not Found";
                case 409 -> "Conflict: terminated by other getUpdates request";
                case 502 -> "Bad Gateway";
                default -> "Internal Server Error";
            };
            throw new ApiError(failure.code(), description, failure.retryAfter());
        }
    }

    private static String canonical(String method) {
        return CANONICAL.getOrDefault(method.toLowerCase(Locale.ROOT), method);
    }

    private static MockResponse ok(JsonNode result) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("ok", true);
        body.set("result", result);
        return json(200, body);
    }

    private static MockResponse error(int code, String description, int retryAfter) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("ok", false);
        body.put("error_code", code);
        body.put("description", description);
        if (retryAfter > 0) {
            body.putObject("parameters").put("retry_after", retryAfter);
        }
        return json(code, body);
    }

    private static MockResponse json(int code, JsonNode body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body.toString())
                .build();
    }

    /**
     * Answers a call. {@code record} records it: {@code respond} does so once the call is answered, so
     * that what the call changed is visible to whoever awaits it; a long poll does so on arrival.
     */
    private JsonNode handle(String method, ApiRequest request, Runnable record) throws InterruptedException {
        Map<String, String> p = request.params;
        return switch (method) {
            case "getMe" -> botUser();
            case "getUpdates" -> getUpdates(p, record);
            case "deleteWebhook", "setWebhook", "setMyCommands", "deleteMyCommands" -> BooleanNode.TRUE;
            case "getWebhookInfo" -> webhookInfo();
            case "sendChatAction" -> {
                require(p, "action");
                synchronized (lock) {
                    chat(p);
                }
                yield BooleanNode.TRUE;
            }
            case "answerCallbackQuery" -> {
                require(p, "callback_query_id");
                if (p.getOrDefault("text", "").length() > MAX_CALLBACK_ANSWER) {
                    throw badRequest("MESSAGE_TOO_LONG");
                }
                yield BooleanNode.TRUE;
            }
            case "getChatMember" -> chatMember(p);
            case "getChat" -> getChat(p);
            case "sendMessage" -> sendMessage(p);
            case "sendPhoto" -> sendPhoto(request);
            case "sendDocument" -> sendDocument(request);
            case "sendMediaGroup" -> sendMediaGroup(request);
            case "editMessageText" -> editMessage(p, "text");
            case "editMessageCaption" -> editMessage(p, "caption");
            case "editMessageReplyMarkup" -> editMessage(p, null);
            case "editMessageMedia" -> editMedia(request);
            case "deleteMessage" -> deleteMessage(p);
            case "getFile" -> getFile(p);
            default -> throw new ApiError(404, "Not Found", 0);
        };
    }

    private static ObjectNode botUser() {
        ObjectNode user = MAPPER.createObjectNode();
        user.put("id", BOT_ID);
        user.put("is_bot", true);
        user.put("first_name", BOT_NAME);
        user.put("username", BOT_USERNAME);
        user.put("can_join_groups", true);
        user.put("can_read_all_group_messages", false);
        user.put("supports_inline_queries", false);
        return user;
    }

    private JsonNode webhookInfo() {
        ObjectNode info = MAPPER.createObjectNode();
        info.put("url", "");
        info.put("has_custom_certificate", false);
        info.put("pending_update_count", pendingUpdates());
        return info;
    }

    private JsonNode getUpdates(Map<String, String> p, Runnable record) throws InterruptedException {
        long offset = number(p, "offset", 0);
        long limit = Math.clamp(number(p, "limit", 100), 1, 100);
        long timeoutMillis = Math.min(number(p, "timeout", 0) * 1000, LONG_POLL_CAP.toMillis());
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        synchronized (lock) {
            if (offset > 0) {
                pending.removeIf(u -> u.updateId() < offset);
            }
            record.run();
            while (true) {
                if (!paused && !pending.isEmpty() || closed) {
                    ArrayNode result = MAPPER.createArrayNode();
                    if (!paused) {
                        pending.stream().limit(limit).forEach(u -> result.add(u.update()));
                    }
                    return result;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return MAPPER.createArrayNode();
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private JsonNode sendMessage(Map<String, String> p) {
        String text = p.getOrDefault("text", "");
        if (text.isBlank()) {
            throw badRequest("message text is empty");
        }
        if (text.length() > MAX_TEXT) {
            throw badRequest("message is too long");
        }
        synchronized (lock) {
            ChatState chat = chat(p);
            ObjectNode message = newBotMessage(chat, p);
            message.put("text", text);
            return remember(chat, message, Kind.TEXT, null);
        }
    }

    private JsonNode sendPhoto(ApiRequest request) {
        Map<String, String> p = request.params;
        checkCaption(p.get("caption"));
        Media photo = media(request, "photo", p.get("photo"));
        checkPhoto(photo);
        ArrayNode sizes = photoSizes(photo.bytes());
        synchronized (lock) {
            ChatState chat = chat(p);
            ObjectNode message = newBotMessage(chat, p);
            message.set("photo", sizes);
            putBotCaption(message, p.get("caption"));
            return remember(chat, message, Kind.PHOTO, photo);
        }
    }

    private JsonNode sendDocument(ApiRequest request) {
        Map<String, String> p = request.params;
        checkCaption(p.get("caption"));
        Media document = media(request, "document", p.get("document"));
        synchronized (lock) {
            ChatState chat = chat(p);
            ObjectNode message = newBotMessage(chat, p);
            message.set("document", botDocument(document));
            putBotCaption(message, p.get("caption"));
            return remember(chat, message, Kind.DOCUMENT, document);
        }
    }

    /**
     * An album: 2 to 10 photos, videos, audios or documents (documents and audios only among their
     * own kind), each an {@code attach://} part or a known file id, each photo within sendPhoto's
     * limits; answered with one Message per item, sharing a {@code media_group_id}. Like Telegram, it
     * takes no {@code reply_markup}: an album carries no buttons.
     */
    private JsonNode sendMediaGroup(ApiRequest request) {
        Map<String, String> p = request.params;
        JsonNode items;
        try {
            items = MAPPER.readTree(require(p, "media"));
        } catch (IOException e) {
            throw badRequest("can't parse media JSON object");
        }
        if (!items.isArray() || items.size() < 2 || items.size() > 10) {
            throw badRequest("wrong number of media specified: 2 to 10 are allowed");
        }
        Set<String> types = new HashSet<>();
        for (JsonNode item : items) {
            String type = item.path("type").asText("");
            if (!List.of("photo", "video", "audio", "document").contains(type)) {
                throw badRequest("unsupported media type \"" + type + "\" in the media group");
            }
            types.add(type);
        }
        if ((types.contains("document") || types.contains("audio")) && types.size() > 1) {
            throw badRequest(
                    "documents and audio files can be only grouped in an album with messages of the" + " same type");
        }
        List<Media> media = new ArrayList<>();
        List<ArrayNode> photoSizes = new ArrayList<>();
        for (JsonNode item : items) {
            String ref = item.path("media").asText("");
            Media one = ref.startsWith(ApiRequest.ATTACH)
                    ? uploaded(request.part(ref.substring(ApiRequest.ATTACH.length())), ref)
                    : stored(ref);
            checkCaption(item.path("caption").asText(null));
            boolean photo = item.path("type").asText().equals("photo");
            if (photo) {
                checkPhoto(one);
            }
            media.add(one);
            photoSizes.add(photo ? photoSizes(one.bytes()) : null);
        }
        Map<String, String> withoutButtons = new HashMap<>(p);
        withoutButtons.remove("reply_markup");
        synchronized (lock) {
            ChatState chat = chat(p);
            String group = "mg" + nextMediaGroup++;
            ArrayNode result = MAPPER.createArrayNode();
            for (int i = 0; i < media.size(); i++) {
                ObjectNode message = newBotMessage(chat, withoutButtons);
                message.put("media_group_id", group);
                boolean photo = photoSizes.get(i) != null;
                if (photo) {
                    message.set("photo", photoSizes.get(i));
                } else {
                    message.set("document", botDocument(media.get(i)));
                }
                putBotCaption(message, items.get(i).path("caption").asText(null));
                result.add(remember(chat, message, photo ? Kind.PHOTO : Kind.DOCUMENT, media.get(i)));
            }
            return result;
        }
    }

    /** Edits text ({@code field = "text"}), caption ({@code "caption"}) or only the keyboard (null). */
    private JsonNode editMessage(Map<String, String> p, String field) {
        if (p.containsKey("inline_message_id")) {
            return BooleanNode.TRUE;
        }
        String value = field == null ? null : p.getOrDefault(field, "");
        if (field != null) {
            if (field.equals("text") && value.isBlank()) {
                throw badRequest("message text is empty");
            }
            if (value.length() > (field.equals("text") ? MAX_TEXT : MAX_CAPTION)) {
                throw badRequest(field.equals("text") ? "message is too long" : "message caption is too long");
            }
        }
        synchronized (lock) {
            ChatState chat = chat(p);
            long messageId = number(p, "message_id", -1);
            ObjectNode message = editable(chat, messageId);
            boolean textMessage = message.has("text");
            if ("text".equals(field) && !textMessage) {
                throw badRequest("there is no text in the message to edit");
            }
            if ("caption".equals(field) && textMessage) {
                throw badRequest("there is no caption in the message to edit");
            }
            JsonNode markup = inlineMarkup(p.get("reply_markup"));
            String current = field == null ? null : message.path(field).asText("");
            if (Objects.equals(current, value) && Objects.equals(markup, message.get("reply_markup"))) {
                throw badRequest("message is not modified: specified new message content and reply markup are"
                        + " exactly the same as a current content and reply markup of the message");
            }
            if (field != null) {
                if (field.equals("caption") && value.isEmpty()) {
                    message.remove("caption");
                } else {
                    message.put(field, value);
                }
            }
            Long replyTo = edited(message, markup);
            String text = message.has("text")
                    ? message.get("text").asText()
                    : message.path("caption").asText(null);
            chat.sent.add(new SentMessage(messageId, Kind.EDIT, text, replyTo, textOrNull(markup), null, null));
            return message.deepCopy();
        }
    }

    /** The bot's message {@code messageId} of {@code chat}, which it may edit; else Telegram's refusal. */
    private static ObjectNode editable(ChatState chat, long messageId) {
        ObjectNode message = chat.messages.get(messageId);
        if (message == null) {
            throw badRequest("message to edit not found");
        }
        if (message.path("from").path("id").asLong() != BOT_ID) {
            throw badRequest("message can't be edited");
        }
        return message;
    }

    /** Sets an edited message's keyboard (null removes it) and edit date; returns the message it replies to, or null. */
    private static Long edited(ObjectNode message, JsonNode markup) {
        if (markup == null) {
            message.remove("reply_markup");
        } else {
            message.set("reply_markup", markup);
        }
        message.put("edit_date", now());
        return message.has("reply_to_message")
                ? message.get("reply_to_message").get("message_id").asLong()
                : null;
    }

    /**
     * Replaces a bot message's media with a photo, or adds the photo to a text message (whose text
     * goes), with the caption and keyboard given (a keyboard left out is removed); the reply stays.
     * Only photos: the bot edits nothing else into a message.
     */
    private JsonNode editMedia(ApiRequest request) {
        Map<String, String> p = request.params;
        JsonNode item;
        try {
            item = MAPPER.readTree(require(p, "media"));
        } catch (IOException e) {
            throw badRequest("can't parse InputMedia: can't parse media JSON object");
        }
        if (!item.path("type").asText("").equals("photo")) {
            throw badRequest("the fake edits media into photos only");
        }
        String ref = item.path("media").asText("");
        Media photo = ref.startsWith(ApiRequest.ATTACH)
                ? uploaded(request.part(ref.substring(ApiRequest.ATTACH.length())), ref)
                : stored(ref);
        String caption = item.path("caption").asText(null);
        checkCaption(caption);
        checkPhoto(photo);
        ArrayNode sizes = photoSizes(photo.bytes());
        synchronized (lock) {
            ChatState chat = chat(p);
            long messageId = number(p, "message_id", -1);
            ObjectNode message = editable(chat, messageId);
            message.remove(List.of("text", "entities", "document", "caption"));
            message.set("photo", sizes);
            putBotCaption(message, caption);
            JsonNode markup = inlineMarkup(p.get("reply_markup"));
            Long replyTo = edited(message, markup);
            chat.sent.add(new SentMessage(
                    messageId, Kind.MEDIA, caption, replyTo, textOrNull(markup), photo.bytes(), photo.fileName()));
            return message.deepCopy();
        }
    }

    private JsonNode deleteMessage(Map<String, String> p) {
        synchronized (lock) {
            ChatState chat = chat(p);
            long messageId = number(p, "message_id", -1);
            if (chat.messages.remove(messageId) == null) {
                throw badRequest("message to delete not found");
            }
            chat.sent.add(new SentMessage(messageId, Kind.DELETE, null, null, null, null, null));
            return BooleanNode.TRUE;
        }
    }

    private JsonNode getFile(Map<String, String> p) {
        String fileId = require(p, "file_id");
        synchronized (lock) {
            StoredFile file = filesById.get(fileId);
            if (file == null) {
                throw badRequest("invalid file_id");
            }
            if (file.bytes().length > MAX_DOWNLOAD_BYTES) {
                throw badRequest("file is too big");
            }
            ObjectNode node = MAPPER.createObjectNode();
            node.put("file_id", file.fileId());
            node.put("file_unique_id", file.uniqueId());
            node.put("file_size", file.bytes().length);
            node.put("file_path", file.path());
            return node;
        }
    }

    // ---------------------------------------------------------------- building the bot's messages

    private ObjectNode newBotMessage(ChatState chat, Map<String, String> p) {
        Long replyTo = replyTarget(chat, p);
        ObjectNode message = MAPPER.createObjectNode();
        message.put("message_id", chat.nextMessageId++);
        message.set("from", botUser());
        message.set("chat", chat.chat.json());
        message.put("date", now());
        if (replyTo != null) {
            message.set("reply_to_message", shallow(chat.messages.get(replyTo)));
        }
        JsonNode markup = inlineMarkup(p.get("reply_markup"));
        if (markup != null) {
            message.set("reply_markup", markup);
        }
        return message;
    }

    private JsonNode remember(ChatState chat, ObjectNode message, Kind kind, Media file) {
        long messageId = message.get("message_id").asLong();
        chat.messages.put(messageId, message);
        String text = kind == Kind.TEXT
                ? message.get("text").asText()
                : message.path("caption").asText(null);
        Long replyTo = message.has("reply_to_message")
                ? message.get("reply_to_message").get("message_id").asLong()
                : null;
        chat.sent.add(new SentMessage(
                messageId,
                kind,
                text,
                replyTo,
                textOrNull(message.get("reply_markup")),
                file == null ? null : file.bytes(),
                file == null ? null : file.fileName()));
        return message.deepCopy();
    }

    private Long replyTarget(ChatState chat, Map<String, String> p) {
        Long target = null;
        boolean allowWithout = Boolean.parseBoolean(p.get("allow_sending_without_reply"));
        String parameters = p.get("reply_parameters");
        if (parameters != null) {
            try {
                JsonNode node = MAPPER.readTree(parameters);
                target = node.path("message_id").asLong();
                allowWithout = node.path("allow_sending_without_reply").asBoolean(false);
            } catch (IOException e) {
                throw badRequest("can't parse reply parameters JSON object");
            }
        } else if (p.get("reply_to_message_id") != null) {
            target = number(p, "reply_to_message_id", 0);
        }
        if (target == null || chat.messages.containsKey(target)) {
            return target;
        }
        if (allowWithout) {
            return null;
        }
        throw badRequest("message to be replied not found");
    }

    private ChatState chat(Map<String, String> p) {
        String id = require(p, "chat_id");
        ChatState chat;
        try {
            chat = chats.get(Long.parseLong(id));
        } catch (NumberFormatException e) {
            chat = null;
        }
        if (chat == null && id.matches("[1-9][0-9]*")) {
            // A user's private chat before they started one with the bot, as Telegram answers it.
            throw new ApiError(403, "Forbidden: bot can't initiate conversation with a user", 0);
        }
        if (chat == null) {
            throw badRequest("chat not found");
        }
        return chat;
    }

    /** The file for {@code field}: an uploaded part, or a file id the fake knows. */
    private Media media(ApiRequest request, String field, String value) {
        Upload upload = request.upload(field);
        if (upload != null) {
            return uploaded(upload, value);
        }
        if (value == null || value.isEmpty()) {
            throw badRequest("there is no " + field + " in the request");
        }
        if (value.startsWith(ApiRequest.ATTACH)) {
            throw badRequest("invalid file HTTP URL specified: no file part named "
                    + value.substring(ApiRequest.ATTACH.length()));
        }
        return stored(value);
    }

    private static Media uploaded(Upload upload, String reference) {
        if (upload == null) {
            throw badRequest("invalid file HTTP URL specified: nothing uploaded for " + reference);
        }
        if (upload.bytes().length > MAX_UPLOAD_BYTES) {
            throw new ApiError(413, "Request Entity Too Large", 0);
        }
        if (upload.bytes().length == 0) {
            throw badRequest("file must be non-empty");
        }
        return new Media(upload.bytes(), upload.filename(), upload.contentType());
    }

    private Media stored(String fileId) {
        synchronized (lock) {
            StoredFile file = filesById.get(fileId);
            if (file == null) {
                throw badRequest("wrong file identifier/HTTP URL specified");
            }
            String name = file.path().substring(file.path().lastIndexOf('/') + 1);
            return new Media(file.bytes(), name, FakeImages.mimeType(file.bytes()));
        }
    }

    private ObjectNode botDocument(Media document) {
        String mime = document.contentType() == null || document.contentType().startsWith("application/octet-stream")
                ? FakeImages.mimeType(document.bytes())
                : document.contentType();
        String name = document.fileName() == null
                ? "document." + FakeImages.extension(document.bytes())
                : document.fileName();
        return documentJson(store(document.bytes(), "documents"), name, mime);
    }

    private static void putBotCaption(ObjectNode message, String caption) {
        if (caption != null && !caption.isEmpty()) {
            message.put("caption", caption);
        }
    }

    /** sendPhoto's limits: 10 MB, width + height at most 10000, sides at most 20 to 1. */
    private static void checkPhoto(Media photo) {
        if (photo.bytes().length > MAX_PHOTO_BYTES) {
            throw badRequest("file is too big");
        }
        int[] size = FakeImages.size(photo.bytes());
        if (size != null
                && (size[0] + size[1] > 10_000 || Math.max(size[0], size[1]) > 20 * Math.min(size[0], size[1]))) {
            throw badRequest("PHOTO_INVALID_DIMENSIONS");
        }
    }

    private static void checkCaption(String caption) {
        if (caption != null && caption.length() > MAX_CAPTION) {
            throw badRequest("message caption is too long");
        }
    }

    /** Telegram shows (and echoes) only inline keyboards on a message. */
    private static JsonNode inlineMarkup(String replyMarkup) {
        if (replyMarkup == null) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(replyMarkup);
            return node != null && node.has("inline_keyboard") ? node : null;
        } catch (IOException e) {
            throw badRequest("can't parse reply keyboard markup JSON object");
        }
    }

    private static String textOrNull(JsonNode node) {
        return node == null ? null : node.toString();
    }

    private static String require(Map<String, String> p, String name) {
        String value = p.get(name);
        if (value == null || value.isEmpty()) {
            throw badRequest(name + " is empty");
        }
        return value;
    }

    private static long number(Map<String, String> p, String name, long fallback) {
        String value = p.get(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw badRequest("invalid " + name + " specified");
        }
    }

    private static ApiError badRequest(String description) {
        return new ApiError(400, "Bad Request: " + description, 0);
    }
}

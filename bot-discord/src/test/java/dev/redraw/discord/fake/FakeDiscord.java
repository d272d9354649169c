package dev.redraw.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redraw.core.testing.NoDelayServerSockets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import okhttp3.Headers;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.Buffer;

/**
 * A fake Discord (REST API v10 and gateway) on 127.0.0.1, for end-to-end tests that drive the real JDA.
 *
 * <p>Point JDA at it with {@code setRestConfig(new RestConfig().setBaseUrl(restUrl()))},
 * {@code setSessionController(sessionController(gatewayUrl()))} and {@code setCompression(NONE)}.
 *
 * <p>The world: the bot user {@value #BOT_ID} ("redraw", application {@value #APPLICATION_ID}), one
 * guild {@value #GUILD_ID} with the text channel {@value #CHANNEL_ID} and the members {@value #ALICE}
 * and {@value #BOB}, whose DM channels with the bot are {@value #ALICE_DM} and {@value #BOB_DM}.
 *
 * <p>Tests script users ({@link #slashCommand}, {@link #button}, {@link #modalSubmit},
 * {@link #messageContextMenu}, {@link #userMessage}), which become gateway dispatches; every REST call
 * is recorded as a {@link Call}, interaction responses per token as {@link Reply}s and channel messages
 * per channel. {@link #failNext} injects errors; uploads over {@link #uploadLimit(long)} answer 413.
 */
public final class FakeDiscord implements AutoCloseable {

    public static final long BOT_ID = 111, APPLICATION_ID = 222;
    public static final String BOT_NAME = "redraw";
    /** The guild, on shard 1 when the bot runs as two shards (and shard 0 when it runs as one). */
    public static final long GUILD_ID = (1L << 22) + 333, CHANNEL_ID = 444;
    /** A second text channel of the guild, such as a gallery. */
    public static final long GALLERY_ID = 445;
    /** The two members and their DM channels with the bot. */
    public static final long ALICE = 555, BOB = 556, ALICE_DM = 777, BOB_DM = 778;

    public static final long DEFAULT_UPLOAD_LIMIT = 10L * 1024 * 1024;
    /** What one request may carry in all its files together (platform notes: 25 MiB). */
    public static final long REQUEST_LIMIT = 25L * 1024 * 1024;

    public static final int HEARTBEAT_INTERVAL_MS = 5_000;

    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final long DISCORD_EPOCH = 1_420_070_400_000L;
    private static final String API = "/api/v10/";
    private static final String PERMISSIONS = "2248473465835073";
    private static final Pattern ATTACHMENT = Pattern.compile("/attachments/(\\d+)/[^/]+");
    private static final Headers JSON_HEADERS = Headers.of("Content-Type", "application/json");
    private static final Pattern MENTION = Pattern.compile("<@!?(\\d+)>");

    /** One REST call as received; {@code path} is relative to {@code /api/v10/}, without the query. */
    public record Call(
            String method, String path, Map<String, String> query, JsonNode json, List<Upload> files, int status) {

        /** The first file part, or null. */
        public Upload file() {
            return files.isEmpty() ? null : files.get(0);
        }

        @Override
        public String toString() {
            return method + " " + path + " -> " + status + (files.isEmpty() ? "" : " files=" + files);
        }
    }

    /** A file part of a multipart call ({@code files[n]}). */
    public record Upload(String field, String filename, String contentType, byte[] bytes) {

        @Override
        public String toString() {
            return field + ":" + filename + "(" + bytes.length + " B)";
        }
    }

    /** What the bot did with an interaction token. */
    public enum ReplyKind {
        /** POST interactions/{id}/{token}/callback; {@link Reply#callbackType()} says which. */
        CALLBACK,
        /** PATCH webhooks/{app}/{token}/messages/@original */
        EDIT_ORIGINAL,
        /** DELETE webhooks/{app}/{token}/messages/@original */
        DELETE_ORIGINAL,
        /** POST webhooks/{app}/{token} */
        FOLLOWUP,
        /** PATCH webhooks/{app}/{token}/messages/{id} */
        EDIT_FOLLOWUP
    }

    /**
     * One accepted interaction response. For a callback, {@code payload} is the callback's {@code data}
     * (an empty object for a defer); otherwise the message payload.
     */
    public record Reply(ReplyKind kind, int callbackType, JsonNode payload, List<Upload> files, Instant at) {

        public String content() {
            JsonNode content = payload.get("content");
            return content == null || content.isNull() ? null : content.asText();
        }

        public JsonNode embeds() {
            return payload.path("embeds");
        }

        public JsonNode components() {
            return payload.path("components");
        }

        /** The custom id of the first button whose id starts with {@code prefix}; fails when there is none. */
        public String button(String prefix) {
            for (JsonNode row : components()) {
                for (JsonNode component : row.path("components")) {
                    if (component.path("custom_id").asText().startsWith(prefix)) {
                        return component.path("custom_id").asText();
                    }
                }
            }
            throw new AssertionError("no button " + prefix + " in " + components());
        }

        public int flags() {
            return payload.path("flags").asInt(0);
        }

        /** Whether this is a deferral (callback type 5 or 6). */
        public boolean isDefer() {
            return kind == ReplyKind.CALLBACK && (callbackType == 5 || callbackType == 6);
        }
    }

    /** An attachment the fake serves; {@link #json()} is its Discord attachment object. */
    public record Attachment(
            long id, String filename, String contentType, int size, int width, int height, String url) {

        public ObjectNode json() {
            ObjectNode node = MAPPER.createObjectNode()
                    .put("id", Long.toString(id))
                    .put("filename", filename)
                    .put("size", size)
                    .put("url", url)
                    .put("proxy_url", url);
            if (contentType != null) {
                node.put("content_type", contentType);
            }
            if (width > 0 && height > 0) {
                node.put("width", width).put("height", height);
            }
            return node;
        }
    }

    /** What a scripted interaction is known by. */
    public record Interaction(long id, String token) {}

    private record Failure(
            String method,
            Pattern path,
            int status,
            int retryAfterSeconds,
            int[] left,
            boolean applied,
            Predicate<RestBody> matching) {}

    private static final Predicate<RestBody> ANY = body -> true;

    private final MockWebServer server = new MockWebServer();
    private final String token;
    private final Object lock = new Object();
    private final AtomicLong snowflakes = new AtomicLong((System.currentTimeMillis() - DISCORD_EPOCH) << 22);

    private final List<Call> calls = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private final Map<String, List<Reply>> replies = new LinkedHashMap<>();
    private final Map<String, ObjectNode> originals = new HashMap<>();
    private final Map<String, Boolean> acknowledged = new HashMap<>();
    private final Map<Long, List<ObjectNode>> channelMessages = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> messages = new HashMap<>();
    private final Map<Long, byte[]> files = new HashMap<>();
    private final Map<String, ArrayNode> commands = new LinkedHashMap<>();
    private long uploadLimit = DEFAULT_UPLOAD_LIMIT;
    private long requestLimit = REQUEST_LIMIT;
    /** Interaction tokens Discord no longer accepts (15 minutes passed). */
    private final Set<String> expiredTokens = new HashSet<>();

    private final Map<Long, Gate> gates = new HashMap<>();
    private final Map<Long, List<Long>> channelSends = new HashMap<>();
    private int channelLimit = Integer.MAX_VALUE;
    private Duration channelWindow = Duration.ZERO;
    private int channelLimitHits;
    /** How long a nonce sent with enforce_nonce returns the message it created. */
    private static final Duration NONCE_WINDOW = Duration.ofMinutes(5);

    private volatile String hostAndPort;
    private volatile Consumer<Call> observer = call -> {};

    // gateway state, guarded by lock
    /** Each shard's connection, once it identified or resumed. */
    private final Map<Integer, WebSocket> sockets = new HashMap<>();
    /** The shards that READY (or RESUMED) was sent to on their current connection. */
    private final Set<Integer> readyShards = new HashSet<>();

    private final Map<Integer, String> sessions = new HashMap<>();
    /** The sequence number each shard's session started after. */
    private final Map<Integer, Integer> sessionStarts = new HashMap<>();
    /** The shards the bot runs as, as its IDENTIFYs said; what {@code gateway/bot} recommends until then. */
    private int shardTotal = 1;
    /** The shard count {@code gateway/bot} recommends. */
    private int recommendedShards = 1;

    private int sequence;
    private final List<ObjectNode> sent = new ArrayList<>();
    /** The shard each frame of {@link #sent} went to. */
    private final List<Integer> sentShards = new ArrayList<>();

    private int identifies;
    private int resumes;
    private int heartbeats;

    public FakeDiscord() {
        this("fake-bot-token." + Long.toHexString(System.nanoTime()));
    }

    public FakeDiscord(String token) {
        this.token = token;
    }

    /** Starts listening on a free port of 127.0.0.1. */
    public FakeDiscord start() {
        server.setDispatcher(new RestDispatcher());
        try {
            server.setServerSocketFactory(NoDelayServerSockets.INSTANCE);
            server.start(InetAddress.getLoopbackAddress(), 0);
            hostAndPort = "127.0.0.1:" + server.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("the fake Discord cannot listen on 127.0.0.1", e);
        }
        return this;
    }

    public String token() {
        return token;
    }

    public String restUrl() {
        return "http://" + hostAndPort + API;
    }

    public String gatewayUrl() {
        return "ws://" + hostAndPort + "/";
    }

    public int port() {
        return server.getPort();
    }

    private final class RestDispatcher extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            try {
                return route(request);
            } catch (IOException | RuntimeException e) {
                return json(500, error(0, "fake failed: " + e));
            } finally {
                drainServerQueue();
            }
        }
    }

    /** A session controller whose {@code getGateway()} is {@code gatewayUrl}. */
    public static SessionControllerAdapter sessionController(String gatewayUrl) {
        return new SessionControllerAdapter() {
            @Override
            public String getGateway() {
                return gatewayUrl;
            }
        };
    }

    /** Requests whose files together take over this many bytes answer 413 (default {@link #REQUEST_LIMIT}). */
    public FakeDiscord requestLimit(long bytes) {
        synchronized (lock) {
            requestLimit = bytes;
        }
        return this;
    }

    /**
     * The interaction's token has run out, as 15 minutes after the interaction: its response can no
     * longer be edited (404 Unknown Webhook); the interaction's callback was already answered.
     */
    public void expireToken(Interaction interaction) {
        synchronized (lock) {
            expiredTokens.add(interaction.token());
        }
    }

    /** Files over this many bytes answer 413, as Discord does (default 10 MiB). */
    public FakeDiscord uploadLimit(long bytes) {
        synchronized (lock) {
            uploadLimit = bytes;
        }
        return this;
    }

    @Override
    public void close() {
        synchronized (lock) {
            sockets.values().forEach(socket -> socket.close(1001, "going away"));
            sockets.clear();
            readyShards.clear();
        }
        server.close();
    }

    /** Recommends {@code shards} shards in {@code gateway/bot}, for a bot that leaves the count to Discord. */
    public FakeDiscord recommendShards(int shards) {
        synchronized (lock) {
            recommendedShards = shards;
            shardTotal = shards;
        }
        return this;
    }

    /** The shard Discord serves a guild's events on, of the shards the bot runs as. */
    public int shardOf(long guildId) {
        synchronized (lock) {
            return (int) ((guildId >>> 22) % shardTotal);
        }
    }

    /** The shards connected and ready now. */
    public Set<Integer> readyShards() {
        synchronized (lock) {
            return Set.copyOf(readyShards);
        }
    }

    // ---------------------------------------------------------------- gateway

    /** Waits until READY (or RESUMED) and the guild were sent on every shard's current connection. */
    public void awaitReady(Duration timeout) {
        await(timeout, () -> readyShards.size() >= shardTotal, "the bot to be ready");
    }

    public void awaitReady() {
        awaitReady(Duration.ofSeconds(10));
    }

    /** Whether a bot is connected now: READY (or RESUMED) was sent on the current connection. */
    public boolean isReady() {
        synchronized (lock) {
            return readyShards.size() >= shardTotal;
        }
    }

    /**
     * How the bot used the gateway so far: IDENTIFYs and RESUMEs received, heartbeats answered, and the
     * sequence number of the last dispatch of the current session.
     */
    public record GatewayStats(int identifies, int resumes, int heartbeats, int sequence) {}

    public GatewayStats gatewayStats() {
        synchronized (lock) {
            return new GatewayStats(identifies, resumes, heartbeats, sequence);
        }
    }

    /** Closes the gateway connection with {@code closeCode}; JDA reconnects and resumes when it may. */
    public void disconnect(int closeCode) {
        synchronized (lock) {
            sockets.values().forEach(socket -> socket.close(closeCode, "fake disconnect"));
            sockets.clear();
            readyShards.clear();
        }
    }

    /**
     * Sends a dispatch (op 0) now, or on resume when no connection is up, on the shard Discord
     * serves it on: its guild's shard, or shard 0 outside guilds.
     */
    public void dispatch(String type, ObjectNode data) {
        synchronized (lock) {
            long guild = data.path("guild_id").asLong(0);
            dispatchTo(guild == 0 ? 0 : (int) ((guild >>> 22) % shardTotal), type, data);
        }
    }

    private void dispatchTo(int shard, String type, ObjectNode data) {
        ObjectNode frame = MAPPER.createObjectNode().put("op", 0).put("t", type).put("s", ++sequence);
        frame.set("d", data);
        sent.add(frame);
        sentShards.add(shard);
        WebSocket socket = sockets.get(shard);
        if (socket != null && readyShards.contains(shard)) {
            socket.send(frame.toString());
        }
    }

    private final class Gateway extends WebSocketListener {

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            ObjectNode hello = MAPPER.createObjectNode().put("op", 10);
            hello.putObject("d").put("heartbeat_interval", HEARTBEAT_INTERVAL_MS);
            webSocket.send(hello.toString());
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            JsonNode frame = parseFrame(text);
            if (frame == null) {
                webSocket.close(4002, "Error while decoding payload.");
                return;
            }
            synchronized (lock) {
                switch (frame.path("op").asInt(-1)) {
                    case 1 -> {
                        heartbeats++;
                        webSocket.send("{\"op\":11}");
                    }
                    case 2 -> identify(webSocket, frame.path("d"));
                    case 6 -> resume(webSocket, frame.path("d"));
                    default -> {
                        // presence updates, request members etc.: ignored
                    }
                }
                lock.notifyAll();
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
            dropped(webSocket);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            dropped(webSocket);
        }

        private void dropped(WebSocket webSocket) {
            synchronized (lock) {
                sockets.entrySet().removeIf(entry -> {
                    if (entry.getValue() == webSocket) {
                        readyShards.remove(entry.getKey());
                        return true;
                    }
                    return false;
                });
            }
        }
    }

    private void identify(WebSocket webSocket, JsonNode d) {
        if (!token.equals(d.path("token").asText())) {
            webSocket.close(4004, "Authentication failed.");
            return;
        }
        int shard = d.path("shard").path(0).asInt(0);
        int total = d.path("shard").path(1).asInt(1);
        if (total < 1 || shard < 0 || shard >= total) {
            webSocket.close(4010, "Invalid shard.");
            return;
        }
        shardTotal = total;
        identifies++;
        connect(shard, webSocket);
        String sessionId = Long.toHexString(snowflakes.incrementAndGet());
        sessions.put(shard, sessionId);
        sessionStarts.put(shard, sequence);
        boolean hasGuild = (GUILD_ID >>> 22) % total == shard;
        ObjectNode readyData = MAPPER.createObjectNode();
        readyData.put("v", 10);
        readyData.set("user", user(BOT_ID));
        ArrayNode guilds = readyData.putArray("guilds");
        if (hasGuild) {
            guilds.addObject().put("id", Long.toString(GUILD_ID)).put("unavailable", true);
        }
        ArrayNode dms = readyData.putArray("private_channels");
        dms.add(dmChannel(ALICE));
        dms.add(dmChannel(BOB));
        readyData.put("session_id", sessionId);
        readyData.put("resume_gateway_url", gatewayUrl());
        readyData
                .putObject("application")
                .put("id", Long.toString(APPLICATION_ID))
                .put("flags", 0);
        readyData.putArray("relationships");
        readyData.putArray("shard").add(shard).add(total);
        readyShards.add(shard);
        dispatchTo(shard, "READY", readyData);
        if (hasGuild) {
            dispatchTo(shard, "GUILD_CREATE", guildCreate());
        }
    }

    /** {@code webSocket} is now the shard's connection; an older one is closed. */
    private void connect(int shard, WebSocket webSocket) {
        WebSocket old = sockets.put(shard, webSocket);
        if (old != null && old != webSocket) {
            old.close(1001, "going away");
        }
    }

    private void resume(WebSocket webSocket, JsonNode d) {
        Integer shard = null;
        for (var session : sessions.entrySet()) {
            if (session.getValue().equals(d.path("session_id").asText())) {
                shard = session.getKey();
            }
        }
        if (!token.equals(d.path("token").asText()) || shard == null) {
            webSocket.send("{\"op\":9,\"d\":false}");
            return;
        }
        resumes++;
        connect(shard, webSocket);
        int seen = Math.max(d.path("seq").asInt(), sessionStarts.getOrDefault(shard, 0));
        for (int i = 0; i < sent.size(); i++) {
            if (sentShards.get(i) == shard && sent.get(i).path("s").asInt() > seen) {
                webSocket.send(sent.get(i).toString());
            }
        }
        readyShards.add(shard);
        dispatchTo(shard, "RESUMED", MAPPER.createObjectNode());
    }

    private ObjectNode guildCreate() {
        ObjectNode guild = MAPPER.createObjectNode();
        String id = Long.toString(GUILD_ID);
        guild.put("id", id)
                .put("name", "Redraw test guild")
                .put("owner_id", Long.toString(ALICE))
                .put("preferred_locale", "en-US")
                .put("unavailable", false)
                .put("large", false)
                .put("member_count", 3)
                .put("joined_at", now())
                .put("premium_tier", 0)
                .put("afk_timeout", 300)
                .put("verification_level", 0)
                .put("default_message_notifications", 0)
                .put("explicit_content_filter", 0)
                .put("mfa_level", 0)
                .put("nsfw_level", 0);
        guild.putArray("features");
        ObjectNode everyone = guild.putArray("roles").addObject();
        everyone.putObject("colors")
                .put("primary_color", 0)
                .putNull("secondary_color")
                .putNull("tertiary_color");
        everyone.put("id", id)
                .put("name", "@everyone")
                .put("color", 0)
                .put("hoist", false)
                .put("position", 0)
                .put("permissions", PERMISSIONS)
                .put("managed", false)
                .put("mentionable", false)
                .put("flags", 0);
        guild.putArray("channels").add(textChannel()).add(textChannel(GALLERY_ID, "gallery"));
        guild.putArray("threads");
        guild.putArray("guild_scheduled_events");
        guild.putArray("emojis");
        guild.putArray("stickers");
        guild.putArray("voice_states");
        guild.putArray("presences");
        ArrayNode members = guild.putArray("members");
        for (long user : new long[] {BOT_ID, ALICE, BOB}) {
            members.add(member(user, true));
        }
        return guild;
    }

    // ---------------------------------------------------------------- scripting

    /** Serves {@code bytes} at {@code /attachments/{id}/{filename}} and describes them as an attachment. */
    public Attachment registerAttachment(byte[] bytes, String filename, String contentType, int width, int height) {
        long id = snowflakes.incrementAndGet();
        synchronized (lock) {
            files.put(id, bytes.clone());
        }
        String url = "http://" + hostAndPort + "/attachments/" + id + "/" + filename;
        return new Attachment(id, filename, contentType, bytes.length, width, height, url);
    }

    /**
     * A user runs the slash command {@code name} in {@code channel} (the guild channel or a DM channel).
     * Option values may be String, Integer/Long, Boolean, Double or {@link Attachment}; {@code files} are
     * added as attachment options named {@code image}, {@code image2}, {@code image3}...
     */
    public Interaction slashCommand(
            long user, long channel, String name, Map<String, ?> options, List<Attachment> files, String locale) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("id", commandId(name)).put("name", name).put("type", 1);
        ArrayNode optionArray = data.putArray("options");
        ObjectNode resolvedAttachments = MAPPER.createObjectNode();
        Map<String, Object> all = new LinkedHashMap<>(options == null ? Map.of() : options);
        if (files != null) {
            for (int i = 0; i < files.size(); i++) {
                all.put(i == 0 ? "image" : "image" + (i + 1), files.get(i));
            }
        }
        all.forEach((optionName, value) -> {
            ObjectNode option = optionArray.addObject().put("name", optionName);
            switch (value) {
                case Attachment a -> {
                    option.put("type", 11).put("value", Long.toString(a.id()));
                    resolvedAttachments.set(Long.toString(a.id()), a.json());
                }
                case Boolean b -> option.put("type", 5).put("value", b);
                case Integer n -> option.put("type", 4).put("value", n);
                case Long n -> option.put("type", 4).put("value", n);
                case java.math.BigInteger n -> option.put("type", 4).put("value", n);
                case Double d -> option.put("type", 10).put("value", d);
                default -> option.put("type", 3).put("value", String.valueOf(value));
            }
        });
        if (!resolvedAttachments.isEmpty()) {
            data.putObject("resolved").set("attachments", resolvedAttachments);
        }
        return interaction(2, user, channel, data, null, locale);
    }

    /** A user picked in a slash command's user option (type 6), resolved as Discord resolves it. */
    public record PickedUser(long id) {}

    /** A channel of the guild picked in a slash command's channel option (type 7). */
    public record PickedChannel(long id) {}

    /**
     * A user runs the subcommand {@code subcommand} of the slash command {@code name} in {@code
     * channel}, with {@code options} as {@link #slashCommand} takes them, and {@link PickedUser}s.
     */
    public Interaction slashSubcommand(
            long user, long channel, String name, String subcommand, Map<String, ?> options, String locale) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("id", commandId(name)).put("name", name).put("type", 1);
        ObjectNode sub =
                data.putArray("options").addObject().put("name", subcommand).put("type", 1);
        ArrayNode subOptions = sub.putArray("options");
        ObjectNode users = MAPPER.createObjectNode();
        ObjectNode channels = MAPPER.createObjectNode();
        options.forEach((optionName, value) -> {
            ObjectNode option = subOptions.addObject().put("name", optionName);
            switch (value) {
                case PickedUser picked -> {
                    option.put("type", 6).put("value", Long.toString(picked.id()));
                    users.set(Long.toString(picked.id()), user(picked.id()));
                }
                case PickedChannel picked -> {
                    option.put("type", 7).put("value", Long.toString(picked.id()));
                    channels.set(
                            Long.toString(picked.id()),
                            textChannel(picked.id(), "picked").put("permissions", PERMISSIONS));
                }
                case Integer n -> option.put("type", 4).put("value", n);
                case Long n -> option.put("type", 4).put("value", n);
                default -> option.put("type", 3).put("value", String.valueOf(value));
            }
        });
        if (!users.isEmpty()) {
            data.putObject("resolved").set("users", users);
        }
        if (!channels.isEmpty()) {
            ((ObjectNode) data.with("resolved")).set("channels", channels);
        }
        return interaction(2, user, channel, data, null, locale);
    }

    /**
     * A user types into the option {@code focused} of the slash command {@code name} in the guild
     * channel, with {@code options} already filled in; Discord asks for choices (type 4).
     */
    public Interaction autocomplete(
            long user, String name, Map<String, String> options, String focused, String typed, String locale) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("id", commandId(name)).put("name", name).put("type", 1);
        ArrayNode optionArray = data.putArray("options");
        options.forEach((option, value) ->
                optionArray.addObject().put("name", option).put("type", 3).put("value", value));
        optionArray
                .addObject()
                .put("name", focused)
                .put("type", 3)
                .put("value", typed)
                .put("focused", true);
        return interaction(4, user, CHANNEL_ID, data, null, locale);
    }

    /** A user clicks the button {@code customId} on the message {@code messageId} (one the bot sent). */
    public Interaction button(long user, long messageId, String customId, String locale) {
        ObjectNode message;
        synchronized (lock) {
            message = messages.get(messageId);
        }
        if (message == null) {
            message = message(messageId, CHANNEL_ID, BOT_ID, "", null);
        }
        long channel = message.path("channel_id").asLong();
        ObjectNode data = MAPPER.createObjectNode().put("custom_id", customId).put("component_type", 2);
        return interaction(3, user, channel, data, message.deepCopy(), locale);
    }

    /** A user submits the modal {@code customId} in the guild channel, with text inputs by custom id. */
    public Interaction modalSubmit(long user, String customId, Map<String, String> fields, String locale) {
        return modalSubmit(user, CHANNEL_ID, customId, fields, locale);
    }

    /** A user submits the modal {@code customId} in {@code channel}, with text inputs by custom id. */
    public Interaction modalSubmit(
            long user, long channel, String customId, Map<String, String> fields, String locale) {
        ObjectNode data = MAPPER.createObjectNode().put("custom_id", customId);
        ArrayNode components = data.putArray("components");
        int uniqueId = 1;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            ObjectNode label = components.addObject().put("type", 18).put("id", uniqueId++);
            label.putObject("component")
                    .put("type", 4)
                    .put("id", uniqueId++)
                    .put("custom_id", field.getKey())
                    .put("value", field.getValue());
        }
        return interaction(5, user, channel, data, null, locale);
    }

    /** A user runs the message command {@code name} on a message the fake knows (sent by anyone). */
    public Interaction messageContextMenu(long user, String name, long targetMessageId) {
        ObjectNode target;
        synchronized (lock) {
            target = messages.get(targetMessageId);
        }
        if (target == null) {
            throw new IllegalArgumentException("no message " + targetMessageId);
        }
        ObjectNode data = MAPPER.createObjectNode();
        data.put("id", commandId(name))
                .put("name", name)
                .put("type", 3)
                .put("target_id", Long.toString(targetMessageId));
        data.putObject("resolved").putObject("messages").set(Long.toString(targetMessageId), target.deepCopy());
        return interaction(2, user, target.path("channel_id").asLong(), data, null, "en-US");
    }

    /**
     * A user posts a message; {@code replyTo} makes it a reply (type 19). Mentions ({@code <@111>}) of
     * known users fill {@code mentions}. Returns the message id.
     */
    public long userMessage(long user, long channel, String content, List<Attachment> attachments, Long replyTo) {
        long id = snowflakes.incrementAndGet();
        ArrayNode attachmentArray = MAPPER.createArrayNode();
        if (attachments != null) {
            attachments.forEach(a -> attachmentArray.add(a.json()));
        }
        ObjectNode message = message(id, channel, user, content, attachmentArray);
        if (replyTo != null) {
            message.put("type", 19);
            ObjectNode reference = message.putObject("message_reference")
                    .put("type", 0)
                    .put("message_id", Long.toString(replyTo))
                    .put("channel_id", Long.toString(channel));
            if (channel == CHANNEL_ID || channel == GALLERY_ID) {
                reference.put("guild_id", Long.toString(GUILD_ID));
            }
            ObjectNode referenced;
            synchronized (lock) {
                referenced = messages.get(replyTo);
            }
            message.set("referenced_message", referenced == null ? NullNode.getInstance() : referenced.deepCopy());
        }
        synchronized (lock) {
            messages.put(id, message);
        }
        ObjectNode event = message.deepCopy();
        if (channel == CHANNEL_ID || channel == GALLERY_ID) {
            event.set("member", member(user, false));
        }
        dispatch("MESSAGE_CREATE", event);
        return id;
    }

    private Interaction interaction(
            int type, long user, long channel, ObjectNode data, ObjectNode message, String locale) {
        long id = snowflakes.incrementAndGet();
        String interactionToken = "itok-" + Long.toString(id, 36);
        ObjectNode event = MAPPER.createObjectNode();
        event.put("id", Long.toString(id))
                .put("application_id", Long.toString(APPLICATION_ID))
                .put("type", type)
                .put("token", interactionToken)
                .put("version", 1)
                .put("channel_id", Long.toString(channel))
                .put("locale", locale == null ? "en-US" : locale)
                .put("app_permissions", PERMISSIONS)
                .put("attachment_size_limit", uploadLimitValue());
        event.putArray("entitlements");
        boolean guild = channel == CHANNEL_ID || channel == GALLERY_ID;
        if (guild) {
            event.put("guild_id", Long.toString(GUILD_ID))
                    .put("guild_locale", "en-US")
                    .put("context", 0);
            event.putObject("guild")
                    .put("id", Long.toString(GUILD_ID))
                    .put("locale", "en-US")
                    .putArray("features");
            event.set("channel", textChannel(channel, channel == CHANNEL_ID ? "general" : "gallery"));
            event.set("member", member(user, true).put("permissions", PERMISSIONS));
            event.putObject("authorizing_integration_owners").put("0", Long.toString(GUILD_ID));
        } else {
            event.put("context", 1);
            event.set("user", user(user));
            event.set("channel", dmChannel(user));
            event.putObject("authorizing_integration_owners").put("1", Long.toString(user));
        }
        event.set("data", data);
        if (message != null) {
            event.set("message", message);
        }
        synchronized (lock) {
            replies.put(interactionToken, new ArrayList<>());
        }
        dispatch("INTERACTION_CREATE", event);
        return new Interaction(id, interactionToken);
    }

    private String commandId(String name) {
        synchronized (lock) {
            for (ArrayNode list : commands.values()) {
                for (JsonNode command : list) {
                    if (name.equals(command.path("name").asText())) {
                        return command.path("id").asText();
                    }
                }
            }
        }
        return Long.toString(Math.abs((long) name.hashCode()) + 1_000_000);
    }

    private long uploadLimitValue() {
        synchronized (lock) {
            return uploadLimit;
        }
    }

    // ---------------------------------------------------------------- recording

    public List<Call> calls() {
        synchronized (lock) {
            return List.copyOf(calls);
        }
    }

    /** The calls whose method is {@code method} and whose relative path matches {@code pathRegex}. */
    public List<Call> calls(String method, String pathRegex) {
        Pattern pattern = Pattern.compile(pathRegex);
        synchronized (lock) {
            return calls.stream()
                    .filter(c -> c.method().equalsIgnoreCase(method)
                            && pattern.matcher(c.path()).matches())
                    .toList();
        }
    }

    /** Waits for the first such call (one already made counts). */
    public Call awaitCall(String method, String pathRegex, Duration timeout) {
        await(timeout, () -> !calls(method, pathRegex).isEmpty(), method + " " + pathRegex);
        return calls(method, pathRegex).get(0);
    }

    /** The responses accepted for an interaction token, in order. */
    public List<Reply> replies(String interactionToken) {
        synchronized (lock) {
            return List.copyOf(replies.getOrDefault(interactionToken, List.of()));
        }
    }

    /** Waits until at least {@code count} responses were accepted for the token. */
    public List<Reply> awaitReplies(String interactionToken, int count, Duration timeout) {
        await(timeout, () -> replies(interactionToken).size() >= count, count + " replies to " + interactionToken);
        return replies(interactionToken);
    }

    /** Waits for the first response of {@code kind} to the token (one already accepted counts). */
    public Reply awaitReply(String interactionToken, ReplyKind kind, Duration timeout) {
        await(
                timeout,
                () -> replies(interactionToken).stream().anyMatch(r -> r.kind() == kind),
                kind + " for " + interactionToken);
        return replies(interactionToken).stream()
                .filter(r -> r.kind() == kind)
                .findFirst()
                .orElseThrow();
    }

    /** The messages the bot posted to a channel (POST channels/{id}/messages), in order. */
    public List<JsonNode> channelMessages(long channelId) {
        synchronized (lock) {
            return List.copyOf(channelMessages.getOrDefault(channelId, List.of()));
        }
    }

    /** Any message the fake knows (user messages, channel messages, interaction responses), or null. */
    public JsonNode message(long messageId) {
        synchronized (lock) {
            ObjectNode message = messages.get(messageId);
            return message == null ? null : message.deepCopy();
        }
    }

    /** The bot's messages that exist now (not deleted), in any channel, oldest first. */
    public List<JsonNode> botMessages() {
        synchronized (lock) {
            return messages.values().stream()
                    .filter(m -> m.path("author").path("id").asLong() == BOT_ID)
                    .sorted(java.util.Comparator.comparingLong(
                            (ObjectNode m) -> m.path("id").asLong()))
                    .map(m -> (JsonNode) m.deepCopy())
                    .toList();
        }
    }

    /** The last registered global commands (key "global") or guild commands (key the guild id). */
    public JsonNode commands(String scope) {
        synchronized (lock) {
            ArrayNode list = commands.get(scope);
            return list == null ? MAPPER.createArrayNode() : list.deepCopy();
        }
    }

    /** The bytes of an uploaded or registered attachment, or null. */
    public byte[] attachmentBytes(long attachmentId) {
        synchronized (lock) {
            byte[] bytes = files.get(attachmentId);
            return bytes == null ? null : bytes.clone();
        }
    }

    /**
     * Runs {@code observer} on each REST call as it is recorded: after the fake acted on it and
     * before its answer is sent, so an observer that kills the bot there leaves a call applied but
     * unanswered. It runs under the fake's lock: it must be quick and must not call back into the fake.
     */
    public void observe(Consumer<Call> observer) {
        this.observer = observer == null ? call -> {} : observer;
    }

    // ---------------------------------------------------------------- failures

    /** Forgets every failure still to come: Discord works again. */
    public void clearFailures() {
        synchronized (lock) {
            failures.clear();
        }
    }

    /**
     * The next {@code times} calls of {@code method} whose relative path matches {@code pathRegex}
     * answer {@code status}: 429 as a per-route limit (Via, Retry-After, JSON body), anything else with a
     * Discord error body.
     */
    public void failNext(String method, String pathRegex, int times, int status, int retryAfterSeconds) {
        synchronized (lock) {
            failures.add(new Failure(
                    method, Pattern.compile(pathRegex), status, retryAfterSeconds, new int[] {times}, false, ANY));
        }
    }

    /**
     * The next {@code times} calls of {@code method} whose relative path matches {@code pathRegex} take
     * effect (the message is created or edited) but answer {@code status}: an answer lost after Discord
     * acted, as when a connection drops or a gateway times out.
     */
    public void failAfterApplying(String method, String pathRegex, int times, int status) {
        synchronized (lock) {
            failures.add(new Failure(method, Pattern.compile(pathRegex), status, 0, new int[] {times}, true, ANY));
        }
    }

    /**
     * Like {@link #failNext} or {@link #failAfterApplying} (when {@code applied}), for calls that upload
     * files only: the post of a result rather than a status update.
     */
    public void failNextUpload(String method, String pathRegex, int times, int status, boolean applied) {
        failNextWhere(
                method, pathRegex, times, status, applied, body -> !body.files().isEmpty());
    }

    /**
     * Like {@link #failNext} or {@link #failAfterApplying} (when {@code applied}), once, for a call whose
     * message content contains {@code text}.
     */
    public void failNextWithContent(String method, String pathRegex, String text, int status, boolean applied) {
        failNextWhere(
                method,
                pathRegex,
                1,
                status,
                applied,
                body -> body.json().path("content").asText("").contains(text));
    }

    private void failNextWhere(
            String method, String pathRegex, int times, int status, boolean applied, Predicate<RestBody> matching) {
        synchronized (lock) {
            failures.add(
                    new Failure(method, Pattern.compile(pathRegex), status, 1, new int[] {times}, applied, matching));
        }
    }

    /**
     * Sending messages to one channel is limited to {@code messages} per {@code window}, as Discord
     * does (about five per five seconds): beyond it the send answers 429 with a per-route limit.
     */
    public void channelRateLimit(int messages, Duration window) {
        synchronized (lock) {
            channelLimit = messages;
            channelWindow = window;
        }
    }

    /** How many calls were answered 429 because of {@link #channelRateLimit}. */
    public int channelRateLimited() {
        synchronized (lock) {
            return channelLimitHits;
        }
    }

    /**
     * Holds the downloads of these attachments (a CDN slow for their owner) until {@link Gate#release()};
     * {@link Gate#started()} tells how many downloads are being held.
     */
    public Gate holdDownloads(Attachment... attachments) {
        Gate gate = new Gate();
        synchronized (lock) {
            for (Attachment attachment : attachments) {
                gates.put(attachment.id(), gate);
            }
        }
        return gate;
    }

    /** Held attachment downloads. */
    public static final class Gate {
        private final java.util.concurrent.CountDownLatch open = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.atomic.AtomicInteger started =
                new java.util.concurrent.atomic.AtomicInteger();

        public void release() {
            open.countDown();
        }

        public int started() {
            return started.get();
        }

        void pass() {
            started.incrementAndGet();
            try {
                open.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Failure takeFailure(String method, String path, RestBody body) {
        synchronized (lock) {
            for (Iterator<Failure> it = failures.iterator(); it.hasNext(); ) {
                Failure failure = it.next();
                if (failure.method().equalsIgnoreCase(method)
                        && failure.path().matcher(path).matches()
                        && failure.matching().test(body)) {
                    if (--failure.left()[0] <= 0) {
                        it.remove();
                    }
                    return failure;
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- REST

    private MockResponse route(RecordedRequest request) throws IOException {
        String method = request.getMethod();
        String fullPath = request.getUrl().encodedPath();
        if ("websocket".equalsIgnoreCase(request.getHeaders().get("Upgrade"))) {
            return new MockResponse.Builder().webSocketUpgrade(new Gateway()).build();
        }
        Matcher download = ATTACHMENT.matcher(fullPath);
        if (download.matches() && "GET".equals(method)) {
            byte[] bytes;
            Gate gate;
            synchronized (lock) {
                bytes = files.get(Long.parseLong(download.group(1)));
                gate = gates.get(Long.parseLong(download.group(1)));
            }
            if (gate != null) {
                gate.pass();
            }
            record(method, fullPath, Map.of(), NullNode.getInstance(), List.of(), bytes == null ? 404 : 200);
            if (bytes == null) {
                return new MockResponse.Builder().code(404).build();
            }
            return new MockResponse.Builder()
                    .code(200)
                    .addHeader("Content-Type", "application/octet-stream")
                    .body(new Buffer().write(bytes))
                    .build();
        }
        if (!fullPath.startsWith(API)) {
            record(method, fullPath, Map.of(), NullNode.getInstance(), List.of(), 404);
            return json(404, error(0, "404: Not Found"));
        }
        String path = request.getUrl().pathSegments().stream()
                .skip(2)
                .reduce((a, b) -> a + "/" + b)
                .orElse("");
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : request.getUrl().queryParameterNames()) {
            query.put(name, request.getUrl().queryParameter(name));
        }
        RestBody body = RestBody.read(request.getHeaders(), request.getBody());

        // One lock for the effects and the record: a test that sees a reply also sees its call.
        synchronized (lock) {
            MockResponse answer = answer(request, method, path, body);
            record(method, path, query, body.json(), body.files(), answer.getCode());
            return answer;
        }
    }

    private MockResponse answer(RecordedRequest request, String method, String path, RestBody body) {
        Failure failure = takeFailure(method, path, body);
        if (failure != null && !failure.applied()) {
            return failure(failure);
        }
        MockResponse answer = act(request, method, path, body);
        return failure != null && answer.getCode() < 300 ? failure(failure) : answer;
    }

    private MockResponse act(RecordedRequest request, String method, String path, RestBody body) {
        long total = 0;
        for (Upload upload : body.files()) {
            if (upload.bytes().length > uploadLimitValue()) {
                return json(413, error(40005, "Request entity too large"));
            }
            total += upload.bytes().length;
        }
        if (total > requestLimit) {
            return json(413, error(40005, "Request entity too large"));
        }
        if (method.equals("GET") && path.equals("gateway/bot")) {
            ObjectNode gateway =
                    MAPPER.createObjectNode().put("url", gatewayUrl()).put("shards", recommendedShards);
            gateway.putObject("session_start_limit")
                    .put("total", 1000)
                    .put("remaining", 1000)
                    .put("reset_after", 0)
                    .put("max_concurrency", 16);
            return json(200, gateway);
        }
        String[] p = path.split("/");
        boolean webhook = p[0].equals("webhooks") || p[0].equals("interactions");
        if (!webhook && !("Bot " + token).equals(request.getHeaders().get("Authorization"))) {
            return json(401, error(0, "401: Unauthorized"));
        }
        String route = method + " " + path;
        if (route.equals("GET users/@me")) {
            return json(200, user(BOT_ID));
        }
        if (method.equals("PUT") && p[0].equals("applications") && p.length >= 3) {
            return putCommands(p, body.json());
        }
        if (method.equals("POST") && p[0].equals("interactions") && p.length == 4 && p[3].equals("callback")) {
            return callback(p[2], body);
        }
        if (p[0].equals("webhooks") && p.length >= 3) {
            return webhook(method, p, body);
        }
        if (p[0].equals("channels") && p.length >= 3 && p[2].equals("messages")) {
            return channel(method, p, body, request);
        }
        if (route.equals("POST channels/" + (p.length > 1 ? p[1] : "") + "/typing")) {
            return new MockResponse.Builder().code(204).build();
        }
        return json(404, error(0, "404: Not Found"));
    }

    private MockResponse putCommands(String[] p, JsonNode body) {
        if (!p[1].equals(Long.toString(APPLICATION_ID)) || !body.isArray()) {
            return json(400, error(50035, "Invalid Form Body"));
        }
        String scope = p.length == 5 && p[2].equals("guilds") ? p[3] : "global";
        ArrayNode answered = MAPPER.createArrayNode();
        for (JsonNode command : body) {
            ObjectNode copy = ((ObjectNode) command.deepCopy())
                    .put("id", Long.toString(snowflakes.incrementAndGet()))
                    .put("application_id", Long.toString(APPLICATION_ID))
                    .put("version", Long.toString(snowflakes.incrementAndGet()));
            if (!copy.has("type")) {
                copy.put("type", 1);
            }
            if (!scope.equals("global")) {
                copy.put("guild_id", scope);
            }
            answered.add(copy);
        }
        synchronized (lock) {
            commands.put(scope, answered);
        }
        return json(200, answered);
    }

    private MockResponse callback(String interactionToken, RestBody body) {
        int type = body.json().path("type").asInt();
        JsonNode data = body.json().has("data") ? body.json().get("data") : MAPPER.createObjectNode();
        synchronized (lock) {
            List<Reply> list = replies.get(interactionToken);
            if (list == null) {
                return json(404, error(10062, "Unknown interaction"));
            }
            if (acknowledged.putIfAbsent(interactionToken, true) != null) {
                return json(400, error(40060, "Interaction has already been acknowledged."));
            }
            list.add(new Reply(ReplyKind.CALLBACK, type, data, body.files(), Instant.now()));
            if (type == 4 || type == 5) {
                ObjectNode original = botMessage(channelOf(interactionToken), data, body.files());
                if (type == 5) {
                    original.put("flags", original.path("flags").asInt(0) | 128);
                }
                originals.put(interactionToken, original);
            }
            lock.notifyAll();
        }
        return new MockResponse.Builder().code(204).build();
    }

    private long channelOf(String interactionToken) {
        for (ObjectNode frame : sent) {
            JsonNode d = frame.path("d");
            if (interactionToken.equals(d.path("token").asText())) {
                return d.path("channel_id").asLong();
            }
        }
        return CHANNEL_ID;
    }

    private MockResponse webhook(String method, String[] p, RestBody body) {
        String interactionToken = p[2];
        if (!p[1].equals(Long.toString(APPLICATION_ID))) {
            return json(404, error(10015, "Unknown Webhook"));
        }
        synchronized (lock) {
            List<Reply> list = replies.get(interactionToken);
            if (list == null || expiredTokens.contains(interactionToken)) {
                return json(404, error(10015, "Unknown Webhook"));
            }
            boolean original = p.length == 5 && p[3].equals("messages") && p[4].equals("@original");
            if (p.length == 3 && method.equals("POST")) {
                if (!acknowledged.containsKey(interactionToken)) {
                    return json(404, error(10015, "Unknown Webhook"));
                }
                ObjectNode message = botMessage(channelOf(interactionToken), body.json(), body.files());
                list.add(new Reply(ReplyKind.FOLLOWUP, 0, body.json(), body.files(), Instant.now()));
                lock.notifyAll();
                return json(200, message);
            }
            if (p.length != 5 || !p[3].equals("messages")) {
                return json(404, error(0, "404: Not Found"));
            }
            ObjectNode target = original ? originals.get(interactionToken) : messages.get(parseId(p[4]));
            if (target == null) {
                return json(404, error(10008, "Unknown Message"));
            }
            switch (method) {
                case "GET" -> {
                    return json(200, target);
                }
                case "DELETE" -> {
                    list.add(new Reply(ReplyKind.DELETE_ORIGINAL, 0, NullNode.getInstance(), List.of(), Instant.now()));
                    if (original) {
                        originals.remove(interactionToken);
                    }
                    messages.remove(target.path("id").asLong());
                    lock.notifyAll();
                    return new MockResponse.Builder().code(204).build();
                }
                case "PATCH" -> {
                    edit(target, body);
                    list.add(new Reply(
                            original ? ReplyKind.EDIT_ORIGINAL : ReplyKind.EDIT_FOLLOWUP,
                            0,
                            body.json(),
                            body.files(),
                            Instant.now()));
                    lock.notifyAll();
                    return json(200, target);
                }
                default -> {
                    return json(405, error(0, "405: Method Not Allowed"));
                }
            }
        }
    }

    private MockResponse channel(String method, String[] p, RestBody body, RecordedRequest request) {
        long channel = parseId(p[1]);
        if (channel != CHANNEL_ID && channel != GALLERY_ID && channel != ALICE_DM && channel != BOB_DM) {
            return json(404, error(10003, "Unknown Channel"));
        }
        synchronized (lock) {
            if (p.length == 3 && method.equals("GET")) {
                return json(200, history(channel, request));
            }
            if (p.length == 3 && method.equals("POST")) {
                if (overChannelLimit(channel)) {
                    channelLimitHits++;
                    return failure(new Failure("POST", null, 429, 1, new int[] {1}, false, ANY));
                }
                JsonNode nonce = body.json().path("nonce");
                if (!nonce.isMissingNode() && body.json().path("enforce_nonce").asBoolean(false)) {
                    ObjectNode same = sentWithNonce(channel, nonce.asText());
                    if (same != null) {
                        return json(200, same);
                    }
                }
                ObjectNode message = botMessage(channel, body.json(), body.files());
                if (!nonce.isMissingNode()) {
                    message.put("nonce", nonce.asText());
                }
                JsonNode reference = body.json().path("message_reference");
                if (reference.has("message_id")) {
                    ObjectNode referenced =
                            messages.get(reference.path("message_id").asLong());
                    if (referenced == null
                            && reference.path("fail_if_not_exists").asBoolean(true)) {
                        messages.remove(message.path("id").asLong());
                        return json(400, error(50035, "Invalid Form Body"));
                    }
                    message.put("type", 19);
                    ObjectNode ref = message.putObject("message_reference")
                            .put("type", 0)
                            .put("message_id", reference.path("message_id").asText())
                            .put("channel_id", Long.toString(channel));
                    if (channel == CHANNEL_ID || channel == GALLERY_ID) {
                        ref.put("guild_id", Long.toString(GUILD_ID));
                    }
                    message.set("referenced_message", referenced == null ? NullNode.getInstance() : referenced);
                }
                channelMessages.computeIfAbsent(channel, c -> new ArrayList<>()).add(message);
                lock.notifyAll();
                return json(200, message);
            }
            if (p.length == 4) {
                ObjectNode message = messages.get(parseId(p[3]));
                if (message == null || message.path("channel_id").asLong() != channel) {
                    return json(404, error(10008, "Unknown Message"));
                }
                if (method.equals("GET")) {
                    return json(200, message);
                }
                if (method.equals("PATCH")) {
                    edit(message, body);
                    return json(200, message);
                }
                if (method.equals("DELETE")) {
                    messages.remove(parseId(p[3]));
                    return new MockResponse.Builder().code(204).build();
                }
            }
        }
        return json(404, error(0, "404: Not Found"));
    }

    /** Whether one more message to the channel now goes over {@link #channelRateLimit}; counts it if not. */
    private boolean overChannelLimit(long channel) {
        long now = System.nanoTime();
        List<Long> sends = channelSends.computeIfAbsent(channel, c -> new ArrayList<>());
        sends.removeIf(at -> at + channelWindow.toNanos() <= now);
        if (sends.size() >= channelLimit) {
            return true;
        }
        sends.add(now);
        return false;
    }

    /** The bot's message in the channel created with this nonce within Discord's dedupe window. */
    private ObjectNode sentWithNonce(long channel, String nonce) {
        Instant since = Instant.now().minus(NONCE_WINDOW);
        for (ObjectNode sent : channelMessages.getOrDefault(channel, List.of())) {
            if (nonce.equals(sent.path("nonce").asText(null))
                    && messages.containsKey(sent.path("id").asLong())
                    && OffsetDateTime.parse(sent.path("timestamp").asText())
                            .toInstant()
                            .isAfter(since)) {
                return sent;
            }
        }
        return null;
    }

    /** GET channels/{id}/messages: newest first, {@code after} / {@code before} an id, at most {@code limit}. */
    private ArrayNode history(long channel, RecordedRequest request) {
        String after = request.getUrl().queryParameter("after");
        String before = request.getUrl().queryParameter("before");
        String limit = request.getUrl().queryParameter("limit");
        long afterId = after == null ? Long.MIN_VALUE : Long.parseLong(after);
        long beforeId = before == null ? Long.MAX_VALUE : Long.parseLong(before);
        List<ObjectNode> found = messages.values().stream()
                .filter(m -> m.path("channel_id").asLong() == channel)
                .filter(m -> m.path("id").asLong() > afterId && m.path("id").asLong() < beforeId)
                .sorted(java.util.Comparator.comparingLong(
                        (ObjectNode m) -> m.path("id").asLong()))
                .toList();
        int max = limit == null ? 50 : Integer.parseInt(limit);
        // With "after" Discord answers the oldest messages after it; either way newest first.
        List<ObjectNode> window = after != null
                ? found.subList(0, Math.min(max, found.size()))
                : found.subList(Math.max(0, found.size() - max), found.size());
        ArrayNode answer = MAPPER.createArrayNode();
        for (int i = window.size() - 1; i >= 0; i--) {
            answer.add(window.get(i).deepCopy());
        }
        return answer;
    }

    /** A new message by the bot from a message payload; kept so later calls can find it. */
    private ObjectNode botMessage(long channel, JsonNode payload, List<Upload> uploads) {
        ObjectNode message = message(snowflakes.incrementAndGet(), channel, BOT_ID, "", null);
        message.put("application_id", Long.toString(APPLICATION_ID));
        edit(message, new RestBody(payload, uploads));
        messages.put(message.path("id").asLong(), message);
        return message;
    }

    /** Applies an edit payload (content, embeds, components, flags, attachments + files) to a message. */
    private void edit(ObjectNode message, RestBody body) {
        JsonNode payload = body.json();
        if (payload.has("content")) {
            message.put("content", payload.path("content").asText(""));
        }
        if (payload.has("embeds")) {
            ArrayNode embeds = message.putArray("embeds");
            for (JsonNode embed : payload.get("embeds")) {
                ObjectNode copy = embed.deepCopy();
                if (!copy.has("type")) {
                    copy.put("type", "rich");
                }
                embeds.add(copy);
            }
        }
        if (payload.has("components")) {
            message.set("components", payload.get("components").deepCopy());
        }
        if (payload.has("flags")) {
            message.put("flags", payload.get("flags").asInt());
        } else {
            message.put("flags", message.path("flags").asInt(0) & ~128);
        }
        if (payload.has("attachments") || !body.files().isEmpty()) {
            ArrayNode kept = MAPPER.createArrayNode();
            Map<String, JsonNode> existing = new HashMap<>();
            message.path("attachments").forEach(a -> existing.put(a.path("id").asText(), a));
            for (JsonNode wanted : payload.path("attachments")) {
                String id = wanted.path("id").asText();
                if (existing.containsKey(id)) {
                    kept.add(existing.get(id));
                } else {
                    Upload upload = uploadFor(id, body.files());
                    if (upload != null) {
                        kept.add(storeUpload(upload, wanted.path("filename").asText(upload.filename())));
                    }
                }
            }
            if (!payload.has("attachments")) {
                body.files().forEach(u -> kept.add(storeUpload(u, u.filename())));
            }
            message.set("attachments", kept);
        }
    }

    private static Upload uploadFor(String attachmentIndex, List<Upload> uploads) {
        for (Upload upload : uploads) {
            if (upload.field().equals("files[" + attachmentIndex + "]")) {
                return upload;
            }
        }
        return null;
    }

    private ObjectNode storeUpload(Upload upload, String filename) {
        long id = snowflakes.incrementAndGet();
        files.put(id, upload.bytes());
        String url = "http://" + hostAndPort + "/attachments/" + id + "/" + filename;
        return new Attachment(id, filename, upload.contentType(), upload.bytes().length, 0, 0, url).json();
    }

    private MockResponse failure(Failure failure) {
        if (failure.status() == 429) {
            ObjectNode body = MAPPER.createObjectNode()
                    .put("message", "You are being rate limited.")
                    .put("retry_after", (double) failure.retryAfterSeconds())
                    .put("global", false);
            return new MockResponse.Builder()
                    .code(429)
                    .addHeader("Content-Type", "application/json")
                    .addHeader("Via", "1.1 google")
                    .addHeader("Retry-After", Integer.toString(failure.retryAfterSeconds()))
                    .addHeader("X-RateLimit-Scope", "user")
                    .body(body.toString())
                    .build();
        }
        if (failure.status() == 413) {
            return json(413, error(40005, "Request entity too large"));
        }
        return json(failure.status(), error(0, failure.status() + ": injected failure"));
    }

    // ---------------------------------------------------------------- entities

    private ObjectNode message(long id, long channel, long author, String content, ArrayNode attachments) {
        ObjectNode message = MAPPER.createObjectNode();
        message.put("id", Long.toString(id))
                .put("type", 0)
                .put("channel_id", Long.toString(channel))
                .put("content", content == null ? "" : content)
                .put("timestamp", now())
                .putNull("edited_timestamp")
                .put("tts", false)
                .put("mention_everyone", false)
                .put("pinned", false)
                .put("flags", 0);
        if (channel == CHANNEL_ID || channel == GALLERY_ID) {
            message.put("guild_id", Long.toString(GUILD_ID));
        }
        message.set("author", user(author));
        ArrayNode mentions = message.putArray("mentions");
        Matcher mention = MENTION.matcher(message.path("content").asText());
        while (mention.find()) {
            long mentioned = Long.parseLong(mention.group(1));
            if (mentioned == BOT_ID || mentioned == ALICE || mentioned == BOB) {
                mentions.add(user(mentioned));
            }
        }
        message.putArray("mention_roles");
        message.set("attachments", attachments == null ? MAPPER.createArrayNode() : attachments);
        message.putArray("embeds");
        message.putArray("components");
        return message;
    }

    private static ObjectNode user(long id) {
        String name = id == BOT_ID ? BOT_NAME : id == ALICE ? "alice" : id == BOB ? "bob" : "user" + id;
        ObjectNode user = MAPPER.createObjectNode()
                .put("id", Long.toString(id))
                .put("username", name)
                .put("global_name", id == BOT_ID ? null : name.substring(0, 1).toUpperCase() + name.substring(1))
                .put("discriminator", "0")
                .putNull("avatar")
                .put("bot", id == BOT_ID)
                .put("public_flags", 0);
        if (id == BOT_ID) {
            user.put("verified", true).put("mfa_enabled", false).put("flags", 0);
        }
        return user;
    }

    private static ObjectNode member(long user, boolean withUser) {
        ObjectNode member = MAPPER.createObjectNode();
        if (withUser) {
            member.set("user", user(user));
        }
        member.putArray("roles");
        member.put("joined_at", "2024-01-01T00:00:00.000000+00:00")
                .put("deaf", false)
                .put("mute", false)
                .put("flags", 0)
                .put("pending", false);
        return member;
    }

    private static ObjectNode textChannel() {
        return textChannel(CHANNEL_ID, "general");
    }

    private static ObjectNode textChannel(long id, String name) {
        ObjectNode channel = MAPPER.createObjectNode()
                .put("id", Long.toString(id))
                .put("type", 0)
                .put("guild_id", Long.toString(GUILD_ID))
                .put("name", name)
                .put("position", 0)
                .put("nsfw", false)
                .putNull("topic")
                .putNull("parent_id")
                .putNull("last_message_id")
                .put("rate_limit_per_user", 0)
                .put("flags", 0);
        channel.putArray("permission_overwrites");
        return channel;
    }

    private static ObjectNode dmChannel(long user) {
        ObjectNode channel = MAPPER.createObjectNode()
                .put("id", Long.toString(user == BOB ? BOB_DM : ALICE_DM))
                .put("type", 1)
                .putNull("last_message_id")
                .put("flags", 0);
        channel.putArray("recipients").add(user(user));
        return channel;
    }

    // ---------------------------------------------------------------- plumbing

    private void record(
            String method, String path, Map<String, String> query, JsonNode json, List<Upload> uploads, int status) {
        synchronized (lock) {
            Call call = new Call(method, path, Map.copyOf(query), json, uploads, status);
            calls.add(call);
            observer.accept(call);
            lock.notifyAll();
        }
    }

    private void drainServerQueue() {
        try {
            while (server.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
                // the fake keeps its own record; the server's would hold every upload twice
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void await(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(
                            "timed out after " + timeout + " waiting for " + what + "; calls: " + calls);
                }
                try {
                    lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for " + what, e);
                }
            }
        }
    }

    private static JsonNode parseFrame(String text) {
        try {
            JsonNode frame = MAPPER.readTree(text);
            return frame != null && frame.isObject() ? frame : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static long parseId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).toString();
    }

    private static ObjectNode error(int code, String message) {
        return MAPPER.createObjectNode().put("message", message).put("code", code);
    }

    private static MockResponse json(int status, JsonNode body) {
        return new MockResponse(status, JSON_HEADERS, body.toString());
    }
}

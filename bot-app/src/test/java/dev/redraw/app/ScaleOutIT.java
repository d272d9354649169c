package dev.redraw.app;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.redraw.core.storage.TestPostgres;
import dev.redraw.core.testing.TestImages;
import dev.redraw.discord.fake.FakeDiscord;
import dev.redraw.discord.fake.FakeDiscord.Interaction;
import dev.redraw.discord.fake.FakeDiscord.Reply;
import dev.redraw.discord.fake.FakeDiscord.ReplyKind;
import dev.redraw.telegram.fake.FakeTelegram;
import dev.redraw.telegram.fake.FakeTelegram.Incoming;
import dev.redraw.telegram.fake.FakeTelegram.Kind;
import dev.redraw.telegram.fake.FakeTelegram.SentMessage;
import dev.redraw.telegram.fake.FakeUser;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three instances of the packaged jar on one PostgreSQL, as an operator runs them behind a load
 * balancer: Telegram in webhook mode on all three (the fake Telegram posts each update to the next
 * instance in turn, some twice, albums split over instances), Discord as two shards, one on each of
 * the first two instances. 60 users send 300 requests, five each against a quota of four images,
 * and one instance is killed with SIGKILL half-way through and never comes back.
 *
 * <p>Afterwards every request has exactly one answer: a result or, for each user's fifth, the quota
 * refusal; each user got exactly four images; and no user ever had two generations at the upstream
 * at once (jobs.max-per-user is 1 across the instances).
 */
class ScaleOutIT {

    private static final String KEY = "sk-scale-out-93ad";
    private static final String SECRET = "hook-secret_SCALE";
    private static final int QUOTA = 4;
    private static final int REQUESTS_EACH = 5;
    private static final long SEED = Long.getLong("redraw.scaleOut.seed", System.nanoTime());
    private static final Path LOGS = Path.of("target", "scale-out");
    private static final byte[] PNG = TestImages.png(24, 24, Color.MAGENTA);
    private static final Pattern ASKER = Pattern.compile("u(\\d+) take (\\d+)");
    private static final Duration WAIT = Duration.ofMinutes(3);

    @StartStop
    private final MockWebServer gateway = new MockWebServer();

    @TempDir
    private Path dir;

    private final FakeTelegram telegram = new FakeTelegram("4242:scale-out-token").start();
    private final FakeDiscord discord = new FakeDiscord().start();
    private final Random random = new Random(SEED);
    private final JarProcesses instances = new JarProcesses();

    /** Generations in flight at the upstream, per user, and the most ever seen for one user. */
    private final Map<Long, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger upstreamCalls = new AtomicInteger();
    private final List<String> upstreamPrompts = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() throws InterruptedException {
        instances.stopAll();
        telegram.close();
        discord.close();
    }

    private void upstream() {
        var delays = new Random(SEED ^ 0x9E3779B9L);
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                upstreamCalls.incrementAndGet();
                String body = request.getBody().utf8();
                Matcher asker = ASKER.matcher(body);
                if (asker.find()) {
                    upstreamPrompts.add(asker.group());
                }
                asker.reset();
                AtomicInteger mine = asker.find()
                        ? inFlight.computeIfAbsent(Long.parseLong(asker.group(1)), user -> new AtomicInteger())
                        : new AtomicInteger();
                mostAtOnce.accumulateAndGet(mine.incrementAndGet(), Math::max);
                try {
                    int delay;
                    synchronized (delays) {
                        delay = 100 + delays.nextInt(300);
                    }
                    Thread.sleep(delay);
                    return image(PNG);
                } finally {
                    mine.decrementAndGet();
                }
            }
        });
    }

    /** One instance's configuration: Telegram by webhook on its own port, Discord shards if given. */
    private Path config(String name, int port, String database, List<Integer> shards) throws IOException {
        Path file = dir.resolve(name + ".yml");
        String discordPart = shards.isEmpty()
                ? ""
                : "discord: {enabled: true, token: '${DISCORD_TOKEN}', rest-url: '" + discord.restUrl()
                        + "', gateway-url: '" + discord.gatewayUrl() + "', shard-total: 2, shard-ids: " + shards
                        + "}\n";
        Files.writeString(
                file,
                "telegram: {enabled: true, api-url: '" + telegram.apiUrl() + "', mode: webhook,"
                        + " webhook-url: 'https://bot.example.test/telegram/hook'}\n"
                        + discordPart
                        + "providers: [{name: nebula, dialect: contents, base-url: '" + gateway.url("/")
                        + "', api-key: '${NEBULA_API_KEY}', models: [gemini-2.5-flash-image]}]\n"
                        + "storage: {url: '" + database + "'}\n"
                        + "server: {port: " + port + "}\n"
                        + "quotas: {images-per-user: " + QUOTA + ", window: 24h}\n"
                        + "jobs: {instance: " + name + ", lease: 3s, max-per-user: 1, shutdown-grace: 5s}\n");
        return file;
    }

    private Process start(String name, Path config) throws IOException {
        Files.createDirectories(LOGS);
        return instances.start(
                config,
                dir,
                LOGS.resolve(name + ".log"),
                Map.of(
                        "TELEGRAM_BOT_TOKEN",
                        telegram.token(),
                        "TELEGRAM_WEBHOOK_SECRET",
                        SECRET,
                        "DISCORD_TOKEN",
                        discord.token(),
                        "NEBULA_API_KEY",
                        KEY));
    }

    /** A user and where they ask: a Telegram private chat, the Discord guild channel, or a Discord DM. */
    private record Asker(long id, String where) {}

    @Test
    void everyRequestIsAnsweredOnceAndQuotasAndPerUserLimitsHoldAcrossInstancesThroughAKill() throws Exception {
        System.out.println("ScaleOutIT seed " + SEED + " (-Dredraw.scaleOut.seed=" + SEED + ")");
        upstream();
        String database = TestPostgres.get().newDatabase();
        int[] ports = {JarProcesses.freePort(), JarProcesses.freePort(), JarProcesses.freePort()};
        start("one", config("one", ports[0], database, List.of(0)));
        start("two", config("two", ports[1], database, List.of(1)));
        Process three = start("three", config("three", ports[2], database, List.of()));
        await().atMost(WAIT).until(() -> telegram.calls("setWebhook").size() == 3 && discord.isReady());
        assertThat(discord.readyShards()).containsExactlyInAnyOrder(0, 1);
        List<String> hooks = new ArrayList<>();
        for (int port : ports) {
            hooks.add("http://127.0.0.1:" + port + "/telegram/hook");
        }
        // A request that is not Telegram's: refused, nothing of it handled.
        var client = java.net.http.HttpClient.newHttpClient();
        String forged = "{\"update_id\": 900001, \"message\": {\"message_id\": 1, \"date\": 0, \"text\": \"u9 take 1\","
                + " \"chat\": {\"id\": 9, \"type\": \"private\"}, \"from\": {\"id\": 9, \"is_bot\": false,"
                + " \"first_name\": \"Eve\"}}}";
        for (String secret : new String[] {null, "guessed"}) {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(hooks.getFirst()))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(forged));
            if (secret != null) {
                request.header("X-Telegram-Bot-Api-Secret-Token", secret);
            }
            assertThat(client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .as("a webhook request with a %s secret", secret == null ? "missing" : "wrong")
                    .isEqualTo(401);
        }
        telegram.pushTo(hooks, SECRET);

        // 40 Telegram users, 18 Discord users in the guild, Alice and Bob in their DMs: 60 users.
        List<Asker> askers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            askers.add(new Asker(1000 + i, "telegram"));
        }
        for (int i = 0; i < 18; i++) {
            askers.add(new Asker(600 + i, "guild"));
        }
        askers.add(new Asker(FakeDiscord.ALICE, "dm"));
        askers.add(new Asker(FakeDiscord.BOB, "dm"));
        List<Asker> plan = new ArrayList<>();
        for (Asker asker : askers) {
            for (int take = 0; take < REQUESTS_EACH; take++) {
                plan.add(asker);
            }
        }
        Collections.shuffle(plan, random);
        assertThat(plan).hasSize(300);

        Map<Long, List<Long>> telegramRequests = new HashMap<>();
        // Results the killed instance was posting when it died: a result posted as a new message
        // (its job had no status message to become it) may come twice, README's one documented repeat.
        List<String> beingPosted = new ArrayList<>();
        Map<Long, List<Interaction>> discordRequests = new HashMap<>();
        Map<Long, Integer> takes = new HashMap<>();
        int duplicates = 0;
        for (int i = 0; i < plan.size(); i++) {
            if (i == plan.size() / 2) {
                three.destroyForcibly(); // SIGKILL: no goodbye, leases and lanes left to run out
                three.waitFor(10, TimeUnit.SECONDS);
                beingPosted.addAll(beingPostedBy("three", database));
            }
            Asker asker = plan.get(i);
            int take = takes.merge(asker.id(), 1, Integer::sum);
            String prompt = "u" + asker.id() + " take " + take;
            switch (asker.where()) {
                case "telegram" -> {
                    var user = FakeUser.of(asker.id(), "User" + asker.id());
                    List<Incoming> sent = take == 3
                            ? telegram.from(user).album(List.of(PNG, PNG), prompt)
                            : List.of(telegram.from(user).text(prompt));
                    telegramRequests
                            .computeIfAbsent(asker.id(), id -> new ArrayList<>())
                            .add(sent.getFirst().messageId());
                    if (random.nextInt(8) == 0) {
                        // Telegram sends it again, as it does when an answer did not reach it.
                        telegram.queueSame(sent.getLast().updateId());
                        duplicates++;
                    }
                }
                case "guild", "dm" -> {
                    long channel = asker.where().equals("guild")
                            ? FakeDiscord.CHANNEL_ID
                            : asker.id() == FakeDiscord.ALICE ? FakeDiscord.ALICE_DM : FakeDiscord.BOB_DM;
                    discordRequests
                            .computeIfAbsent(asker.id(), id -> new ArrayList<>())
                            .add(discord.slashCommand(
                                    asker.id(), channel, "imagine", Map.of("prompt", prompt), List.of(), "en-US"));
                }
                default -> throw new IllegalStateException(asker.where());
            }
            Thread.sleep(20); // users type; the fakes take the pace as it comes
        }
        System.out.println("ScaleOutIT: 300 requests sent, " + duplicates + " Telegram updates sent twice");

        // Every Telegram request: one image, or the refusal, in reply to it; never a second answer.
        for (var entry : telegramRequests.entrySet()) {
            long chat = entry.getKey();
            await().atMost(WAIT)
                    .until(() ->
                            answersIn(chat, entry.getValue()).values().stream().noneMatch(Map::isEmpty));
        }
        for (var entry : discordRequests.entrySet()) {
            await().atMost(WAIT)
                    .until(() -> entry.getValue().stream().allMatch(interaction -> answer(interaction) != null));
        }
        // Let anything late (a second post, a redelivered update) show up before counting.
        long calls = upstreamCalls.get();
        await().pollDelay(Duration.ofSeconds(5)).atMost(WAIT).until(() -> upstreamCalls.get() == calls);

        System.out.println("ScaleOutIT: results being posted by the killed instance: " + beingPosted);
        int repeats = 0;
        int inStatus = 0;
        for (var entry : telegramRequests.entrySet()) {
            long chat = entry.getKey();
            int repeatsHere = 0;
            for (var answered : answersIn(chat, entry.getValue()).entrySet()) {
                String request = chat + "/" + answered.getKey();
                Collection<Kind> answers = answered.getValue().values();
                inStatus += (int)
                        answers.stream().filter(kind -> kind == Kind.MEDIA).count();
                if (answers.size() == 2
                        && beingPosted.contains(request)
                        && answers.stream().allMatch(kind -> kind == Kind.PHOTO)) {
                    repeatsHere++; // posted anew, killed before it was recorded: posted again rather than lost
                    continue;
                }
                assertThat(answered.getValue())
                        .as("Telegram user %d, request %d: one answer", chat, answered.getKey())
                        .hasSize(1);
            }
            repeats += repeatsHere;
            long images = telegram.sent(chat).stream()
                    .filter(m -> m.photo())
                    .map(SentMessage::messageId)
                    .distinct()
                    .count();
            assertThat(images)
                    .as("Telegram user %d: images, against a quota of %d", chat, QUOTA)
                    .isEqualTo(QUOTA + repeatsHere);
        }
        for (var entry : discordRequests.entrySet()) {
            int images = 0;
            for (Interaction interaction : entry.getValue()) {
                List<Reply> results = discord.replies(interaction.token()).stream()
                        .filter(r -> !r.files().isEmpty())
                        .toList();
                assertThat(results)
                        .as("Discord user %d: one result per request", entry.getKey())
                        .hasSizeLessThan(2);
                images += results.size();
                if (results.isEmpty()) {
                    assertThat(answer(interaction)).isNotNull();
                }
            }
            assertThat(images)
                    .as("Discord user %d: images, against a quota of %d", entry.getKey(), QUOTA)
                    .isEqualTo(QUOTA);
        }
        System.out.println("ScaleOutIT: " + inStatus + " Telegram results made of their status messages, " + repeats
                + " posted anew twice after the kill");
        assertThat(telegram.sent(9))
                .as("nothing answers a refused webhook request")
                .isEmpty();
        assertThat(upstreamPrompts)
                .as("a refused webhook request reaches no model")
                .noneMatch(p -> p.contains("u9 "));
        assertThat(mostAtOnce.get())
                .as("the most generations one user had at once")
                .isEqualTo(1);
        assertThat(quotaCharged(database))
                .as("images charged per user, against a quota of %d", QUOTA)
                .hasSize(60)
                .containsOnly(QUOTA);
        assertThat(telegram.webhookAnswers().stream()
                        .filter(a -> a.status() == 200)
                        .map(a -> a.url())
                        .distinct())
                .as("every instance took webhook updates")
                .hasSize(3);
    }

    /** The Telegram requests (chat/message) whose results {@code instance} was posting. */
    private static List<String> beingPostedBy(String instance, String database) throws java.sql.SQLException {
        List<String> requests = new ArrayList<>();
        try (var connection = java.sql.DriverManager.getConnection(database);
                var query = connection.prepareStatement("SELECT chat_id, request_message_id FROM jobs"
                        + " WHERE platform = 'telegram' AND delivery_state = 'DELIVERING' AND lease_owner = ?")) {
            query.setString(1, instance);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    requests.add(rows.getString(1) + "/" + rows.getString(2));
                }
            }
        }
        return requests;
    }

    /** The images charged to each user, from the usage ledger. */
    private static List<Integer> quotaCharged(String database) throws java.sql.SQLException {
        List<Integer> charged = new ArrayList<>();
        try (var connection = java.sql.DriverManager.getConnection(database);
                var query = connection.prepareStatement(
                        "SELECT platform, user_id, SUM(charged_images) FROM jobs GROUP BY platform, user_id");
                var rows = query.executeQuery()) {
            while (rows.next()) {
                charged.add(rows.getInt(3));
            }
        }
        return charged;
    }

    /**
     * The answers each of a chat's requests got, by message, with how each was made: images (sent,
     * or a status message made one) and quota refusals in reply to it. A message made the same
     * answer again (a result edited into its status message once more) is one answer. Status
     * messages ("Queued", "Drawing…") are not answers.
     */
    private Map<Long, Map<Long, Kind>> answersIn(long chat, List<Long> requests) {
        Map<Long, Map<Long, Kind>> answers = new HashMap<>();
        requests.forEach(request -> answers.put(request, new HashMap<>()));
        for (SentMessage message : telegram.sent(chat)) {
            boolean answer = message.photo()
                    || message.kind() == Kind.TEXT
                            && message.text() != null
                            && message.text().contains("limit");
            if (answer && message.replyTo() != null && answers.containsKey(message.replyTo())) {
                answers.get(message.replyTo()).putIfAbsent(message.messageId(), message.kind());
            }
        }
        return answers;
    }

    /** The final answer to an interaction: its result, or its refusal; null while there is none. */
    private Reply answer(Interaction interaction) {
        return discord.replies(interaction.token()).stream()
                .filter(r -> !r.files().isEmpty()
                        || r.content() != null && r.content().contains("limit"))
                .filter(r -> r.kind() == ReplyKind.EDIT_ORIGINAL || r.kind() == ReplyKind.CALLBACK)
                .findFirst()
                .orElse(null);
    }
}

package dev.redraw.app;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.testing.TestImages;
import dev.redraw.discord.fake.FakeDiscord;
import dev.redraw.discord.fake.FakeDiscord.Call;
import dev.redraw.discord.fake.FakeDiscord.Reply;
import dev.redraw.discord.fake.FakeDiscord.ReplyKind;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run as an operator runs it with Discord enabled, against a fake Discord and a
 * fake image gateway in this JVM, while users keep sending /imagine. It is killed with SIGKILL at
 * random points, over and over, and restarted each time over the same configuration and database;
 * a last run is then left to finish everything.
 *
 * <p>Afterwards every job whose number a user saw ("job #N" in a response or status message) must
 * have exactly one result: the interaction's response edited with its image or its outcome, or one
 * channel message. None may be missing, none posted twice, and no status may overwrite a result.
 * Every job in the database must be delivered, once, and every interaction deferred ("thinking…")
 * must have been answered, even one whose run was killed before its request became a job.
 *
 * <p>Kills come at three kinds of points, chosen by a seeded {@link Random} (the seed is printed):
 * after a random number of REST calls of the run (including its start-up and its recovery), while a
 * result upload has been applied by Discord but not yet answered, and right after a status edit.
 * {@code -Dredraw.discordKillNine.kills} (default 12) and {@code -Dredraw.discordKillNine.seed}
 * repeat or lengthen a run.
 */
class DiscordKillNineIT {

    private static final int KILLS = Integer.getInteger("redraw.discordKillNine.kills", 12);
    private static final long SEED = Long.getLong("redraw.discordKillNine.seed", System.nanoTime());
    private static final String KEY = "sk-torture-51c0e";
    /** How long the last run must make no REST call before it is stopped: above its first retries. */
    private static final Duration QUIET = Duration.ofSeconds(5);
    /** At most this many clean runs settle what the kills left. */
    private static final int SETTLING_RUNS = 3;
    /** Each run's output, kept for a look after a failure. */
    private static final Path LOGS = Path.of("target", "discord-kill-nine");

    private static final byte[] PNG = TestImages.png(32, 32, Color.GREEN);
    /** A third member of the guild, besides Alice and Bob. */
    private static final long CAROL = 557;

    private static final Pattern JOB_NUMBER = Pattern.compile("job #(\\d+)");
    private static final Pattern RESULT_FILE = Pattern.compile("redraw-(\\d+)-\\d+\\..+");
    private static final Pattern RESULT_NONCE = Pattern.compile("rdr(\\d+)");
    private static final Pattern STATUS_NONCE = Pattern.compile("rds(\\d+)");

    /** Who asks, where: users in the guild channel and in their DMs with the bot. */
    private static final long[][] ASKERS = {
        {FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID},
        {FakeDiscord.BOB, FakeDiscord.CHANNEL_ID},
        {CAROL, FakeDiscord.CHANNEL_ID},
        {FakeDiscord.ALICE, FakeDiscord.ALICE_DM},
        {FakeDiscord.BOB, FakeDiscord.BOB_DM},
    };

    @StartStop
    private final MockWebServer gateway = new MockWebServer();

    @TempDir
    private Path dir;

    private final FakeDiscord discord = new FakeDiscord().start();
    private final Random plan = new Random(SEED);
    private final List<String> tokens = new CopyOnWriteArrayList<>();
    /** Each interaction's token by its id, as the bot records a job's request ("i:<id>"). */
    private final Map<Long, String> tokenOf = new java.util.concurrent.ConcurrentHashMap<>();

    private final AtomicInteger upstreamCalls = new AtomicInteger();
    private final ScheduledExecutorService users = Executors.newSingleThreadScheduledExecutor();
    private Path config;
    private int runs;

    /** The running child and what kills it: armed before the child starts, fired from the fake. */
    private volatile Process child;

    private volatile Predicate<Call> killWhen = call -> false;

    /** When the fake last received a REST call, in {@link System#nanoTime()}. */
    private volatile long lastCall = System.nanoTime();

    @BeforeEach
    void setUp() throws IOException {
        var delays = new Random(SEED ^ 0x5DEECE66DL);
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                upstreamCalls.incrementAndGet();
                int delay;
                synchronized (delays) {
                    delay = 50 + delays.nextInt(700);
                }
                return image(PNG)
                        .newBuilder()
                        .headersDelay(delay, TimeUnit.MILLISECONDS)
                        .build();
            }
        });
        discord.observe(call -> {
            lastCall = System.nanoTime();
            Process current = child;
            if (current != null && killWhen.test(call)) {
                killWhen = c -> false;
                current.destroyForcibly(); // SIGKILL, before the fake's answer leaves
            }
        });
        Files.createDirectories(LOGS);
        try (var old = Files.list(LOGS)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        config = dir.resolve("redraw.yml");
        Files.writeString(
                config,
                "discord: {enabled: true, token: '${DISCORD_TOKEN}', rest-url: '" + discord.restUrl()
                        + "', gateway-url: '" + discord.gatewayUrl() + "'}\n"
                        + "providers: [{name: nebula, dialect: contents, base-url: '" + gateway.url("/")
                        + "', api-key: '${NEBULA_API_KEY}', models: [gemini-2.5-flash-image]}]\n"
                        + "storage: {url: 'jdbc:h2:file:" + dir.resolve("db/redraw") + "'}\n"
                        + "quotas: {images-per-user: 100000}\n"
                        + "jobs: {shutdown-grace: 20s}\n");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        users.shutdownNow();
        Process last = child;
        if (last != null && last.isAlive()) {
            last.destroyForcibly();
            last.waitFor(10, TimeUnit.SECONDS);
        }
        discord.close();
    }

    @Test
    void everyJobANumberWasShownForIsAnsweredExactlyOnceThroughKills() throws Exception {
        System.out.println("DiscordKillNineIT seed " + SEED + " (-Dredraw.discordKillNine.seed=" + SEED + ")");
        var askers = new Random(SEED + 1);
        var asked = new AtomicInteger();
        users.scheduleAtFixedRate(
                () -> {
                    if (!discord.isReady()) {
                        return; // nobody would receive it: Discord tells the user the bot is offline
                    }
                    long[] who = ASKERS[askers.nextInt(ASKERS.length)];
                    var interaction = discord.slashCommand(
                            who[0],
                            who[1],
                            "imagine",
                            Map.of("prompt", "a fox, take " + asked.incrementAndGet()),
                            List.of(),
                            "en-US");
                    tokens.add(interaction.token());
                    tokenOf.put(interaction.id(), interaction.token());
                },
                0,
                100,
                TimeUnit.MILLISECONDS);

        List<String> kills = new ArrayList<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            String how = arm();
            Process process = start();
            boolean died = process.waitFor(60, TimeUnit.SECONDS);
            assertThat(died)
                    .as("kill %d (%s) came within a minute; see %s", kill, how, log(runs))
                    .isTrue();
            kills.add(how);
        }
        users.shutdown();
        assertThat(users.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        // A last run, killed by nothing, finishes what the others left: it is stopped (SIGTERM) once
        // every job shown has a result and the bot has been quiet for a while. A result whose post
        // was waiting for a retry then is left for the next start, as designed, so a further clean
        // run follows while the database holds an undelivered job.
        killWhen = call -> false;
        Map<Long, String> stored;
        int settling = 0;
        do {
            settling++;
            settle();
            stored = storedJobs();
        } while (settling < SETTLING_RUNS && !stored.values().stream().allMatch(state -> state.endsWith("/DELIVERED")));

        // A job whose number never reached its user (a kill came first) is still answered on its
        // interaction: the database tells which interaction each job came from.
        View view = view(requests());
        Set<Long> jobs = new TreeSet<>(stored.keySet());
        jobs.addAll(view.seen());
        List<String> lost = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        List<String> overwritten = new ArrayList<>();
        List<String> unsettled = new ArrayList<>();
        int once = 0;
        for (long job : jobs) {
            int results = view.results(job);
            String state = stored.getOrDefault(job, "not in the database");
            if (results == 0 && (view.seen().contains(job) || state.endsWith("DELIVERED"))) {
                lost.add("#" + job + " (" + state + ")");
            } else if (results > 1) {
                twice.add("#" + job + " " + results + "x (" + state + ")");
            } else if (results == 1) {
                once++;
            }
            if (view.overwritten().contains(job)) {
                overwritten.add("#" + job);
            }
            if (!state.endsWith("DELIVERED")) {
                unsettled.add("#" + job + " " + state);
            }
        }
        long deferred = tokens.stream()
                .filter(token -> discord.replies(token).stream().anyMatch(Reply::isDefer))
                .count();
        List<Long> unansweredIds = tokenOf.entrySet().stream()
                .filter(entry -> {
                    List<Reply> replies = discord.replies(entry.getValue());
                    return replies.stream().anyMatch(Reply::isDefer)
                            && replies.stream().noneMatch(reply -> reply.kind() == ReplyKind.EDIT_ORIGINAL);
                })
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        long unanswered = unansweredIds.size();
        for (long job : jobs) {
            if (view.results(job) > 1 || view.overwritten().contains(job)) {
                System.out.println("job " + job + ", answered " + view.results(job) + "x, its interactions: "
                        + view.tokens().get(job));
                for (String token : view.tokens().getOrDefault(job, List.of())) {
                    discord.replies(token)
                            .forEach(r -> System.out.println(
                                    "  " + r.kind() + " " + r.at() + " " + r.content() + " " + r.files()));
                }
                for (long channel : new long[] {FakeDiscord.CHANNEL_ID, FakeDiscord.ALICE_DM, FakeDiscord.BOB_DM}) {
                    discord.channelMessages(channel).stream()
                            .filter(m -> m.toString().contains("rdr" + job + "\"")
                                    || m.toString().contains("redraw-" + job + "-"))
                            .forEach(m ->
                                    System.out.println("  CHANNEL " + m.path("timestamp") + " " + m.path("nonce")));
                }
            }
        }
        System.out.printf(
                "DiscordKillNineIT seed %d: %d kills %s; %d runs (%d clean at the end); %d interactions sent, %d deferred, %d deferred"
                        + " and never answered; %d jobs in the database, %d numbers"
                        + " seen; %d answered once, %d lost %s, %d twice %s, %d overwritten %s, %d unsettled %s;"
                        + " %d result edits repeated on the same response; %d upstream calls%n",
                SEED,
                kills.size(),
                kills,
                runs,
                settling,
                tokens.size(),
                deferred,
                unanswered,
                stored.size(),
                view.seen().size(),
                once,
                lost.size(),
                lost,
                twice.size(),
                twice,
                overwritten.size(),
                overwritten,
                unsettled.size(),
                unsettled,
                view.repeatedEdits(),
                upstreamCalls.get());

        assertThat(view.seen()).as("jobs whose number users saw").hasSizeGreaterThan(KILLS);
        assertThat(lost)
                .as("jobs never answered (seed %d); what the runs logged of them:%n%s", SEED, logged(lost))
                .isEmpty();
        assertThat(twice)
                .as("jobs answered more than once (seed %d); what the runs logged of them:%n%s", SEED, logged(twice))
                .isEmpty();
        assertThat(overwritten)
                .as("results overwritten by a status (seed %d)", SEED)
                .isEmpty();
        assertThat(unsettled)
                .as(
                        "jobs not delivered in the database (seed %d); what the runs logged of them:%n%s",
                        SEED, logged(unsettled))
                .isEmpty();
        assertThat(unanswered)
                .as(
                        "interactions deferred and never answered (seed %d): %s; what the runs logged of them:%n%s",
                        SEED, unansweredIds, loggedInteractions(unansweredIds))
                .isZero();
        for (int run = 1; run <= runs; run++) {
            assertThat(Files.readString(log(run))).as("run %d's log", run).doesNotContain(KEY, discord.token());
        }
    }

    /** Runs the bot, unkilled, until every job shown has a result and it has been quiet; then SIGTERM. */
    private void settle() throws Exception {
        Process last = start();
        try {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        View view = view(Map.of());
                        return discord.isReady()
                                && System.nanoTime() - lastCall > QUIET.toNanos()
                                && view.seen().stream().allMatch(job -> view.results(job) > 0);
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            View view = view(Map.of());
            List<String> waiting = view.seen().stream()
                    .filter(job -> view.results(job) == 0)
                    .map(job -> "#" + job)
                    .toList();
            throw new AssertionError(
                    "the clean run did not settle within 90 s (seed " + SEED + "; Discord ready: " + discord.isReady()
                            + ", last REST call " + (System.nanoTime() - lastCall) / 1_000_000 + " ms ago); jobs shown"
                            + " without a result: " + waiting + "; what the runs logged of them:\n" + logged(waiting),
                    e);
        }
        last.destroy(); // SIGTERM: running jobs and posts under way finish
        assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    /** Chooses where the next run dies, and arms the fake to kill it there. */
    private String arm() {
        AtomicInteger left = new AtomicInteger();
        String how;
        Predicate<Call> counted;
        int choice = plan.nextInt(10);
        if (choice < 5) {
            left.set(1 + plan.nextInt(60));
            how = "after " + left + " calls";
            counted = call -> true;
        } else if (choice < 8) {
            left.set(1 + plan.nextInt(3));
            how = "during result upload " + left;
            counted = call -> !call.files().isEmpty();
        } else {
            left.set(1 + plan.nextInt(6));
            how = "after status edit " + left;
            counted = call -> call.method().equals("PATCH")
                    && call.files().isEmpty()
                    && call.path().endsWith("@original")
                    && JOB_NUMBER
                            .matcher(call.json().path("content").asText(""))
                            .find();
        }
        killWhen = call -> counted.test(call) && left.decrementAndGet() == 0;
        return how;
    }

    private Process start() throws IOException {
        runs++;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-jar", System.getProperty("redraw.jar"), "--config", config.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log(runs).toFile());
        // Secrets come from the environment, never the command line.
        builder.environment().put("DISCORD_TOKEN", discord.token());
        builder.environment().put("NEBULA_API_KEY", KEY);
        Process process = builder.start();
        child = process;
        return process;
    }

    /**
     * The lines each run logged about the jobs named ("#12 …"), run by run, so a failure shows
     * what happened to them.
     */
    private String logged(List<String> named) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String entry : named) {
            Long job = number(Pattern.compile("#(\\d+)"), entry);
            if (job == null) {
                continue;
            }
            appendLogged(out, Pattern.compile("job[ #-]" + job + "\\b|rd[rs]" + job + "\\b|redraw-" + job + "-"));
        }
        return out.toString();
    }

    /** Appends each line a run logged that {@code mentions} finds, run by run. */
    private void appendLogged(StringBuilder out, Pattern mentions) throws IOException {
        for (int run = 1; run <= runs; run++) {
            for (String line : Files.readAllLines(log(run))) {
                if (mentions.matcher(line).find()) {
                    out.append("  run ").append(run).append(": ").append(line).append('\n');
                }
            }
        }
    }

    /** The lines each run logged about the interactions named, and what the database holds of them. */
    private String loggedInteractions(List<Long> interactions) throws Exception {
        StringBuilder out = new StringBuilder();
        for (long interaction : interactions) {
            for (String query : List.of(
                    "SELECT id, status, delivery_state FROM jobs WHERE request_message_id = ?",
                    "SELECT request_id, opened_at FROM open_requests WHERE request_id = ?")) {
                readRows(
                        query,
                        rows -> {
                            out.append("  ").append(interaction).append(" in the database: ");
                            for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                                out.append(rows.getString(column)).append(' ');
                            }
                            out.append('\n');
                        },
                        "i:" + interaction);
            }
            appendLogged(out, Pattern.compile("interaction=" + interaction + "\\b|i:" + interaction + "\\b"));
            discord.replies(tokenOf.get(interaction))
                    .forEach(reply -> out.append("  ")
                            .append(interaction)
                            .append(" reply ")
                            .append(reply.kind())
                            .append(' ')
                            .append(reply.at())
                            .append('\n'));
        }
        return out.toString();
    }

    /** Reads one row of a query on the bot's database. */
    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /**
     * Runs {@code query} on the bot's database, with the string parameters given, and hands each
     * row to {@code reader}; for once the bot stopped.
     */
    private void readRows(String query, RowReader reader, String... parameters) throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db/redraw"));
                var statement = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        }
    }

    private static Path log(int run) {
        return LOGS.resolve("run-" + run + ".log");
    }

    /** Each job's id with "status/outcome/delivery" as the database has it, read once the bot stopped. */
    private Map<Long, String> storedJobs() throws Exception {
        Map<Long, String> jobs = new TreeMap<>();
        readRows(
                "SELECT id, status, outcome_kind, delivery_state FROM jobs",
                rows -> jobs.put(
                        rows.getLong(1), rows.getString(2) + "/" + rows.getString(3) + "/" + rows.getString(4)));
        return jobs;
    }

    /**
     * What users saw, from the fake's records: the job numbers shown, and for each job the messages
     * that carry its result (its interaction's response counts once however often it was edited
     * with the result, plus each channel message with it).
     */
    private record View(
            Set<Long> seen,
            Map<Long, Integer> resultMessages,
            Set<Long> overwritten,
            int repeatedEdits,
            Map<Long, List<String>> tokens) {

        int results(long job) {
            return resultMessages.getOrDefault(job, 0);
        }
    }

    /** Each job's interaction token, from the jobs' recorded requests; read once the bot stopped. */
    private Map<String, Long> requests() throws Exception {
        Map<String, Long> jobs = new LinkedHashMap<>();
        readRows(
                "SELECT id, request_message_id FROM jobs WHERE request_message_id LIKE 'i:%'",
                rows -> {
                    String token = tokenOf.get(Long.parseLong(rows.getString(2).substring(2)));
                    if (token != null) {
                        jobs.put(token, rows.getLong(1));
                    }
                });
        return jobs;
    }

    /**
     * What users saw; {@code jobOfToken} ties interactions to their jobs where the responses do not
     * show the number.
     */
    private View view(Map<String, Long> jobOfToken) {
        Set<Long> seen = new TreeSet<>();
        Map<Long, Integer> results = new LinkedHashMap<>();
        Set<Long> overwritten = new TreeSet<>();
        int repeated = 0;
        Map<Long, List<String>> tokensOf = new TreeMap<>();
        for (String token : tokens) {
            List<Reply> edits = discord.replies(token).stream()
                    .filter(reply -> reply.kind() == ReplyKind.EDIT_ORIGINAL)
                    .toList();
            Long job = jobOfToken.get(token);
            for (Reply edit : edits) {
                Long shown = number(JOB_NUMBER, edit.content());
                if (shown != null) {
                    seen.add(shown);
                    job = shown;
                }
                for (var file : edit.files()) {
                    Long named = number(RESULT_FILE, file.filename());
                    job = named != null ? named : job;
                }
            }
            if (job == null) {
                continue;
            }
            tokensOf.computeIfAbsent(job, j -> new ArrayList<>()).add(token);
            int resultEdits = 0;
            boolean resultShown = false;
            for (Reply edit : edits) {
                boolean status = number(JOB_NUMBER, edit.content()) != null;
                if (!status) {
                    resultEdits++;
                    resultShown = true;
                } else if (resultShown) {
                    overwritten.add(job);
                    resultShown = false;
                }
            }
            if (resultEdits > 0) {
                results.merge(job, 1, Integer::sum);
                repeated += resultEdits - 1;
            }
        }
        for (long channel : new long[] {FakeDiscord.CHANNEL_ID, FakeDiscord.ALICE_DM, FakeDiscord.BOB_DM}) {
            for (JsonNode message : discord.channelMessages(channel)) {
                String nonce = message.path("nonce").asText("");
                Long status = number(STATUS_NONCE, nonce);
                Long shown = number(JOB_NUMBER, message.path("content").asText(""));
                if (status != null || shown != null) {
                    seen.add(status != null ? status : shown);
                    continue;
                }
                Long job = number(RESULT_NONCE, nonce);
                for (JsonNode file : message.path("attachments")) {
                    Long named = number(RESULT_FILE, file.path("filename").asText());
                    job = named != null ? named : job;
                }
                if (job != null) {
                    results.merge(job, 1, Integer::sum);
                }
            }
        }
        return new View(seen, results, overwritten, repeated, tokensOf);
    }

    private static Long number(Pattern pattern, String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : null;
    }
}

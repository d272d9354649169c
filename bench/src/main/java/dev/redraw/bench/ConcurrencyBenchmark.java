package dev.redraw.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.generation.GenerateCommand;
import dev.redraw.core.generation.ProviderRoute;
import dev.redraw.core.history.HistoryLimits;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobEvents;
import dev.redraw.core.job.JobRunner;
import dev.redraw.core.job.QueueState;
import dev.redraw.core.job.RunnerLimits;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.net.NoDelaySockets;
import dev.redraw.core.provider.ProviderKit;
import dev.redraw.core.provider.ProviderSettings;
import dev.redraw.core.provider.ResultDownloader;
import dev.redraw.core.provider.Sleeper;
import dev.redraw.core.provider.contents.ContentsProvider;
import dev.redraw.core.provider.routing.ProviderRouter;
import dev.redraw.core.request.GenerationService;
import dev.redraw.core.request.Submission;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcImageStore;
import dev.redraw.core.storage.JdbcJobStore;
import dev.redraw.core.testing.NoDelayServerSockets;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Many users at once: {@code requests} text-to-image requests from {@code users} users, through the
 * real submission path, job runner, provider and storage, against an upstream that takes {@code
 * upstreamDelay} and answers a 1 MB image. The runner allows one job per user and {@code users} in
 * total, so the requests run in {@code requests / users} waves.
 */
record ConcurrencyBenchmark(int requests, int users, Duration upstreamDelay, Path directory) {

    private static final String MODEL = "gemini-2.5-flash-image";

    record Result(
            int requests,
            int users,
            int waves,
            double idealSeconds,
            double wallSeconds,
            double ratio,
            double peakHeapMb,
            double peakHeapAfterGcMb,
            String heapLimit,
            int lost,
            int postedTwice,
            int imageBytes,
            int mostRunning) {}

    /** The image every answer carries: a PNG of noise, about 1 MB. */
    static byte[] answerImage() {
        return NoiseImages.png(580, 5);
    }

    /** A local upstream that waits {@code delay}, then answers with {@link #answerImage()}. */
    static MockWebServer slowUpstream(Duration delay) throws IOException {
        // Kept as bytes: a body given as a String is encoded to UTF-8 again for every answer, on the
        // cores the bot runs on, which a real upstream's work is not.
        byte[] answer = ("{\"code\":200,\"msg\":\"ok\",\"data\":{\"data\":[{\"url\":\"\",\"b64_json\":\""
                        + Base64.getEncoder().encodeToString(answerImage()) + "\",\"revised_prompt\":\"\"}]}}")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        MockResponseBody body = new MockResponseBody() {
            @Override
            public long getContentLength() {
                return answer.length;
            }

            @Override
            public void writeTo(okio.BufferedSink sink) throws IOException {
                sink.write(answer);
            }
        };
        var upstream = new MockWebServer();
        upstream.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder()
                        .code(200)
                        .setHeader("Content-Type", "application/json")
                        .body(body)
                        .headersDelay(delay.toMillis(), TimeUnit.MILLISECONDS)
                        .build();
            }
        });
        upstream.setServerSocketFactory(NoDelayServerSockets.INSTANCE);
        upstream.start();
        return upstream;
    }

    /** Runs against an upstream of its own, in this JVM. */
    Result run() throws Exception {
        try (var upstream = slowUpstream(upstreamDelay)) {
            return run(upstream.url("/"));
        }
    }

    /** Runs against the upstream at {@code upstreamUrl}. */
    Result run(HttpUrl upstreamUrl) throws Exception {
        BenchSupport.deleteRecursively(directory);
        Files.createDirectories(directory);
        byte[] image = answerImage();
        try (var database = Database.open(new Database.Settings(
                "jdbc:h2:file:" + directory.toAbsolutePath().resolve("jobs"),
                Optional.empty(),
                Optional.empty(),
                16))) {
            var clock = Clock.systemUTC();
            var conversations = new JdbcConversationStore(database.dataSource(), clock);
            var jobs = new JdbcJobStore(database.dataSource(), clock, conversations);
            var http = new OkHttpClient.Builder()
                    .socketFactory(NoDelaySockets.INSTANCE)
                    .build();
            var provider = new ContentsProvider(
                    new ProviderSettings(
                            "gateway",
                            upstreamUrl,
                            "sk-bench",
                            Duration.ofSeconds(60),
                            false,
                            ProviderSettings.Auth.BEARER,
                            new ProviderSettings.Polling(
                                    Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(30))),
                    new ProviderKit(
                            http,
                            new ObjectMapper(),
                            new ResultDownloader(http, 10_000_000, Duration.ofSeconds(30), true),
                            Sleeper.REAL,
                            dev.redraw.core.limits.Bulkheads.forThisMachine()));
            var generation = new GenerationService(
                    conversations,
                    jobs,
                    new JdbcImageStore(database.dataSource(), clock),
                    ModelCatalog.builtIn(),
                    ProviderRouter.direct(List.of(new ProviderRoute(provider, List.of(MODEL)))),
                    new GenerationService.Defaults(MODEL, "1:1", HistoryLimits.DEFAULT_BYTE_BUDGET));
            var posted = new Posted();
            var runner = new JobRunner(
                    jobs,
                    generation::execute,
                    posted,
                    new RunnerLimits(users, users, 1, 1),
                    Executors.newVirtualThreadPerTaskExecutor());
            var heap = new HeapSampler();
            heap.start();
            runner.start();
            long started = System.nanoTime();
            var random = new SplittableRandom(11);
            for (int i = 0; i < requests; i++) {
                var origin = new Origin("bench", "chat" + (i % users), "user" + (i % users));
                var command = new GenerateCommand(
                        origin,
                        OptionalLong.empty(),
                        "a lighthouse at dusk, variation " + random.nextInt(1_000_000),
                        List.of(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty());
                if (generation.submit(command, Optional.of("r" + i)) instanceof Submission.Accepted accepted) {
                    runner.enqueue(accepted.job());
                } else {
                    throw new IllegalStateException("request " + i + " was refused");
                }
            }
            if (!runner.awaitIdle(Duration.ofMinutes(10))) {
                throw new IllegalStateException("the runner did not finish");
            }
            double wall = (System.nanoTime() - started) / 1e9;
            heap.stop();
            runner.halt();
            int waves = (requests + users - 1) / users;
            double ideal = waves * upstreamDelay.toMillis() / 1e3;
            int postedTwice = (int)
                    posted.counts.values().stream().filter(n -> n.get() > 1).count();
            return new Result(
                    requests,
                    users,
                    waves,
                    ideal,
                    wall,
                    wall / ideal,
                    heap.peak.get() / (1024.0 * 1024),
                    heap.peakAfterGc.get() / (1024.0 * 1024),
                    "-Xmx" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m",
                    requests - posted.counts.size(),
                    postedTwice,
                    image.length,
                    posted.mostRunning.get());
        }
    }

    /**
     * Runs the benchmark and prints its result. Arguments: the database directory, optionally the URL
     * of an upstream run elsewhere (otherwise, or when "-", one is started in this JVM), then
     * optionally the number of requests and of users (1,000 and 200).
     */
    public static void main(String[] args) throws Exception {
        var benchmark = new ConcurrencyBenchmark(
                args.length > 2 ? Integer.parseInt(args[2]) : 1_000,
                args.length > 3 ? Integer.parseInt(args[3]) : 200,
                Duration.ofSeconds(2),
                Path.of(args.length > 0 ? args[0] : "target/concurrency-db"));
        var result = args.length > 1 && !args[1].equals("-") ? benchmark.run(HttpUrl.get(args[1])) : benchmark.run();
        System.out.println(RESULT_PREFIX + new ObjectMapper().writeValueAsString(result));
    }

    /** Marks the line of a child JVM's output that holds its result. */
    static final String RESULT_PREFIX = "concurrency-result ";

    /**
     * Runs the benchmark in a JVM of its own whose heap is capped at {@code maxHeap}, e.g. "512m":
     * {@code requests} requests from {@code users} users.
     */
    static Result inOwnJvm(String maxHeap, Path directory, int requests, int users) throws Exception {
        // The fake upstream stays in this JVM, so the child's heap holds the bot's memory only.
        try (var upstream = slowUpstream(Duration.ofSeconds(2))) {
            return inOwnJvm(maxHeap, directory, upstream.url("/"), requests, users);
        }
    }

    private static Result inOwnJvm(String maxHeap, Path directory, HttpUrl upstream, int requests, int users)
            throws Exception {
        var command = BenchSupport.javaCommand(
                List.of("-Xmx" + maxHeap, "-Dlogback.configurationFile=bench-logback.xml"),
                ConcurrencyBenchmark.class,
                List.of(
                        directory.toString(),
                        upstream.toString(),
                        Integer.toString(requests),
                        Integer.toString(users)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (child.waitFor() != 0) {
            throw new IllegalStateException("the concurrency benchmark failed:\n" + output);
        }
        String json = output.lines()
                .filter(line -> line.startsWith(RESULT_PREFIX))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalStateException("no result in:\n" + output))
                .substring(RESULT_PREFIX.length());
        return new ObjectMapper().readValue(json, Result.class);
    }

    /** Counts the results posted per job and the most jobs running at once; a platform would upload here. */
    private static final class Posted implements JobEvents {
        final Map<Long, AtomicInteger> counts = new ConcurrentHashMap<>();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostRunning = new AtomicInteger();

        @Override
        public void started(Job job) {
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        }

        @Override
        public Optional<String> deliver(Job job) {
            running.decrementAndGet();
            counts.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
            return Optional.of("posted-" + job.id());
        }

        @Override
        public DeliveryCheck check(Job job) {
            return Optional.ofNullable(counts.get(job.id()))
                    .<DeliveryCheck>map(count -> new DeliveryCheck.Delivered(Optional.of("posted-" + job.id())))
                    .orElse(DeliveryCheck.NOT_DELIVERED);
        }

        @Override
        public void accepted(Job job, QueueState state) {
            // Queue positions are a platform's message; nothing to count.
        }

        @Override
        public void progress(Job job, int percent) {
            // The contents upstream reports no progress.
        }
    }

    /**
     * The largest used heap seen, sampled every 5 ms, garbage included; and the largest heap left
     * right after a collection, which is what the jobs keep alive.
     */
    private static final class HeapSampler {
        final AtomicLong peak = new AtomicLong();
        final AtomicLong peakAfterGc = new AtomicLong();
        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
                .toList();
        private volatile boolean running = true;
        private Thread thread;

        void start() {
            thread = Thread.ofPlatform().daemon().start(() -> {
                var runtime = Runtime.getRuntime();
                while (running) {
                    peak.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
                    long afterGc = pools.stream()
                            .mapToLong(pool -> pool.getCollectionUsage().getUsed())
                            .sum();
                    peakAfterGc.accumulateAndGet(afterGc, Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}

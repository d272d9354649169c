package dev.redraw.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redraw.app.config.ConfigLoader;
import dev.redraw.app.config.RedrawConfig;
import dev.redraw.bench.BenchSupport;
import dev.redraw.bench.NoiseImages;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.NoDelayServerSockets;
import dev.redraw.telegram.fake.FakeChat;
import dev.redraw.telegram.fake.FakeTelegram;
import dev.redraw.telegram.fake.FakeUser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A quiet user's text prompt while other users' albums keep the bot busy. The quiet user sends one
 * text-to-image prompt at a time (a short random pause between them) and the time from the update
 * being queued on the fake Telegram to the result photo arriving there is taken, first with the bot
 * otherwise idle, then while neighbours keep {@code albumsInFlight} five-photo albums of 5 MB PNGs
 * in flight: a new album arrives as soon as one is answered, and the fake Telegram serves each of
 * their photos at {@code downloadBytesPerSecond}, as a real file server does. The bot runs in a JVM of
 * its own ({@link BotJvm}) with this JVM's heap flags, as a bot has its JVM to itself in production:
 * the garbage of the fake Telegram, the fake upstream (answering at once with a 1 MB PNG) and the
 * users is collected in this JVM, not in the bot's pauses (this JVM's own pauses can still fall
 * inside a sample, since the fakes and the clock live here). Its sends are unpaced as in {@link
 * OverheadBenchmark}.
 */
public record NoisyNeighbourBenchmark(
        int warmup, int samples, int albumsInFlight, int neighbours, long downloadBytesPerSecond, Path directory) {

    private static final String TOKEN = OverheadBenchmark.TOKEN;
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** How often a wait for the bot looks whether its JVM is still there. */
    private static final Duration ALIVE_CHECK = Duration.ofSeconds(1);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Latencies in milliseconds; the noise as albums answered. */
    public record Result(
            int warmup,
            int samples,
            int albumsInFlight,
            int neighbours,
            long downloadBytesPerSecond,
            double idleP50,
            double idleP99,
            double noisyP50,
            double noisyP99,
            double p99Ratio,
            long albumsAnswered,
            double noisySeconds,
            double albumsPerSecond) {}

    public Result run() throws Exception {
        BenchSupport.deleteRecursively(directory);
        Files.createDirectories(directory);
        MockResponse answer = ContentsGateway.image(NoiseImages.png(580, 1));
        List<byte[]> albumImages = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            albumImages.add(NoiseImages.png(1300, 30 + i));
        }
        try (var upstream = new MockWebServer();
                var telegram = new FakeTelegram(TOKEN).start()) {
            upstream.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                    while (upstream.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
                        // Request bodies are not needed.
                    }
                    return answer;
                }
            });
            upstream.setServerSocketFactory(NoDelayServerSockets.INSTANCE);
            // Telegram makes its photo previews on its own servers; the fake would decode and
            // re-encode every photo the bot posts on the bot's two cores, in the middle of the albums.
            telegram.skipPreviews();
            // The albums' 33 MB requests are read and dropped, not kept: the fake's garbage is not the bot's.
            upstream.setBodyLimit(0);
            upstream.start();
            // The neighbours' photos stay on the fake's side for the whole run, so the fake's history
            // can be dropped between samples while albums are being fetched.
            List<Photo> photos = albumImages.stream()
                    .map(bytes -> new Photo(telegram.storeFile(bytes), bytes.length))
                    .toList();
            Set<String> keep = Set.copyOf(photos.stream().map(Photo::fileId).toList());
            try (var bot = BotJvm.start(telegram.apiUrl(), upstream.url("/").toString(), directory)) {
                var quiet = new Quiet(telegram, FakeUser.of(4242, "Quiet"), keep, new SplittableRandom(7), bot::check);
                quiet.measure(warmup, "idle warm-up");
                bot.settle();
                long[] idle = quiet.measure(samples, "idle");
                if (!bot.awaitIdle()) {
                    throw new IllegalStateException("the bot did not finish its jobs");
                }

                telegram.throttleDownloads(downloadBytesPerSecond);
                var noise = new Noise(telegram, photos, quiet.photos);
                noise.start();
                try {
                    noise.awaitAnswered(albumsInFlight, bot::check);
                    quiet.measure(warmup, "noisy warm-up");
                    bot.settle();
                    long answeredBefore = noise.answered();
                    long started = System.nanoTime();
                    long[] noisy = quiet.measure(samples, "noisy");
                    double seconds = (System.nanoTime() - started) / 1e9;
                    long answered = noise.answered() - answeredBefore;
                    noise.stop();
                    if (!bot.awaitIdle()) {
                        throw new IllegalStateException("the bot did not finish the neighbours' jobs");
                    }
                    double idleP99 = BenchSupport.percentile(idle, 0.99) / 1e6;
                    double noisyP99 = BenchSupport.percentile(noisy, 0.99) / 1e6;
                    return new Result(
                            warmup,
                            samples,
                            albumsInFlight,
                            neighbours,
                            downloadBytesPerSecond,
                            BenchSupport.percentile(idle, 0.50) / 1e6,
                            idleP99,
                            BenchSupport.percentile(noisy, 0.50) / 1e6,
                            noisyP99,
                            noisyP99 / idleP99,
                            answered,
                            seconds,
                            answered / seconds);
                } finally {
                    noise.stop();
                }
            }
        }
    }

    /**
     * The bot under test in a JVM of its own, told what to do on its standard input, one command a
     * line. Its standard output is read all the time on a thread of its own, so that it never
     * blocks on a full pipe: lines starting with {@link #ANSWER} answer the commands, anything
     * else is passed on to this JVM's standard error (where the bot's own log goes too).
     */
    static final class BotJvm implements AutoCloseable {

        static final String ANSWER = "noisy-bot ";

        /** The longest an answer may take: "idle" waits up to {@link #WAIT} in the bot's JVM. */
        private static final Duration ANSWER_WAIT = WAIT.plus(WAIT);

        /** Put in the answers' queue when the bot's JVM closed its output. */
        private static final String ENDED = "\0ended";

        private final Process process;
        private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        private final PrintStream commands;

        private BotJvm(Process process) {
            this.process = process;
            this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread.ofPlatform().name("noisy-bot-output").daemon().start(() -> {
                try (var output = process.inputReader(StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = output.readLine()) != null) {
                        if (line.startsWith(ANSWER)) {
                            answers.add(line.substring(ANSWER.length()));
                        } else {
                            System.err.println(line);
                        }
                    }
                } catch (IOException e) {
                    // Ended below.
                } finally {
                    answers.add(ENDED);
                }
            });
        }

        /**
         * Starts the bot against the fakes. Its JVM gets this JVM's heap and VM flags ({@code
         * -Xms2g -Xmx2g -XX:+AlwaysPreTouch} in the full run, see the README's "Memory and latency")
         * and any given in the {@code bench.botJvm} property (space-separated), such as a GC log
         * of its own.
         */
        static BotJvm start(String telegramUrl, String upstreamUrl, Path directory) throws IOException {
            List<String> flags = new ArrayList<>(BenchSupport.vmFlags());
            for (String flag : System.getProperty("bench.botJvm", "").split(" ")) {
                if (!flag.isBlank()) {
                    flags.add(flag);
                }
            }
            var command = BenchSupport.javaCommand(
                    flags,
                    BotJvm.class,
                    List.of(telegramUrl, upstreamUrl, directory.toAbsolutePath().toString()));
            var bot = new BotJvm(new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start());
            try {
                bot.expect("ready");
            } catch (IOException | RuntimeException e) {
                bot.kill();
                throw e;
            }
            return bot;
        }

        /**
         * A full collection in both JVMs before a measured phase. A bot that has run for hours keeps
         * its long-lived objects (start-up structures, caches) in the old generation; this one is a
         * minute old and has collected too seldom for them to get there, so every young pause would
         * copy them again, some 20 MB at each (about 15 ms on the benchmark machine), which no
         * long-running bot pays. The fakes and the clock that times the samples live in this JVM,
         * whose pauses can fall inside a sample too: it is settled as well, so that both phases start
         * from the same settled heaps.
         */
        void settle() throws IOException {
            ask("settle", "settled");
            System.gc();
        }

        /** Throws when the bot's JVM has ended: a benchmark waiting on it would wait in vain. */
        void check() {
            if (!process.isAlive()) {
                throw new IllegalStateException("the bot's JVM ended with exit code " + process.exitValue());
            }
        }

        /** Whether the bot finished every job it had within {@link #WAIT}. */
        boolean awaitIdle() throws IOException {
            commands.println("idle");
            String answer = answer();
            return switch (answer) {
                case "idle" -> true;
                case "busy" -> false;
                default -> throw new IllegalStateException("the bot's JVM answered " + answer + " to idle");
            };
        }

        @Override
        public void close() throws IOException, InterruptedException {
            try {
                ask("stop", "stopped");
            } finally {
                commands.close();
                if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    kill();
                }
            }
        }

        private void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void ask(String command, String answer) throws IOException {
            commands.println(command);
            expect(answer);
        }

        private void expect(String wanted) throws IOException {
            String got = answer();
            if (!got.equals(wanted)) {
                throw new IllegalStateException("the bot's JVM answered " + got + ", not " + wanted);
            }
        }

        private String answer() throws IOException {
            String answer;
            try {
                answer = answers.poll(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the bot's JVM", e);
            }
            if (answer == null) {
                throw new IOException("the bot's JVM did not answer within " + ANSWER_WAIT);
            }
            if (answer.equals(ENDED)) {
                answers.add(ENDED);
                throw new IOException("the bot's JVM ended");
            }
            return answer;
        }

        /**
         * The bot's JVM. Arguments: the fake Telegram's API URL, the upstream's URL, the folder. It
         * stops when told to, or when its standard input ends (the benchmark's JVM is gone).
         */
        public static void main(String[] args) throws Exception {
            Carriers.configure();
            RedrawConfig config = new ConfigLoader(Map.of("BENCH_TELEGRAM_TOKEN", TOKEN, "BENCH_API_KEY", "sk-bench"))
                    .load(configYaml(args[0], args[1], Path.of(args[2])), "noisy.yml");
            var commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            try (var app = Application.start(config);
                    var bot = OverheadBenchmark.telegramBot(config, app)) {
                app.runner().start();
                bot.start();
                say("ready");
                String command;
                while ((command = commands.readLine()) != null && !command.equals("stop")) {
                    switch (command) {
                        case "settle" -> {
                            System.gc();
                            say("settled");
                        }
                        case "idle" -> say(app.runner().awaitIdle(WAIT) ? "idle" : "busy");
                        default -> say("unknown command " + command);
                    }
                }
            }
            say("stopped");
            // Whatever threads a library left behind, the JVM ends here.
            System.exit(0);
        }

        private static void say(String answer) {
            System.out.println(ANSWER + answer);
            System.out.flush();
        }
    }

    private record Photo(String fileId, int size) {}

    /** The quiet user: one text prompt at a time, each timed until its photo arrives. */
    private static final class Quiet {
        private final FakeTelegram telegram;
        private final FakeUser user;
        private final Set<String> keep;
        private final SplittableRandom random;
        private final Runnable alive;
        /** Photos the bot posted to the quiet user, so the noise can tell its own answers apart. */
        final AtomicLong photos = new AtomicLong();

        private int round;

        /** @param alive throws when the bot is gone, so that a wait for its answer ends at once */
        Quiet(FakeTelegram telegram, FakeUser user, Set<String> keep, SplittableRandom random, Runnable alive) {
            this.telegram = telegram;
            this.user = user;
            this.keep = keep;
            this.random = random;
            this.alive = alive;
        }

        /** Nanoseconds from each prompt being queued to its photo arriving, sorted. */
        long[] measure(int count, String phase) throws InterruptedException {
            long[] took = new long[count];
            for (int i = 0; i < count; i++) {
                int take = round++;
                long asked = telegram.from(user)
                        .text("a lighthouse at dusk, " + phase + " take " + take)
                        .messageId();
                long started = System.nanoTime();
                awaitPhoto(asked);
                took[i] = System.nanoTime() - started;
                photos.incrementAndGet();
                // What the fake kept of this prompt (and of the neighbours' answers) is not needed again.
                telegram.discardHistory(keep::contains);
                Thread.sleep(50 + random.nextInt(200));
            }
            Arrays.sort(took);
            return took;
        }

        /**
         * Waits for the photo answering {@code asked}, looking every second whether the bot is still
         * there (the fake's wait ends the moment the photo arrives; a slice that passes without it
         * ends in an assertion error, which only the last slice lets through).
         */
        private void awaitPhoto(long asked) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                alive.run();
                try {
                    telegram.awaitSent(
                            user.id(), m -> m.photo() && m.replyTo() != null && m.replyTo() == asked, ALIVE_CHECK);
                    return;
                } catch (AssertionError notYet) {
                    if (System.nanoTime() - deadline > 0) {
                        throw notYet;
                    }
                }
            }
        }
    }

    /**
     * The neighbours: albums sent from one neighbour after the other, keeping {@code albumsInFlight}
     * unanswered. An album is answered when its photo is posted; the quiet user's photos are told
     * apart by count.
     */
    private final class Noise {
        private final FakeTelegram telegram;
        private final List<Photo> photos;
        private final AtomicLong quietPhotos;
        private final long photosBefore;
        private final long quietBefore;
        private final List<FakeUser> users = new ArrayList<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean running = true;
        private Thread thread;
        private long sent;

        Noise(FakeTelegram telegram, List<Photo> photos, AtomicLong quietPhotos) {
            this.telegram = telegram;
            this.photos = photos;
            this.quietPhotos = quietPhotos;
            this.photosBefore = resultPhotos(telegram);
            this.quietBefore = quietPhotos.get();
            for (int i = 0; i < neighbours; i++) {
                var user = FakeUser.of(50_000 + i, "Neighbour " + i);
                telegram.knowChat(FakeChat.privateWith(user));
                users.add(user);
            }
        }

        long answered() {
            return resultPhotos(telegram) - photosBefore - (quietPhotos.get() - quietBefore);
        }

        void start() {
            thread = Thread.ofPlatform().name("noisy-neighbours").daemon().start(() -> {
                long lastAnswered = 0;
                long lastProgress = System.nanoTime();
                try {
                    while (running) {
                        long answered = answered();
                        if (answered != lastAnswered) {
                            lastAnswered = answered;
                            lastProgress = System.nanoTime();
                        } else if (System.nanoTime() - lastProgress > WAIT.toNanos()) {
                            throw new IllegalStateException("no album was answered for " + WAIT);
                        }
                        while (sent - answered < albumsInFlight) {
                            album(users.get((int) (sent % users.size())), sent);
                            sent++;
                        }
                        Thread.sleep(2);
                    }
                } catch (InterruptedException e) {
                    // Stopped.
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
        }

        void awaitAnswered(long albums, Runnable alive) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (answered() < albums) {
                check();
                alive.run();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the neighbours' albums were not answered");
                }
                Thread.sleep(10);
            }
        }

        void stop() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join();
            }
            check();
        }

        private void check() {
            Throwable e = failure.get();
            if (e != null) {
                throw new IllegalStateException("the neighbours failed", e);
            }
        }

        /** Five photo updates of one album, queued so that one poll brings them all, as Telegram does. */
        private void album(FakeUser user, long number) {
            ObjectNode from = MAPPER.createObjectNode()
                    .put("id", user.id())
                    .put("is_bot", false)
                    .put("first_name", user.firstName());
            ObjectNode chat = MAPPER.createObjectNode()
                    .put("id", user.id())
                    .put("type", "private")
                    .put("first_name", user.firstName());
            telegram.pauseUpdates();
            try {
                for (int i = 0; i < photos.size(); i++) {
                    Photo photo = photos.get(i);
                    ObjectNode message = MAPPER.createObjectNode()
                            .put("message_id", 1_000_000 + number * 10 + i)
                            .put("date", Instant.now().getEpochSecond())
                            .put("media_group_id", "noise-" + number);
                    message.set("from", from);
                    message.set("chat", chat);
                    message.putArray("photo")
                            .addObject()
                            .put("file_id", photo.fileId())
                            .put("file_unique_id", "u-" + photo.fileId())
                            .put("width", 1300)
                            .put("height", 1300)
                            .put("file_size", photo.size());
                    if (i == 0) {
                        message.put("caption", "blend them, take " + number);
                    }
                    ObjectNode update = MAPPER.createObjectNode();
                    update.set("message", message);
                    telegram.enqueueRaw(update.toString());
                }
            } finally {
                telegram.resumeUpdates();
            }
        }
    }

    private static String configYaml(String telegramUrl, String upstreamUrl, Path directory) {
        return """
                telegram:
                  enabled: true
                  token: ${BENCH_TELEGRAM_TOKEN}
                  api-url: %s
                """.formatted(telegramUrl)
                + BenchSupport.upstreamYaml(
                        upstreamUrl,
                        "jdbc:h2:file:" + directory.toAbsolutePath().resolve("redraw"));
    }

    /**
     * Runs this benchmark alone and prints its figures. Arguments: samples per phase (default 50),
     * warm-up prompts before each phase (default 30).
     */
    public static void main(String[] args) throws Exception {
        Carriers.configure();
        var result = new NoisyNeighbourBenchmark(
                        Integer.parseInt(args.length > 1 ? args[1] : "30"),
                        Integer.parseInt(args.length > 0 ? args[0] : "50"),
                        3,
                        4,
                        2_000_000,
                        Path.of("target/noisy-db"))
                .run();
        System.out.printf(
                Locale.ROOT,
                "idle p50 %.1f p99 %.1f | noisy p50 %.1f p99 %.1f | p99 ratio %.2f | %d albums in %.1f s%n",
                result.idleP50(),
                result.idleP99(),
                result.noisyP50(),
                result.noisyP99(),
                result.p99Ratio(),
                result.albumsAnswered(),
                result.noisySeconds());
    }

    /** Result photos posted so far: sent anew, or made of their status messages. */
    static long resultPhotos(FakeTelegram telegram) {
        return telegram.callCount("sendPhoto") + telegram.callCount("editMessageMedia");
    }
}

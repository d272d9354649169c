package dev.redraw.bench;

import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.NoDelayServerSockets;
import dev.redraw.discord.fake.FakeDiscord;
import dev.redraw.telegram.fake.FakeTelegram;
import dev.redraw.telegram.fake.FakeUser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * The bot as users run it: the built jar in its own JVM, both platforms enabled against fakes on
 * 127.0.0.1 and a fake upstream that answers at once with a 1 MB image. Measures the time from
 * launching the process to its "ready" line, then runs {@code jobs} text-to-image requests through
 * Telegram and reads the process's resident memory right after them and after {@code idle}.
 */
record FootprintBenchmark(Path jar, List<String> jvmFlags, int jobs, int users, Duration idle, Path directory) {

    private static final String TELEGRAM_TOKEN = "123456:footprint-token";
    private static final String DISCORD_TOKEN = "footprint.discord.token";
    private static final Pattern READY = Pattern.compile("Redraw is ready \\(.*\\) (\\d+) ms after the JVM started");

    record Result(
            String flags,
            double readyMillis,
            double reportedReadyMillis,
            int jobs,
            double jobSeconds,
            double rssAfterJobsMb,
            double rssIdleMb,
            long idleSeconds,
            double peakRssMb) {}

    Result run() throws Exception {
        BenchSupport.deleteRecursively(directory);
        Files.createDirectories(directory);
        MockResponse answer = ContentsGateway.image(NoiseImages.png(580, 3));
        try (var upstream = new MockWebServer();
                var telegram = new FakeTelegram(TELEGRAM_TOKEN).start();
                var discord = new FakeDiscord(DISCORD_TOKEN).start()) {
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
            upstream.start();
            Path config = directory.resolve("redraw.yml");
            Files.writeString(
                    config, configYaml(telegram.apiUrl(), discord.restUrl(), discord.gatewayUrl(), upstream.url("/")));
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(jvmFlags);
            command.addAll(List.of(
                    "-jar",
                    jar.toAbsolutePath().toString(),
                    "--config",
                    config.toAbsolutePath().toString()));
            var builder =
                    new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
            builder.environment().put("TELEGRAM_BOT_TOKEN", TELEGRAM_TOKEN);
            builder.environment().put("DISCORD_TOKEN", DISCORD_TOKEN);
            builder.environment().put("BENCH_API_KEY", "sk-footprint");
            long launched = System.nanoTime();
            Process bot = builder.start();
            var output = new Output(bot, launched);
            try {
                if (!output.ready.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the bot did not get ready within 60 s:\n" + output.tail());
                }
                double readyMillis = (output.readyAt.get() - launched) / 1e6;
                discord.awaitReady(Duration.ofSeconds(10));

                long started = System.nanoTime();
                for (int i = 0; i < jobs; i++) {
                    var user = FakeUser.of(10_000 + i % users, "User " + i % users);
                    telegram.from(user).text("a lighthouse at dusk, take " + i);
                }
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                while ((telegram.callCount("sendPhoto") + telegram.callCount("editMessageMedia")) < jobs) {
                    if (System.nanoTime() > deadline || !bot.isAlive()) {
                        throw new IllegalStateException(
                                (telegram.callCount("sendPhoto") + telegram.callCount("editMessageMedia")) + " of "
                                        + jobs + " photos arrived:\n" + output.tail());
                    }
                    Thread.sleep(200);
                    // Results carry nothing the bot will download again: let the fake forget them.
                    telegram.discardHistory();
                }
                double jobSeconds = (System.nanoTime() - started) / 1e9;
                double afterJobs = memory(bot.pid(), "VmRSS");
                Thread.sleep(idle.toMillis());
                double idleRss = memory(bot.pid(), "VmRSS");
                double peak = memory(bot.pid(), "VmHWM");
                return new Result(
                        String.join(" ", jvmFlags),
                        readyMillis,
                        output.reportedMillis.get(),
                        jobs,
                        jobSeconds,
                        afterJobs,
                        idleRss,
                        idle.toSeconds(),
                        peak);
            } finally {
                bot.destroy();
                if (!bot.waitFor(30, TimeUnit.SECONDS)) {
                    bot.destroyForcibly();
                }
            }
        }
    }

    /** A {@code /proc/PID/status} memory field in MB. */
    private static double memory(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IOException(field + " missing from /proc/" + pid + "/status");
    }

    private static String configYaml(String telegramUrl, String discordRest, String discordGateway, Object upstream) {
        return """
                telegram:
                  enabled: true
                  token: ${TELEGRAM_BOT_TOKEN}
                  api-url: %s
                discord:
                  enabled: true
                  token: ${DISCORD_TOKEN}
                  rest-url: %s
                  gateway-url: %s
                """.formatted(telegramUrl, discordRest, discordGateway)
                + BenchSupport.upstreamYaml(upstream.toString(), "jdbc:h2:file:./data/redraw");
    }

    /** Reads the bot's log, noting when the ready line appears and keeping the last lines for errors. */
    private static final class Output {
        final CountDownLatch ready = new CountDownLatch(1);
        final AtomicLong readyAt = new AtomicLong();
        final AtomicLong reportedMillis = new AtomicLong();
        private final Deque<String> last = new ArrayDeque<>();

        Output(Process process, long launched) {
            Thread.ofPlatform().daemon().start(() -> {
                try (var reader =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        Matcher matcher = READY.matcher(line);
                        if (matcher.find() && ready.getCount() > 0) {
                            readyAt.set(System.nanoTime());
                            reportedMillis.set(Long.parseLong(matcher.group(1)));
                            ready.countDown();
                        }
                        synchronized (last) {
                            last.addLast(line);
                            if (last.size() > 40) {
                                last.removeFirst();
                            }
                        }
                    }
                } catch (IOException e) {
                    // The process ended.
                }
            });
        }

        String tail() {
            synchronized (last) {
                return String.join("\n", last);
            }
        }
    }

    /** Runs this benchmark alone with the given JVM flags and prints its figures. */
    public static void main(String[] args) throws Exception {
        var result = new FootprintBenchmark(
                        Path.of("../bot-app/target/redraw.jar"),
                        List.of(args).subList(1, args.length),
                        Integer.parseInt(args[0]),
                        Integer.parseInt(args[0]),
                        Duration.ofSeconds(30),
                        Path.of("target/footprint"))
                .run();
        System.out.println(result);
    }
}

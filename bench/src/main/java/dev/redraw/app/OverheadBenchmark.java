package dev.redraw.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.app.config.ConfigLoader;
import dev.redraw.app.config.RedrawConfig;
import dev.redraw.bench.BenchSupport;
import dev.redraw.bench.NoiseImages;
import dev.redraw.core.net.NoDelaySockets;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.NoDelayServerSockets;
import dev.redraw.telegram.BenchTelegramBots;
import dev.redraw.telegram.TelegramBot;
import dev.redraw.telegram.fake.FakeTelegram;
import dev.redraw.telegram.fake.FakeTelegram.SentMessage;
import dev.redraw.telegram.fake.FakeUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * What the bot adds to the model's own time. Each scenario runs the same work twice per round,
 * interleaved: through the bot as production wires it (an update on a fake Telegram, the real
 * TelegramBots library, the core, an H2 file database, a fake upstream that answers at once, the photo
 * arriving back at the fake Telegram) and directly (this class sends the same upstream request, decodes
 * the answer and uploads the photo to the same fake Telegram).
 */
public record OverheadBenchmark(int warmup, int rounds, Path directory) {

    static final String TOKEN = "123456:bench-token";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final MediaType PNG = MediaType.get("image/png");

    /** Bot and direct latencies of one scenario, in milliseconds. */
    public record Scenario(String name, int rounds, double botP50, double botP99, double directP50, double directP99) {

        public double p50Ratio() {
            return botP50 / directP50;
        }

        public double p99Ratio() {
            return botP99 / directP99;
        }
    }

    /** One kind of request: what the user does, and how to recognise the bot's answer to it. */
    private interface Work {
        /** Queues the user's update(s); returns the message the bot's photo will reply to. */
        FakeTelegram.Incoming send(int round);
    }

    public List<Scenario> run() throws Exception {
        BenchSupport.deleteRecursively(directory);
        Files.createDirectories(directory);
        byte[] result = NoiseImages.png(580, 1);
        byte[] editInput = NoiseImages.png(1300, 2);
        List<byte[]> fusionInputs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fusionInputs.add(NoiseImages.png(1300, 10 + i));
        }
        var lastCall = new AtomicReference<UpstreamCall>();
        MockResponse answer = ContentsGateway.image(result);
        try (var upstream = new MockWebServer();
                var telegram = new FakeTelegram(TOKEN).start()) {
            upstream.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                    lastCall.set(new UpstreamCall(
                            request.getUrl(),
                            Objects.requireNonNull(request.getBody()).toByteArray()));
                    while (upstream.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
                        // The server's own copy of every request body is not needed.
                    }
                    return answer;
                }
            });
            upstream.setServerSocketFactory(NoDelayServerSockets.INSTANCE);
            upstream.start();
            RedrawConfig config = new ConfigLoader(Map.of("BENCH_TELEGRAM_TOKEN", TOKEN, "BENCH_API_KEY", "sk-bench"))
                    .load(configYaml(telegram.apiUrl(), upstream.url("/").toString()), "overhead.yml");
            try (var app = Application.start(config);
                    var bot = telegramBot(config, app)) {
                app.runner().start();
                bot.start();
                var user = FakeUser.of(4242, "Bench");
                var direct = new Direct(
                        new OkHttpClient.Builder()
                                .socketFactory(NoDelaySockets.INSTANCE)
                                .build(),
                        telegram,
                        user.id());
                var run = new Run(app, telegram, user, direct, lastCall, warmup);
                List<Scenario> scenarios = new ArrayList<>();
                scenarios.add(run.measure(
                        "text-to-image, 1 MB result",
                        round -> telegram.from(user).text("a lighthouse at dusk, take " + round),
                        List.of(),
                        rounds));
                scenarios.add(run.measure(
                        "edit of one 5 MB photo",
                        round -> telegram.from(user).photo(editInput, "make it night, take " + round),
                        List.of(editInput),
                        rounds));
                scenarios.add(run.measure(
                        "fusion of five 5 MB photos",
                        round -> telegram.from(user)
                                .album(fusionInputs, "blend them, take " + round)
                                .getFirst(),
                        fusionInputs,
                        Math.max(10, rounds / 2)));
                long deepest = tenTurns(app, telegram, user);
                // The history's images are the bot's own answers, which it keeps (as a direct client would).
                scenarios.add(run.measure(
                        "continuation ten turns deep",
                        round -> telegram.from(user).replyTo(deepest).text("warmer light, take " + round),
                        List.of(),
                        rounds));
                return scenarios;
            }
        }
    }

    /** What every scenario runs against: the bot, the fake Telegram, one user and the direct path. */
    private record Run(
            Application app,
            FakeTelegram telegram,
            FakeUser user,
            Direct direct,
            AtomicReference<UpstreamCall> lastCall,
            int warmup) {

        /**
         * @param inputs the photos the user sends, which the direct path fetches from Telegram as the
         *     bot does before it can send them upstream
         */
        Scenario measure(String name, Work work, List<byte[]> inputs, int measuredRounds) throws Exception {
            // The first pass through the bot also records the upstream call the direct path repeats.
            viaBot(work, -1);
            DirectCall call = DirectCall.of(lastCall.get(), inputs);
            long[] bot = new long[measuredRounds];
            long[] straight = new long[measuredRounds];
            for (int round = -warmup; round < measuredRounds; round++) {
                long viaBot;
                long viaDirect;
                if ((round & 1) == 0) {
                    viaBot = viaBot(work, round);
                    viaDirect = direct.run(call, inputs, round);
                } else {
                    viaDirect = direct.run(call, inputs, round);
                    viaBot = viaBot(work, round);
                }
                if (round >= 0) {
                    bot[round] = viaBot;
                    straight[round] = viaDirect;
                }
            }
            Arrays.sort(bot);
            Arrays.sort(straight);
            return new Scenario(
                    name,
                    measuredRounds,
                    BenchSupport.percentile(bot, 0.50) / 1e6,
                    BenchSupport.percentile(bot, 0.99) / 1e6,
                    BenchSupport.percentile(straight, 0.50) / 1e6,
                    BenchSupport.percentile(straight, 0.99) / 1e6);
        }

        /** Nanoseconds from the update being queued to the bot's photo arriving; then waits until the bot is idle. */
        private long viaBot(Work work, int round) throws InterruptedException {
            long asked = work.send(round).messageId();
            long started = System.nanoTime();
            telegram.awaitSent(user.id(), photoReplyingTo(asked), WAIT);
            long took = System.nanoTime() - started;
            settle(app, telegram);
            return took;
        }
    }

    /** Builds a conversation ten turns deep through the bot; returns the deepest photo's message id. */
    private static long tenTurns(Application app, FakeTelegram telegram, FakeUser user) throws InterruptedException {
        long asked = telegram.from(user).text("a harbour at dawn").messageId();
        SentMessage photo = telegram.awaitSent(user.id(), photoReplyingTo(asked), WAIT);
        for (int turn = 2; turn <= 10; turn++) {
            settle(app, telegram);
            asked = telegram.from(user)
                    .replyTo(photo.messageId())
                    .text("turn " + turn + ": one more boat")
                    .messageId();
            photo = telegram.awaitSent(user.id(), photoReplyingTo(asked), WAIT);
        }
        settle(app, telegram);
        return photo.messageId();
    }

    private static java.util.function.Predicate<SentMessage> photoReplyingTo(long messageId) {
        return m -> m.photo() && m.replyTo() != null && m.replyTo() == messageId;
    }

    /** Waits for the job to finish (status clean-up included) and drops what the fake kept of it. */
    private static void settle(Application app, FakeTelegram telegram) throws InterruptedException {
        if (!app.runner().awaitIdle(WAIT)) {
            throw new IllegalStateException("the bot did not finish its job");
        }
        telegram.discardHistory();
    }

    private record UpstreamCall(HttpUrl url, byte[] body) {}

    /**
     * The bot's upstream request as a template: the body's text around each input photo's base64,
     * which the direct path fills in from the photos it fetched.
     */
    private record DirectCall(HttpUrl url, List<byte[]> literals) {

        static DirectCall of(UpstreamCall call, List<byte[]> inputs) {
            byte[] body = call.body();
            List<byte[]> literals = new ArrayList<>();
            int from = 0;
            for (byte[] input : inputs) {
                byte[] b64 = Base64.getEncoder().encode(input);
                int at = indexOf(body, b64, from);
                if (at < 0) {
                    throw new IllegalStateException("the bot's request does not carry an input photo as sent");
                }
                literals.add(Arrays.copyOfRange(body, from, at));
                from = at + b64.length;
            }
            literals.add(Arrays.copyOfRange(body, from, body.length));
            return new DirectCall(call.url(), literals);
        }

        /** The request body with these images' base64 between the literals. */
        byte[] body(List<byte[]> images) {
            int size = 0;
            for (byte[] literal : literals) {
                size += literal.length;
            }
            for (byte[] image : images) {
                size += (image.length + 2) / 3 * 4;
            }
            byte[] body = new byte[size];
            int at = 0;
            for (int i = 0; i < literals.size(); i++) {
                byte[] literal = literals.get(i);
                System.arraycopy(literal, 0, body, at, literal.length);
                at += literal.length;
                if (i < images.size()) {
                    byte[] b64 = Base64.getEncoder().encode(images.get(i));
                    System.arraycopy(b64, 0, body, at, b64.length);
                    at += b64.length;
                }
            }
            return body;
        }

        private static int indexOf(byte[] haystack, byte[] needle, int from) {
            outer:
            for (int i = from; i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    /**
     * The same work without the bot: fetching the user's photos from Telegram ({@code getFile}, then
     * the download, side by side as the bot does), one upstream call with them, decoding its image,
     * one upload.
     */
    private record Direct(OkHttpClient http, FakeTelegram telegram, long chatId) {

        private static final ObjectMapper MAPPER = new ObjectMapper();

        long run(DirectCall call, List<byte[]> inputs, int round) throws Exception {
            // The user's photos, on Telegram's side before the clock starts.
            List<String> fileIds = inputs.stream().map(telegram::storeFile).toList();
            long started = System.nanoTime();
            List<byte[]> images = fetch(fileIds);
            byte[] image;
            try (var response = http.newCall(new Request.Builder()
                                    .url(call.url())
                                    .header("Authorization", "Bearer sk-bench")
                                    .post(RequestBody.create(call.body(images), JSON))
                                    .build())
                            .execute();
                    var in = response.body().byteStream()) {
                String b64 = MAPPER.readTree(in).at("/data/data/0/b64_json").asText();
                image = Base64.getDecoder().decode(b64);
            }
            var upload = new MultipartBody.Builder()
                    .setType(MultipartBody.FORM)
                    .addFormDataPart("chat_id", Long.toString(chatId))
                    .addFormDataPart("caption", "direct, take " + round)
                    .addFormDataPart("photo", "image.png", RequestBody.create(image, PNG))
                    .build();
            try (var response = http.newCall(new Request.Builder()
                            .url(telegram.apiUrl() + "/bot" + TOKEN + "/sendPhoto")
                            .post(upload)
                            .build())
                    .execute()) {
                if (!response.isSuccessful()) {
                    throw new IOException("sendPhoto failed: " + response.code());
                }
                response.body().bytes();
            }
            long took = System.nanoTime() - started;
            telegram.discardHistory();
            return took;
        }

        private List<byte[]> fetch(List<String> fileIds) throws Exception {
            if (fileIds.size() == 1) {
                return List.of(download(fileIds.getFirst()));
            }
            try (var scope = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<byte[]>> downloads = new ArrayList<>();
                for (String fileId : fileIds) {
                    downloads.add(scope.submit(() -> download(fileId)));
                }
                List<byte[]> images = new ArrayList<>();
                for (var download : downloads) {
                    images.add(download.get());
                }
                return images;
            }
        }

        private byte[] download(String fileId) throws IOException {
            String path;
            try (var response = http.newCall(new Request.Builder()
                            .url(telegram.apiUrl() + "/bot" + TOKEN + "/getFile")
                            .post(RequestBody.create(
                                    MAPPER.createObjectNode()
                                            .put("file_id", fileId)
                                            .toString(),
                                    JSON))
                            .build())
                    .execute()) {
                if (!response.isSuccessful()) {
                    throw new IOException("getFile failed: " + response.code());
                }
                path = MAPPER.readTree(response.body().byteStream())
                        .at("/result/file_path")
                        .asText();
            }
            try (var response = http.newCall(
                            new Request.Builder().url(telegram.fileUrl(path)).build())
                    .execute()) {
                if (!response.isSuccessful()) {
                    throw new IOException("file download failed: " + response.code());
                }
                return response.body().bytes();
            }
        }
    }

    /**
     * The Telegram bot as production wires it ({@link Platforms#telegram}) except that its sends do not
     * wait for their flood-limit slots, which against the benchmark's instant upstream would hold every
     * photo behind its own job's status messages (see {@link BenchTelegramBots}).
     */
    static TelegramBot telegramBot(RedrawConfig config, Application app) {
        var bot = BenchTelegramBots.unpaced(
                Platforms.telegramSettings(config),
                app.http(),
                Platforms.services(
                        app,
                        generation -> new dev.redraw.core.admin.ConfigReloader.Refused("the benchmark reads no file")));
        bot.register(app.events());
        return bot;
    }

    private String configYaml(String telegramUrl, String upstreamUrl) {
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

    /** Runs this benchmark alone and prints its figures. */
    public static void main(String[] args) throws Exception {
        Carriers.configure();
        var scenarios = new OverheadBenchmark(
                        30, Integer.parseInt(args.length > 0 ? args[0] : "30"), Path.of("target/overhead-db"))
                .run();
        scenarios.forEach(s -> System.out.printf(
                java.util.Locale.ROOT,
                "%-32s bot p50 %8.2f p99 %8.2f | direct p50 %8.2f p99 %8.2f | ratio p50 %.2f p99 %.2f%n",
                s.name(),
                s.botP50(),
                s.botP99(),
                s.directP50(),
                s.directP99(),
                s.p50Ratio(),
                s.p99Ratio()));
    }
}

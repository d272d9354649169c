package dev.redraw.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.redraw.core.job.RunnerLimits;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.OnEachDatabase;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.testing.CoreHarness;
import dev.redraw.core.testing.HoldingGateway;
import dev.redraw.core.testing.TestImages;
import dev.redraw.telegram.fake.FakeTelegram;
import dev.redraw.telegram.fake.FakeTelegram.Kind;
import dev.redraw.telegram.fake.FakeTelegram.SentMessage;
import dev.redraw.telegram.fake.FakeUser;
import java.awt.Color;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook mode with two instances of the bot over one database, behind one webhook that a load
 * balancer splits between them: the fake Telegram posts each update to the next instance in turn.
 */
class TelegramWebhookTest extends OnEachDatabase {

    private static final String SECRET = "hook-Secret_42";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final byte[] RED = TestImages.png(64, 64, Color.RED);
    private static final byte[] GREEN = TestImages.png(64, 64, Color.GREEN);

    @StartStop
    final MockWebServer gateway = new MockWebServer();

    private final HoldingGateway upstream = new HoldingGateway(RED);
    private final FakeTelegram telegram = new FakeTelegram(TelegramHarness.TOKEN).start();
    private final Database database;
    private final List<Instance> instances = new ArrayList<>();

    TelegramWebhookTest(TestDatabase.Engine engine) {
        super(engine);
        database = engine.open();
    }

    /** One instance: its core, its bot in webhook mode, and the HTTP server its webhook is served on. */
    private final class Instance implements AutoCloseable {
        final CoreHarness core;
        final TelegramBot bot;
        final HttpServer server;
        final OkHttpClient http = new OkHttpClient();

        Instance(String name, RunnerLimits limits) throws Exception {
            core = CoreHarness.instance(database, gateway, name, limits);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            bot = new TelegramBot(
                    new TelegramSettings(
                            TelegramHarness.TOKEN,
                            HttpUrl.get(telegram.apiUrl()),
                            Duration.ofMillis(700),
                            Duration.ZERO,
                            Optional.of(new TelegramSettings.Webhook(url, SECRET, name + "/1", Duration.ofSeconds(3)))),
                    http,
                    core.services,
                    core.sleeper);
            TelegramWebhook webhook = bot.webhook().orElseThrow();
            server.createContext("/hook", exchange -> {
                try (exchange) {
                    var answer = webhook.receive(
                            exchange.getRequestMethod(),
                            Optional.ofNullable(exchange.getRequestHeaders().getFirst(TelegramWebhook.SECRET_HEADER)),
                            () -> {
                                try {
                                    return exchange.getRequestBody().readAllBytes();
                                } catch (java.io.IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            });
                    byte[] text = answer.text().getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(answer.status(), text.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(text);
                    }
                }
            });
            server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            bot.register(core.events);
            core.startRunner();
            bot.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() throws Exception {
            server.stop(0);
            bot.close();
            core.close();
            http.dispatcher().executorService().shutdown();
        }
    }

    private List<String> startInstances(int count) throws Exception {
        return startInstances(count, RunnerLimits.DEFAULTS);
    }

    private List<String> startInstances(int count, RunnerLimits limits) throws Exception {
        gateway.setDispatcher(upstream);
        for (int i = 0; i < count; i++) {
            instances.add(new Instance("instance-" + i, limits));
        }
        List<String> urls = instances.stream().map(Instance::url).toList();
        telegram.pushTo(urls, SECRET);
        return urls;
    }

    @AfterEach
    void stop() throws Exception {
        upstream.release();
        for (Instance instance : instances) {
            instance.close();
        }
        telegram.close();
        database.close();
    }

    @Test
    void theWebhookIsRegisteredWithItsSecretAndEveryPromptSplitAcrossInstancesIsAnsweredOnceInOrder() throws Exception {
        List<String> urls = startInstances(2);
        assertThat(telegram.calls("setWebhook"))
                .extracting(call -> call.param("secret_token"))
                .containsOnly(SECRET);
        assertThat(telegram.calls("setWebhook"))
                .extracting(call -> call.param("url"))
                .containsExactlyInAnyOrderElementsOf(urls);
        assertThat(telegram.calls("getUpdates")).isEmpty();

        List<FakeUser> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            users.add(FakeUser.of(500 + i, "User" + i));
        }
        for (int round = 0; round < 3; round++) {
            for (FakeUser user : users) {
                telegram.from(user).text("/usage");
            }
        }

        for (FakeUser user : users) {
            await().atMost(WAIT).until(() -> telegram.sent(user.id()).size() >= 3);
        }
        // Both instances took updates, and each /usage was answered exactly once, in the chat's order.
        Map<String, Long> byInstance = telegram.webhookAnswers().stream()
                .filter(answer -> answer.status() == 200)
                .collect(Collectors.groupingBy(FakeTelegram.WebhookAnswer::url, Collectors.counting()));
        assertThat(byInstance).containsOnlyKeys(urls);
        for (FakeUser user : users) {
            List<SentMessage> sent = telegram.sent(user.id());
            assertThat(sent).hasSize(3);
            List<Long> repliedTo = sent.stream().map(SentMessage::replyTo).toList();
            assertThat(repliedTo).doesNotContainNull().isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void anUpdateDeliveredTwiceToDifferentInstancesIsHandledOnce() throws Exception {
        startInstances(2);
        FakeUser alice = FakeUser.of(42, "Alice");
        telegram.pauseUpdates();
        var first = telegram.from(alice).text("a fox in the snow");
        // Telegram sends it again (the first answer was lost), this time to the other instance.
        telegram.queueSame(first.updateId());
        telegram.resumeUpdates();

        SentMessage photo = telegram.awaitSent(alice.id(), m -> m.photo(), WAIT);
        await().atMost(WAIT)
                .until(() -> telegram.webhookAnswers().stream()
                                .filter(answer -> answer.status() == 200)
                                .count()
                        >= 2);
        assertThat(instances.getFirst().core.idle()).isTrue();
        assertThat(instances.get(1).core.idle()).isTrue();
        assertThat(upstream.requests()).isEqualTo(1);
        assertThat(telegram.sent(alice.id()).stream().filter(m -> m.photo())).containsExactly(photo);
    }

    @Test
    void aStatusMessageSentOnlyAfterAnotherInstanceFinishedTheJobIsRemovedNotLeftBehind() throws Exception {
        // One generation at a time per user, across the instances.
        List<String> urls = startInstances(2, new RunnerLimits(32, 16, 1, 2));
        FakeUser alice = FakeUser.of(42, "Alice");
        upstream.hold(1);
        var first = telegram.from(alice).text("a fox in the snow");
        await().atMost(WAIT).until(() -> upstream.requests() == 1);
        telegram.awaitSent(alice.id(), m -> m.kind() == Kind.TEXT && m.text().contains("#"), WAIT);

        // The second prompt waits behind the first; Telegram is slow with its status message.
        telegram.holdNext("sendMessage", 1);
        var second = telegram.from(alice).text("a cat on a wall");
        await().atMost(WAIT).until(() -> telegram.heldCalls() == 1);
        String accepting = await().atMost(WAIT)
                .until(
                        () -> telegram.webhookAnswers().stream()
                                .filter(answer -> answer.updateId() == second.updateId() && answer.status() == 200)
                                .map(FakeTelegram.WebhookAnswer::url)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertThat(accepting)
                .as("the second prompt reached the other instance")
                .isNotEqualTo(telegram.webhookAnswers().stream()
                        .filter(answer -> answer.updateId() == first.updateId() && answer.status() == 200)
                        .map(FakeTelegram.WebhookAnswer::url)
                        .findFirst()
                        .orElseThrow());
        // The instance that took it runs no job from now on: the other one runs it, as it would
        // after that one stopped, knowing nothing of the status message still under way.
        instances.get(urls.indexOf(accepting)).core.halt();
        upstream.release();
        await().atMost(WAIT)
                .until(() -> telegram.sent(alice.id()).stream()
                                .filter(SentMessage::photo)
                                .count()
                        == 2);

        telegram.releaseHeld();
        SentMessage late = telegram.awaitSent(
                alice.id(),
                m -> m.kind() == Kind.TEXT
                        && m.text().contains("#")
                        && Long.valueOf(second.messageId()).equals(m.replyTo()),
                WAIT);
        // Removed by the instance that sent it, which learns from the refused record that the job is
        // over; no record of it is left, and the chat keeps no stale "Queued" message.
        telegram.awaitSent(alice.id(), m -> m.kind() == Kind.DELETE && m.messageId() == late.messageId(), WAIT);
        long job = TelegramTestBase.jobNumber(late);
        assertThat(instances.getFirst().core.jobs.find(job).orElseThrow().statusMessageId())
                .isEmpty();
        assertThat(telegram.sent(alice.id()).stream().filter(SentMessage::photo))
                .hasSize(2);
        assertThat(telegram.calls("editMessageMedia")).hasSize(1);
    }

    @Test
    void anAlbumWhoseItemsReachedDifferentInstancesIsOneRequest() throws Exception {
        startInstances(2);
        FakeUser alice = FakeUser.of(42, "Alice");
        telegram.from(alice).album(List.of(RED, GREEN, RED), "blend the three");

        telegram.awaitSent(alice.id(), m -> m.photo(), WAIT);
        assertThat(instances.getFirst().core.idle()).isTrue();
        assertThat(instances.get(1).core.idle()).isTrue();
        assertThat(upstream.requests()).isEqualTo(1);
        assertThat(telegram.webhookAnswers().stream()
                        .filter(answer -> answer.status() == 200)
                        .map(FakeTelegram.WebhookAnswer::url)
                        .distinct())
                .as("the album's items reached both instances")
                .hasSize(2);
        var request = gateway.takeRequest(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(request.getBody().utf8())
                        .path("contents")
                        .get(0)
                        .path("parts"))
                .hasSize(4);
    }

    @Test
    void aRequestWithoutTheSecretOrWithAWrongOneIsRefusedAndNothingOfItIsHandled() throws Exception {
        startInstances(1);
        String update = """
                {"update_id": 9001, "message": {"message_id": 1, "date": 0, "text": "/usage",
                 "chat": {"id": 77, "type": "private"}, "from": {"id": 77, "is_bot": false, "first_name": "Eve"}}}
                """;
        var client = HttpClient.newHttpClient();
        for (Optional<String> secret : List.of(Optional.<String>empty(), Optional.of("guessed"))) {
            var request = HttpRequest.newBuilder(URI.create(instances.getFirst().url()))
                    .POST(HttpRequest.BodyPublishers.ofString(update));
            secret.ifPresent(value -> request.header(TelegramWebhook.SECRET_HEADER, value));
            assertThat(client.send(request.build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(401);
        }
        // A valid update after them is handled; the refused one never was.
        telegram.from(FakeUser.of(78, "Mallory")).text("/usage");
        await().atMost(WAIT).until(() -> !telegram.sent(78).isEmpty());
        assertThat(telegram.sent(77)).isEmpty();
        // Mallory's update is dropped from the kept ones just after its answer; the refused one never was kept.
        await().atMost(WAIT)
                .until(() -> instances
                        .getFirst()
                        .core
                        .services
                        .updates()
                        .received("telegram")
                        .isEmpty());
        assertThat(instances.getFirst().core.services.updates().handledBefore("telegram", "9001"))
                .isFalse();
    }
}

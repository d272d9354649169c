package dev.redraw.app;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.redraw.core.storage.TestPostgres;
import dev.redraw.core.testing.TestImages;
import dev.redraw.telegram.fake.FakeTelegram;
import dev.redraw.telegram.fake.FakeTelegram.Incoming;
import dev.redraw.telegram.fake.FakeUser;
import java.awt.Color;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the packaged jar on one PostgreSQL, Telegram by webhook: what an administrator
 * decides through one instance holds on the other at once, and a reload asked on one reloads both,
 * new providers and models included, without a restart.
 */
class AdminAcrossInstancesIT {

    private static final String SECRET = "hook-secret_ADMIN";
    private static final String PRO = "gemini-3-pro-image-preview";
    private static final FakeUser ADMIN = FakeUser.of(900, "Ops");
    private static final FakeUser ALICE = FakeUser.of(42, "Alice");
    private static final Duration WAIT = Duration.ofSeconds(90);

    @StartStop
    private final MockWebServer gateway = new MockWebServer();

    @TempDir
    private Path dir;

    private final FakeTelegram telegram = new FakeTelegram("4242:admin-token").start();
    private final JarProcesses instances = new JarProcesses();
    private final List<String> upstreamBodies = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void tearDown() throws InterruptedException {
        instances.stopAll();
        telegram.close();
    }

    private void writeConfig(String name, int port, String database, String models) throws IOException {
        Files.writeString(
                dir.resolve(name + ".yml"),
                "telegram: {enabled: true, api-url: '" + telegram.apiUrl() + "', mode: webhook,"
                        + " webhook-url: 'https://bot.example.test/telegram/hook'}\n"
                        + "providers: [{name: nebula, dialect: contents, base-url: '" + gateway.url("/")
                        + "', api-key: '${NEBULA_API_KEY}', models: [" + models + "]}]\n"
                        + "storage: {url: '" + database + "'}\n"
                        + "server: {port: " + port + "}\n"
                        + "quotas: {images-per-user: 1, window: 24h}\n"
                        + "access: {admins: [telegram:900]}\n"
                        + "jobs: {instance: " + name + ", shutdown-grace: 2s}\n");
    }

    private void start(String name) throws IOException {
        instances.start(
                dir.resolve(name + ".yml"),
                dir,
                dir.resolve(name + ".log"),
                Map.of(
                        "TELEGRAM_BOT_TOKEN",
                        telegram.token(),
                        "TELEGRAM_WEBHOOK_SECRET",
                        SECRET,
                        "NEBULA_API_KEY",
                        "sk-admin-7c1e"));
    }

    private String log(String name) throws IOException {
        return Files.readString(dir.resolve(name + ".log"));
    }

    /** Posts the queued update of {@code sent} to the instance on {@code port}, as Telegram's webhook does. */
    private void deliver(Incoming sent, int port) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/telegram/hook"))
                .header("Content-Type", "application/json")
                .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(telegram.takeUpdate(sent.updateId())))
                .build();
        assertThat(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(200);
    }

    /** What the bot answered to {@code sent}, the text message replying to it. */
    private FakeTelegram.SentMessage answer(long chat, Incoming sent) {
        return telegram.awaitSent(chat, m -> Long.valueOf(sent.messageId()).equals(m.replyTo()), WAIT);
    }

    /** The photo the bot posted for {@code sent}: its status message, made the photo. */
    private FakeTelegram.SentMessage photoFor(long chat, Incoming sent) {
        return telegram.awaitSent(
                chat, m -> m.photo() && Long.valueOf(sent.messageId()).equals(m.replyTo()), WAIT);
    }

    @Test
    void decisionsMadeOnOneInstanceHoldOnTheOtherAndAReloadThereReloadsBoth() throws Exception {
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                upstreamBodies.add(request.getBody().utf8());
                return image(TestImages.png(24, 24, Color.ORANGE));
            }
        });
        String database = TestPostgres.get().newDatabase();
        int one = JarProcesses.freePort();
        int two = JarProcesses.freePort();
        writeConfig("one", one, database, "gemini-2.5-flash-image");
        writeConfig("two", two, database, "gemini-2.5-flash-image");
        start("one");
        start("two");
        await().atMost(WAIT).until(() -> telegram.calls("setWebhook").size() == 2);

        var ban = telegram.from(ADMIN).text("/admin ban telegram:42");
        deliver(ban, one);
        assertThat(answer(ADMIN.id(), ban).text())
                .isEqualTo("🚫 telegram:42 is banned on every instance until you unban them.");
        var refused = telegram.from(ALICE).text("a fox");
        deliver(refused, two);
        assertThat(answer(ALICE.id(), refused).text()).contains("An administrator has banned you");
        assertThat(upstreamBodies).isEmpty();

        var unban = telegram.from(ADMIN).text("/admin unban telegram:42");
        deliver(unban, two);
        assertThat(answer(ADMIN.id(), unban).text()).isEqualTo("✅ telegram:42 is no longer banned.");

        // A model neither instance serves yet: refused by both until the reload.
        var tooEarly = telegram.from(ALICE).text("a fox --model " + PRO);
        deliver(tooEarly, one);
        assertThat(answer(ALICE.id(), tooEarly).text()).contains(PRO);
        writeConfig("one", one, database, "gemini-2.5-flash-image, " + PRO);
        writeConfig("two", two, database, "gemini-2.5-flash-image, " + PRO);
        var reload = telegram.from(ADMIN).text("/admin reload");
        deliver(reload, one);
        assertThat(answer(ADMIN.id(), reload).text())
                .startsWith("🔄 Configuration reloaded here")
                .contains("Applied now: providers.");
        await().atMost(WAIT).until(() -> log("two").contains("configuration reloaded"));
        assertThat(log("two")).contains("an administrator asked every instance to reload the configuration");

        var pro = telegram.from(ALICE).text("a fox --model " + PRO);
        deliver(pro, two);
        photoFor(ALICE.id(), pro);
        assertThat(upstreamBodies).singleElement().asString().contains("\"" + PRO + "\"");

        // Alice's one image a day is used; a grant through two lets her make one more through one.
        var grant = telegram.from(ADMIN).text("/admin grant telegram:42 1");
        deliver(grant, two);
        assertThat(answer(ADMIN.id(), grant).text()).startsWith("🎁 telegram:42 can make 1 image more");
        var granted = telegram.from(ALICE).text("a cat");
        deliver(granted, one);
        photoFor(ALICE.id(), granted);

        var pause = telegram.from(ADMIN).text("/admin pause");
        deliver(pause, one);
        assertThat(answer(ADMIN.id(), pause).text()).startsWith("⏸");
        var paused = telegram.from(ALICE).text("a bird");
        deliver(paused, two);
        assertThat(answer(ALICE.id(), paused).text()).contains("paused image making");
        var status = telegram.from(ADMIN).text("/admin status");
        deliver(status, two);
        assertThat(answer(ADMIN.id(), status).text())
                .contains(
                        "Image making has been paused since", "by telegram:900", "nebula: working", "2 made, 0 failed");
        assertThat(upstreamBodies).hasSize(2);
        assertThat(log("one") + log("two")).doesNotContain("sk-admin-7c1e").doesNotContain(SECRET);
    }
}

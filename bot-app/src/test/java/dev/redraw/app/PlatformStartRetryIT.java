package dev.redraw.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar started while the chat platform cannot be reached: it keeps trying with doubling waits,
 * one line per try, and comes up once the platform answers; a refused token still ends the start.
 */
class PlatformStartRetryIT {

    private static final String KEY = "sk-retry-test-4411";
    private static final String TOKEN = "123456:telegram-token-for-retry-test";
    private static final String DISCORD_TOKEN = "discord-token-for-retry-test";

    @TempDir
    private Path dir;

    private Process process;

    @AfterEach
    void stop(org.junit.jupiter.api.TestInfo test) throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        // kept for a look after a failure
        Path kept = Files.createDirectories(Path.of("target", "platform-start-retry"));
        Files.copy(
                dir.resolve("run.log"),
                kept.resolve(test.getTestMethod().orElseThrow().getName() + ".log"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void telegramUnreachableAtStartIsTriedAgainUntilItAnswers() throws Exception {
        int port = freePort();
        process = start(
                "telegram: {enabled: true, token: '${TELEGRAM_BOT_TOKEN}', api-url: 'http://127.0.0.1:" + port + "/'}");

        await().atMost(Duration.ofSeconds(60)).until(() -> log().contains("try 2 failed, trying again in 2 s"));
        assertThat(process.isAlive()).isTrue();
        assertThat(log().lines().filter(line -> line.contains("try 1 failed")).toList())
                .singleElement()
                .asString()
                .contains("telegram.api-url: cannot reach the Bot API at http://127.0.0.1:" + port + "/")
                .endsWith("; try 1 failed, trying again in 1 s");

        try (var api = new MockWebServer()) {
            api.setDispatcher(botApi());
            api.start(InetAddress.getLoopbackAddress(), port);

            await().atMost(Duration.ofSeconds(60)).until(() -> log().contains("Redraw is ready (telegram)"));
            assertThat(log()).containsOnlyOnce("telegram connected on try ");
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(log()).doesNotContain(TOKEN).doesNotContain(KEY).doesNotContain("\tat ");
    }

    @Test
    void aTokenTelegramRefusesEndsTheStartAtOnceWithOneLine() throws Exception {
        try (var api = new MockWebServer()) {
            api.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return json(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
                }
            });
            api.start();
            process =
                    start("telegram: {enabled: true, token: '${TELEGRAM_BOT_TOKEN}', api-url: '" + api.url("/") + "'}");

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(Launcher.FAILED);
            // The start's own INFO line, then the one line that says why it ended.
            assertThat(log().lines().filter(line -> !isStartLine(line)).toList())
                    .containsExactly(
                            "startup error: telegram.token: Telegram did not accept the token (TELEGRAM_BOT_TOKEN)");
            assertThat(api.getRequestCount()).isEqualTo(1);
        }
    }

    @Test
    void discordUnreachableAtStartIsTriedAgainInsteadOfEndingTheStart() throws Exception {
        int port = freePort();
        process = start("discord: {enabled: true, token: '${DISCORD_TOKEN}', rest-url: 'http://127.0.0.1:" + port
                + "/api/v10/', gateway-url: 'ws://127.0.0.1:" + port + "/'}");

        await().atMost(Duration.ofSeconds(60)).until(() -> log().contains("try 2 failed, trying again in 2 s"));

        assertThat(process.isAlive()).isTrue();
        List<String> tries = log().lines()
                .filter(line -> line.contains(" failed, trying again in "))
                .toList();
        assertThat(tries)
                .first()
                .asString()
                .contains("discord.rest-url: Discord at http://127.0.0.1:" + port
                        + "/api/v10/ cannot be reached (ConnectException: Failed to connect to /127.0.0.1:" + port
                        + ")")
                .endsWith("; try 1 failed, trying again in 1 s");
        assertThat(log()).doesNotContain(DISCORD_TOKEN).doesNotContain("\tat ");
    }

    /** A Bot API that knows the bot and has no updates for it. */
    private static Dispatcher botApi() {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                // TelegramBots writes some method names in lower case
                String path = request.getUrl().encodedPath().toLowerCase(java.util.Locale.ROOT);
                if (path.endsWith("/getme")) {
                    return json(
                            200,
                            "{\"ok\":true,\"result\":{\"id\":42,\"is_bot\":true,\"first_name\":\"Redraw\","
                                    + "\"username\":\"redraw_test_bot\"}}");
                }
                if (path.endsWith("/getupdates")) {
                    return json(200, "{\"ok\":true,\"result\":[]}")
                            .newBuilder()
                            .headersDelay(500, TimeUnit.MILLISECONDS)
                            .build();
                }
                return json(200, "{\"ok\":true,\"result\":true}");
            }
        };
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private String log() throws IOException {
        return Files.readString(dir.resolve("run.log"));
    }

    private Process start(String platform) throws IOException {
        Path config = dir.resolve("redraw.yml");
        Files.writeString(config, """
                providers: [{name: nebula, dialect: contents, base-url: 'http://127.0.0.1:9/',
                             api-key: '${NEBULA_API_KEY}', models: [gemini-2.5-flash-image]}]
                storage: {url: 'jdbc:h2:file:./db/redraw'}
                jobs: {shutdown-grace: 1s}
                %s
                """.formatted(platform));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-jar", System.getProperty("redraw.jar"), "--config", config.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("run.log").toFile());
        builder.environment().put("NEBULA_API_KEY", KEY);
        builder.environment().put("TELEGRAM_BOT_TOKEN", TOKEN);
        builder.environment().put("DISCORD_TOKEN", DISCORD_TOKEN);
        return builder.start();
    }

    /** The INFO line every start begins with: version, platforms, Java and instance. */
    static boolean isStartLine(String line) {
        return line.matches(
                "\\d{4}-\\d{2}-\\d{2}T\\S+ INFO  dev\\.redraw\\.app\\.Launcher - Redraw \\S+ starting \\(.*");
    }
}

package dev.redraw.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.testing.HoldingGateway;
import dev.redraw.core.testing.TestImages;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The jar's operator endpoints over HTTP: {@code /healthz}, {@code /readyz} following the platform
 * away and back, and {@code /metrics} counting known jobs, refusals and 429s.
 */
class OpsEndpointsIT extends JarBotTestBase {

    private static final String KEY = JarBot.KEY;
    private static final String MODEL = JarBot.MODEL;
    private static final byte[] PNG = TestImages.png(32, 32, Color.CYAN);
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;
    private int port;

    @AfterEach
    void keepLog() throws Exception {
        Path kept = Files.createDirectories(Path.of("target", "ops-endpoints"));
        Files.copy(dir.resolve("run.log"), kept.resolve("run.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void healthReadinessAndMetricsOverHttp() throws Exception {
        answerWith(PNG);
        // The status message of the first job meets one 429 and waits it out.
        telegram.failNext("sendMessage", 1, 429, 1);
        start();

        await().atMost(WAIT).until(() -> status("/healthz") == 200);
        await().atMost(WAIT).until(() -> status("/readyz") == 200);
        assertThat(get("/readyz").body()).isEqualTo("ready\n");
        // Text logs carry the date and the offset, not only the time of day.
        assertThat(log().lines().findFirst().orElseThrow())
                .matches(
                        "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) INFO .*Redraw .* starting .*");

        var first = telegram.from(ALICE).text("a lighthouse");
        telegram.awaitSent(
                ALICE.id(), m -> m.photo() && Long.valueOf(first.messageId()).equals(m.replyTo()), WAIT);
        // Over the quota of one image: refused before any model is called.
        var second = telegram.from(ALICE).text("another lighthouse");
        telegram.awaitSent(
                ALICE.id(),
                m -> Long.valueOf(second.messageId()).equals(m.replyTo())
                        && m.text() != null
                        && m.text().contains("limit"),
                WAIT);

        String jobLabels = "model=\"" + MODEL + "\",outcome=\"images\",provider=\"nebula\"";
        await().atMost(WAIT).until(() -> value(metrics(), "redraw_images_delivered_total{platform=\"telegram\"}") == 1);
        String metrics = metrics();
        assertThat(value(metrics, "redraw_jobs_total{" + jobLabels + "}")).isEqualTo(1);
        assertThat(value(metrics, "redraw_job_duration_seconds_count{" + jobLabels + "}"))
                .isEqualTo(1);
        assertThat(value(
                        metrics,
                        "redraw_upstream_duration_seconds_count{model=\"" + MODEL
                                + "\",provider=\"nebula\",result=\"ok\"}"))
                .isEqualTo(1);
        assertThat(value(metrics, "redraw_results_delivered_total{platform=\"telegram\"}"))
                .isEqualTo(1);
        assertThat(value(metrics, "redraw_quota_refusals_total{platform=\"telegram\"}"))
                .isEqualTo(1);
        assertThat(value(metrics, "redraw_platform_throttled_total{platform=\"telegram\"}"))
                .isEqualTo(1);
        assertThat(value(metrics, "redraw_queue_depth")).isZero();
        assertThat(value(metrics, "redraw_generation_paused")).isZero();
        assertThat(value(metrics, "redraw_banned_users")).isZero();
        assertThat(value(metrics, "redraw_circuit_state{provider=\"nebula\"}")).isZero();
        assertThat(value(metrics, "redraw_db_connections{state=\"max\"}")).isPositive();
        assertThat(metrics)
                .contains("# TYPE redraw_job_duration_seconds histogram")
                .contains("redraw_upstream_duration_seconds_bucket{")
                .contains("jvm_memory_used_bytes{")
                .doesNotContain(KEY)
                .doesNotContain(telegram.token());
        assertThat(get("/metrics").headers().firstValue("Content-Type"))
                .hasValue("text/plain; version=0.0.4; charset=utf-8");

        // Telegram goes away (its front answers 502 for a while): not ready, saying why; then back.
        telegram.failNext("getUpdates", 4, 502, 0);
        await().atMost(WAIT).until(() -> status("/readyz") == 503);
        assertThat(get("/readyz").body()).startsWith("not ready: telegram: polling fails");
        assertThat(status("/healthz")).isEqualTo(200);
        await().atMost(WAIT).until(() -> status("/readyz") == 200);

        assertThat(status("/healthz/more")).isEqualTo(404);
        var post = http.send(
                HttpRequest.newBuilder(url("/metrics"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void jsonLogsNameTheJobUserChatProviderModelAndOutcomeAndTellEachEventOnce() throws Exception {
        var upstream = new HoldingGateway(PNG);
        upstream.hold(1);
        gateway.setDispatcher(upstream);
        start("logging: {format: json}\naccess: {deny: {users: [telegram:666]}}\n");
        await().atMost(WAIT).until(() -> status("/readyz") == 200);

        // A job cancelled while it draws, one that ends with an image, a refused user, a /forget.
        var drawing = telegram.from(ALICE).text("a slow lighthouse");
        await().atMost(WAIT).until(() -> upstream.requests() == 1);
        telegram.from(ALICE)
                .replyTo(telegram.awaitSent(
                                ALICE.id(),
                                m -> m.text() != null
                                        && m.text().contains("#1")
                                        && Long.valueOf(drawing.messageId()).equals(m.replyTo()),
                                WAIT)
                        .messageId())
                .text("/cancel");
        await().atMost(WAIT).until(() -> log().contains("cancelled after"));
        upstream.release();
        var second = telegram.from(ALICE).text("a quick lighthouse");
        telegram.awaitSent(
                ALICE.id(), m -> m.photo() && Long.valueOf(second.messageId()).equals(m.replyTo()), WAIT);
        FakeUser mallory = FakeUser.of(666, "Mallory");
        telegram.from(mallory).text("let me in");
        telegram.awaitSent(mallory.id(), m -> m.text() != null, WAIT);
        telegram.from(ALICE).text("/forget");
        var confirm = telegram.awaitSent(
                ALICE.id(), m -> m.replyMarkup() != null && m.replyMarkup().contains("\"f:y\""), WAIT);
        telegram.from(ALICE).callback(confirm.messageId(), "f:y");
        await().atMost(WAIT).until(() -> log().contains("their conversations and images are deleted"));
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log().lines().toList()) {
            JsonNode parsed = mapper.readTree(line);
            assertThat(parsed.isObject()).as(line).isTrue();
            assertThat(Instant.parse(parsed.path("time").asText())).isNotNull();
            assertThat(parsed.path("level").asText()).isIn("DEBUG", "INFO", "WARN", "ERROR");
            lines.add(parsed);
        }
        assertThat(one(lines, "Redraw 0")).isNotNull();
        assertThat(one(lines, "Redraw is ready (telegram)")).isNotNull();
        JsonNode queued = one(lines, "job 2: queued for " + MODEL);
        assertThat(queued.path("job").asText()).isEqualTo("2");
        assertThat(queued.path("user").asText()).isEqualTo("telegram:42");
        assertThat(queued.path("chat").asText()).isEqualTo("telegram:42");
        assertThat(queued.path("provider").asText()).isEqualTo("nebula");
        assertThat(queued.path("model").asText()).isEqualTo(MODEL);
        assertThat(one(lines, "job 2 SUCCEEDED").path("outcome").asText()).isEqualTo("images");
        JsonNode cancelled = one(lines, "job 1 cancelled after");
        assertThat(cancelled.path("outcome").asText()).isEqualTo("cancelled");
        assertThat(lines).noneMatch(line -> line.path("message").asText().startsWith("job 1 FAILED"));
        assertThat(one(lines, "job 1: cancel asked by telegram:42")
                        .path("message")
                        .asText())
                .endsWith(": cancelling");
        assertThat(one(lines, "request from telegram:666 in telegram:666 refused by the access rules: denied"))
                .isNotNull();
        assertThat(one(lines, "forget asked by telegram:42: their conversations"))
                .isNotNull();
        assertThat(one(lines, "Redraw stopping")).isNotNull();
        assertThat(one(lines, "Redraw stopped")).isNotNull();
        assertThat(log()).doesNotContain(KEY).doesNotContain(telegram.token());
    }

    /** The one log line whose message starts with {@code start}. */
    private static JsonNode one(List<JsonNode> lines, String start) {
        List<JsonNode> found = lines.stream()
                .filter(line -> line.path("message").asText().startsWith(start))
                .toList();
        assertThat(found).as("log lines starting with '%s'", start).hasSize(1);
        return found.getFirst();
    }

    private String log() throws IOException {
        return jar.log("run.log");
    }

    /** The configuration with {@code more} sections; a quota of one image unless {@code more} sets quotas. */
    private void writeConfig(String more) throws IOException {
        jar.writeConfig((more.contains("quotas:") ? "" : "quotas: {images-per-user: 1, window: 24h}\n") + more);
    }

    @Test
    void aHangUpAppliesNewAccessListsAndQuotasAndABadFileIsRefusedWhileTheBotGoesOn() throws Exception {
        answerWith(PNG);
        FakeUser bob = FakeUser.of(43, "Bob");
        start("quotas: {images-per-user: 5, window: 24h}\n");
        await().atMost(WAIT).until(() -> status("/readyz") == 200);
        var before = telegram.from(bob).text("a lighthouse");
        telegram.awaitSent(
                bob.id(), m -> m.photo() && Long.valueOf(before.messageId()).equals(m.replyTo()), WAIT);

        writeConfig("quotas: {images-per-user: 5, window: 24h}\naccess: {deny: {users: [telegram:43]}}\n"
                + "generation: {default-ratio: '16:9'}\n");
        hangUp();
        await().atMost(WAIT).until(() -> log().contains("configuration reloaded"));
        assertThat(log()).contains("access, generation apply now");
        var denied = telegram.from(bob).text("another lighthouse");
        var refusal = telegram.awaitSent(
                bob.id(), m -> Long.valueOf(denied.messageId()).equals(m.replyTo()), WAIT);
        assertThat(refusal.photo()).isFalse();

        writeConfig("quotas: {images-per-user: 5, window: 24h}\nunknown-section: {}\n");
        hangUp();
        await().atMost(WAIT).until(() -> log().contains("configuration not reloaded"));
        assertThat(log().lines().filter(line -> line.contains("configuration not reloaded")))
                .singleElement()
                .asString()
                .endsWith("configuration not reloaded, the running one stays: config error: unknown-section: unknown"
                        + " key; known keys are telegram, discord, providers, generation, images, storage, console,"
                        + " jobs, quotas, access, retries, server, logging");
        // The running rules stay: Bob is still refused, Alice is served.
        var stillDenied = telegram.from(bob).text("a third lighthouse");
        assertThat(telegram.awaitSent(
                                bob.id(),
                                m -> Long.valueOf(stillDenied.messageId()).equals(m.replyTo()),
                                WAIT)
                        .photo())
                .isFalse();
        var alices = telegram.from(ALICE).text("a lighthouse for Alice");
        telegram.awaitSent(
                ALICE.id(), m -> m.photo() && Long.valueOf(alices.messageId()).equals(m.replyTo()), WAIT);
        assertThat(gateway.getRequestCount()).isEqualTo(2);
        assertThat(process.isAlive()).isTrue();
    }

    private void hangUp() throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    /** The value of the sample named exactly {@code series} (name and labels), or NaN when absent. */
    private static double value(String metrics, String series) {
        Matcher sample =
                Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        return sample.find() ? Double.parseDouble(sample.group(1)) : Double.NaN;
    }

    private String metrics() throws Exception {
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private int status(String path) {
        try {
            return get(path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(url(path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private void start() throws IOException {
        start("");
    }

    private void start(String more) throws IOException {
        port = jar().port();
        writeConfig(more);
        process = jar.run("run.log");
    }
}

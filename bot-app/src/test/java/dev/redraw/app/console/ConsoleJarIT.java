package dev.redraw.app.console;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, started as a separate process with its input piped in, as an operator runs it. */
class ConsoleJarIT {

    private static final String KEY = "sk-jar-test-5e1d";
    private static final byte[] RED = TestImages.png(48, 48, Color.RED);

    @StartStop
    private final MockWebServer gateway = new MockWebServer();

    @TempDir
    private Path dir;

    private Path config;

    @BeforeEach
    void writeConfig() throws IOException {
        config = dir.resolve("redraw.yml");
        Files.writeString(
                config,
                "providers: [{name: nebula, dialect: contents, base-url: '" + gateway.url("/")
                        + "', api-key: '${NEBULA_API_KEY}', models: [gemini-2.5-flash-image]}]\n"
                        + "storage: {url: 'jdbc:h2:file:" + dir.resolve("db/redraw") + "'}\n"
                        + "console: {output-dir: '" + dir.resolve("out") + "'}\n"
                        + "jobs: {shutdown-grace: 20s}\n");
    }

    @Test
    void pipedPromptsProduceNumberedImagesAndEditsWorkAfterARestart() throws Exception {
        gateway.enqueue(image(RED));
        gateway.enqueue(image(TestImages.png(48, 48, Color.BLUE)));

        List<String> first = finish(start("a red fox\n"));
        List<String> second = finish(start("/edit 1 make it night\n/quit\n"));

        assertThat(first).contains("saved #1 " + dir.resolve("out/1.png"));
        assertThat(second).contains("saved #2 " + dir.resolve("out/2.png"));
        assertThat(Files.readAllBytes(dir.resolve("out/1.png"))).containsExactly(RED);
        assertThat(take().getBody().utf8()).contains("\"prompt\":\"a red fox\"");
        assertThat(take().getBody().utf8()).contains("\"text\":\"make it night\"");
    }

    @Test
    void anImageAcceptedBeforeAKillArrivesAfterTheRestartOnce() throws Exception {
        // The first call never gets its answer: the process is killed while the gateway holds it.
        gateway.enqueue(new MockResponse.Builder()
                .headersDelay(60, TimeUnit.SECONDS)
                .body("{}")
                .build());
        gateway.enqueue(image(RED));
        Process doomed = start("a red fox\n");
        assertThat(take().getBody().utf8()).contains("\"prompt\":\"a red fox\"");

        doomed.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(doomed.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(dir.resolve("out/1.png"))).isFalse();

        List<String> restarted = finish(start(""));

        assertThat(restarted).containsOnlyOnce("saved #1 " + dir.resolve("out/1.png"));
        assertThat(restarted.stream().filter(line -> line.startsWith("saved #")))
                .hasSize(1);
        assertThat(Files.readAllBytes(dir.resolve("out/1.png"))).containsExactly(RED);
        assertThat(take().getBody().utf8()).contains("\"prompt\":\"a red fox\"");
        assertThat(gateway.getRequestCount()).isEqualTo(2);
    }

    @Test
    void sigtermLetsTheRunningJobFinishBeforeExiting() throws Exception {
        gateway.enqueue(
                image(RED).newBuilder().headersDelay(1, TimeUnit.SECONDS).build());
        Process process = start("a red fox\n");
        take();

        new ProcessBuilder("kill", "-TERM", Long.toString(process.pid()))
                .start()
                .waitFor();

        List<String> lines = finish(process, false);
        assertThat(lines).contains("saved #1 " + dir.resolve("out/1.png"));
        assertThat(gateway.getRequestCount()).isEqualTo(1);
    }

    private int runs;

    private Process start(String input) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(
                        java, "-jar", System.getProperty("redraw.jar"), "console", "--config", config.toString())
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout-" + ++runs + ".log").toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("stderr.log").toFile()));
        builder.environment().put("NEBULA_API_KEY", KEY);
        Process process = builder.start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        return process;
    }

    private List<String> finish(Process process) throws Exception {
        return finish(process, true);
    }

    private List<String> finish(Process process, boolean mustSucceed) throws Exception {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // Output goes to a file: Process.destroy closes the pipes, and the output must outlive it.
        String output = Files.readString(dir.resolve("stdout-" + runs + ".log"));
        String stderr = Files.readString(dir.resolve("stderr.log"));
        if (mustSucceed) {
            assertThat(process.exitValue()).as(stderr).isZero();
        }
        assertThat(output + stderr).doesNotContain(KEY);
        return output.lines().toList();
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = gateway.takeRequest(30, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the gateway").isNotNull();
        return request;
    }
}

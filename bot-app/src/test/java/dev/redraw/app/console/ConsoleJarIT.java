package dev.redraw.app.console;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
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

    @Test
    void pipedPromptsProduceNumberedImagesAndEditsWorkAfterARestart() throws Exception {
        Path config = dir.resolve("redraw.yml");
        Files.writeString(
                config,
                "providers: [{name: nebula, dialect: contents, base-url: '" + gateway.url("/")
                        + "', api-key: '${NEBULA_API_KEY}', models: [gemini-2.5-flash-image]}]\n"
                        + "storage: {url: 'jdbc:h2:file:" + dir.resolve("db/redraw") + "'}\n"
                        + "console: {output-dir: '" + dir.resolve("out") + "'}\n");
        gateway.enqueue(image(RED));
        gateway.enqueue(image(TestImages.png(48, 48, Color.BLUE)));

        List<String> first = runJar(config, "a red fox\n");
        List<String> second = runJar(config, "/edit 1 make it night\n/quit\n");

        assertThat(first).contains("saved #1 " + dir.resolve("out/1.png"));
        assertThat(second).contains("saved #2 " + dir.resolve("out/2.png"));
        assertThat(Files.readAllBytes(dir.resolve("out/1.png"))).containsExactly(RED);
        assertThat(gateway.takeRequest().getBody().utf8()).contains("\"prompt\":\"a red fox\"");
        assertThat(gateway.takeRequest().getBody().utf8()).contains("\"text\":\"make it night\"");
    }

    private List<String> runJar(Path config, String input) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(
                        java, "-jar", System.getProperty("redraw.jar"), "console", "--config", config.toString())
                .directory(dir.toFile())
                .redirectError(dir.resolve("stderr.log").toFile());
        builder.environment().put("NEBULA_API_KEY", KEY);
        Process process = builder.start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(Files.readString(dir.resolve("stderr.log")))
                .isZero();
        assertThat(output + Files.readString(dir.resolve("stderr.log"))).doesNotContain(KEY);
        return output.lines().toList();
    }
}

package dev.redraw.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redraw.app.config.ConfigLoader;
import dev.redraw.app.config.RedrawConfig;
import dev.redraw.core.StartupException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP server starts and stops with the application, and its settings fail the start in one line. */
class WebServerStartupTest {

    private static final String KEY = "nebula-test-key";

    @TempDir
    Path dir;

    private String yaml(String server) {
        return """
                providers:
                  - name: nebula
                    dialect: contents
                    base-url: https://llm.example.com
                    api-key: ${NEBULA_API_KEY}
                    models: [gemini-2.5-flash-image]
                storage:
                  url: jdbc:h2:file:./data/redraw
                """ + server;
    }

    private RedrawConfig config(String server) throws IOException {
        Path file = dir.resolve("redraw.yml");
        Files.writeString(file, yaml(server));
        return new ConfigLoader(Map.of("NEBULA_API_KEY", KEY)).load(file);
    }

    @Test
    void theServerListensOnLoopbackWhileTheApplicationRunsAndStopsWithIt() throws Exception {
        URI unknown;
        try (var app = Application.start(config("server:\n  port: 0\n  public-url: https://bot.example.com\n"));
                var client = HttpClient.newHttpClient()) {
            var address = app.web().orElseThrow().address();
            assertThat(address.getAddress().isLoopbackAddress()).isTrue();
            unknown = URI.create("http://127.0.0.1:" + address.getPort() + "/i/not-a-token");

            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(unknown)
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(404);
        }
        try (var client = HttpClient.newHttpClient()) {
            assertThatThrownBy(() -> client.send(
                            HttpRequest.newBuilder(unknown)
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void withoutAPortNoServerRuns() throws Exception {
        try (var app = Application.start(config(""))) {
            assertThat(app.web()).isEmpty();
        }
    }

    @Test
    void aPortInUseStopsTheStartWithOneLineNamingTheKeys() throws Exception {
        try (var taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            RedrawConfig config = config("server:\n  port: " + taken.getLocalPort() + "\n");

            assertThatThrownBy(() -> Application.start(config).close())
                    .isInstanceOf(StartupException.class)
                    .hasMessageStartingWith("server.bind/server.port: cannot listen on")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void aPublicUrlThatIsNotAnAbsoluteHttpUrlIsAOneLineConfigError() throws Exception {
        Files.writeString(
                dir.resolve("redraw.yml"), yaml("server:\n  port: 8080\n  public-url: bot.example.com/redraw\n"));
        var err = new ByteArrayOutputStream();

        int status = new Launcher(
                        Map.of("NEBULA_API_KEY", KEY),
                        new ByteArrayInputStream(new byte[0]),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run("--config", dir.resolve("redraw.yml").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly("config error: server.public-url: 'bot.example.com/redraw' is not an absolute http or"
                        + " https URL");
    }
}

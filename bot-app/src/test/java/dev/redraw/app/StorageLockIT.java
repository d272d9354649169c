package dev.redraw.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second process on the same H2 file stops with one line saying who holds it, not a stack trace. */
class StorageLockIT {

    private static final String KEY = "sk-lock-test-81c2";
    private static final String TOKEN = "123456:telegram-token-for-lock-test";

    @TempDir
    private Path dir;

    @Test
    void aSecondInstanceOnTheSameDatabaseSaysAnotherProcessHoldsIt() throws Exception {
        Path config = dir.resolve("redraw.yml");
        Files.writeString(config, """
                providers: [{name: nebula, dialect: contents, base-url: 'http://127.0.0.1:9/',
                             api-key: '${NEBULA_API_KEY}', models: [gemini-2.5-flash-image]}]
                telegram: {token: '${TELEGRAM_BOT_TOKEN}', api-url: 'http://127.0.0.1:9/'}
                storage: {url: 'jdbc:h2:file:./db/redraw'}
                console: {output-dir: ./out}
                """);
        Process holder = start(dir.resolve("holder.log"), "console", "--config", config.toString());
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Files.readString(dir.resolve("holder.log")).contains("Redraw console."));

            for (String mode : List.of("console", "bot")) {
                Files.writeString(config, Files.readString(config).replace("{token:", "{enabled: true, token:"));
                Path log = dir.resolve(mode + ".log");
                Process second = mode.equals("console")
                        ? start(log, "console", "--config", config.toString())
                        : start(log, "--config", config.toString());
                second.getOutputStream().close();
                assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

                assertThat(second.exitValue()).isEqualTo(Launcher.FAILED);
                assertThat(Files.readAllLines(log).stream()
                                .filter(line -> !PlatformStartRetryIT.isStartLine(line))
                                .toList())
                        .singleElement()
                        .asString()
                        .startsWith("startup error: storage.url: the database jdbc:h2:file:")
                        .contains("another process holds it")
                        .doesNotContain("Exception")
                        .doesNotContain(KEY);
            }
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(holder.exitValue()).isZero();
    }

    private Process start(Path log, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new java.util.ArrayList<>(List.of(java, "-jar", System.getProperty("redraw.jar")));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("NEBULA_API_KEY", KEY);
        builder.environment().put("TELEGRAM_BOT_TOKEN", TOKEN);
        return builder.start();
    }
}

package dev.redraw.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bot's jar run for a test: Telegram on a fake Bot API, one provider on a test server, an H2
 * file under {@code dir/data}, the HTTP server on a free port; secrets from the environment only.
 */
final class JarBot implements AutoCloseable {

    static final String KEY = "sk-jar-test-5150";
    static final String MODEL = "gemini-2.5-flash-image";

    private final Path dir;
    private final String telegramUrl;
    private final String telegramToken;
    private final String gatewayUrl;
    private final int port;
    private final List<Process> processes = new ArrayList<>();

    JarBot(Path dir, String telegramUrl, String telegramToken, String gatewayUrl) throws IOException {
        this.dir = dir;
        this.telegramUrl = telegramUrl;
        this.telegramToken = telegramToken;
        this.gatewayUrl = gatewayUrl;
        try (var socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    /** Writes {@code dir/redraw.yml}: the common sections and then {@code more}. */
    Path writeConfig(String more) throws IOException {
        Path config = dir.resolve("redraw.yml");
        Files.writeString(
                config,
                "telegram: {enabled: true, api-url: '" + telegramUrl + "'}\n"
                        + "providers: [{name: nebula, dialect: contents, base-url: '" + gatewayUrl
                        + "', api-key: '${NEBULA_API_KEY}', models: [" + MODEL + "]}]\n"
                        + "storage: {url: 'jdbc:h2:file:./data/redraw'}\n"
                        + "server: {port: " + port + "}\n"
                        + "jobs: {shutdown-grace: 2s}\n"
                        + more);
        return config;
    }

    /** Runs the jar with the configuration and {@code args}, its output (both streams) in {@code dir/log}. */
    Process run(String log, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-jar",
                System.getProperty("redraw.jar"),
                "--config",
                dir.resolve("redraw.yml").toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile());
        builder.environment().put("TELEGRAM_BOT_TOKEN", telegramToken);
        builder.environment().put("NEBULA_API_KEY", KEY);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    String log(String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }

    /** Stops every process still running (SIGTERM), waiting for each. */
    @Override
    public void close() throws InterruptedException {
        for (Process process : processes) {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("the bot did not stop within 60 s of SIGTERM");
                }
            }
        }
    }
}

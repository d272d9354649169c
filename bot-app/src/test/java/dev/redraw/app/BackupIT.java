package dev.redraw.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.redraw.app.ops.BackupAccess;
import dev.redraw.core.testing.HoldingGateway;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** The backup subcommand against the jar: while the bot runs and a job is drawing, and once it stopped. */
class BackupIT extends JarBotTestBase {

    private static final String KEY = JarBot.KEY;
    private static final byte[] PNG = TestImages.png(32, 32, Color.ORANGE);

    @Test
    void aBackupTakenWhileAJobRunsAndOneAfterTheStopBothOpenWithEverythingStored() throws Exception {
        var upstream = new HoldingGateway(PNG);
        gateway.setDispatcher(upstream);
        jar().writeConfig("");
        Process bot = jar.run("run.log");
        await().atMost(WAIT)
                .until(() -> Files.readString(dir.resolve("run.log")).contains("Redraw is ready"));

        var first = telegram.from(ALICE).text("a lighthouse");
        telegram.awaitSent(
                ALICE.id(), m -> m.photo() && Long.valueOf(first.messageId()).equals(m.replyTo()), WAIT);
        upstream.hold(1);
        telegram.from(ALICE).text("a slow lighthouse");
        await().atMost(WAIT).until(() -> upstream.requests() == 2);

        Path whileRunning = dir.resolve("while-running.zip");
        Result taken = backup(whileRunning);
        assertThat(taken.exit()).as(taken.output()).isZero();
        assertThat(taken.output()).contains("backup written to " + whileRunning, "(by the running bot)");
        assertThat(count(whileRunning, "SELECT COUNT(*) FROM turns")).isGreaterThanOrEqualTo(3);
        assertThat(count(whileRunning, "SELECT COUNT(*) FROM image_data")).isEqualTo(1);
        assertThat(count(whileRunning, "SELECT COUNT(*) FROM jobs")).isEqualTo(2);

        Result again = backup(whileRunning);
        assertThat(again.exit()).isEqualTo(Launcher.FAILED);
        assertThat(again.output()).contains("exists already");
        var forged = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jar.port() + "/backup"))
                                .header("Authorization", "Bearer 00")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        dir.resolve("forged.zip").toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(dir.resolve("forged.zip")).doesNotExist();

        upstream.release();
        bot.destroy();
        assertThat(bot.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dir.resolve("data").resolve(BackupAccess.FILE)).doesNotExist();

        Path stopped = dir.resolve("stopped.zip");
        Result direct = backup(stopped);
        assertThat(direct.exit()).as(direct.output()).isZero();
        assertThat(direct.output()).contains("backup written to " + stopped).doesNotContain("running bot");
        assertThat(count(stopped, "SELECT COUNT(*) FROM jobs")).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("run.log"))).doesNotContain(KEY).doesNotContain(telegram.token());
    }

    private record Result(int exit, String output) {}

    private Result backup(Path target) throws Exception {
        String log = "backup-" + target.getFileName() + "-" + System.nanoTime() + ".log";
        Process process = jar.run(log, "backup", target.toString());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), jar.log(log));
    }

    /** Opens a backup as H2 does, from its zip, and runs {@code sql}. */
    private long count(Path backup, String sql) throws Exception {
        Path opened = Files.createTempDirectory(dir, "opened");
        try (var zip = new ZipInputStream(Files.newInputStream(backup))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Files.copy(zip, opened.resolve(Path.of(entry.getName()).getFileName()));
            }
        }
        try (var connection =
                        DriverManager.getConnection("jdbc:h2:file:" + opened.resolve("redraw") + ";IFEXISTS=TRUE");
                var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}

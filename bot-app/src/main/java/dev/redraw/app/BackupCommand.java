package dev.redraw.app;

import dev.redraw.app.config.RedrawConfig;
import dev.redraw.app.config.Secret;
import dev.redraw.app.http.BackupRoute;
import dev.redraw.app.ops.BackupAccess;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.StorageException;
import dev.redraw.core.storage.StorageUnavailableException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code backup FILE}: a consistent copy of the H2 database as a zip H2 opens again. With no bot
 * running on the database, it is copied here (read-only); with one running, that bot writes it
 * (through {@code POST /backup} on its HTTP server, with the token it keeps beside the database).
 * PostgreSQL is backed up with {@code pg_dump}.
 */
final class BackupCommand {

    /** A large database takes a while to copy. */
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final PrintStream out;
    private final PrintStream err;

    BackupCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(RedrawConfig config, Path target) {
        var storage = config.storage();
        Optional<Path> folder = Database.h2Folder(storage.url());
        if (folder.isEmpty()) {
            err.println("backup: storage.url is not an H2 file database; back PostgreSQL up with pg_dump"
                    + " (see the README, Backups)");
            return Launcher.USAGE;
        }
        Path file = target.toAbsolutePath();
        var settings = new Database.Settings(
                storage.url(), storage.user(), storage.password().map(Secret::value), 1);
        try {
            Database.backupH2(settings, file);
            out.println("backup written to " + file);
            return Launcher.OK;
        } catch (StorageUnavailableException held) {
            return throughTheRunningBot(config, folder.get(), file);
        } catch (StorageException e) {
            err.println("backup: " + e.getMessage());
            return Launcher.FAILED;
        }
    }

    private int throughTheRunningBot(RedrawConfig config, Path folder, Path file) {
        Optional<String> token = BackupAccess.read(folder);
        if (config.server().port().isEmpty() || token.isEmpty()) {
            err.println("backup: a running bot holds the database and serves no backups; set server.port for"
                    + " it (then restart it), or stop it and back up again");
            return Launcher.FAILED;
        }
        String host = config.server().bind().equals("0.0.0.0")
                        || config.server().bind().equals("::")
                ? "127.0.0.1"
                : config.server().bind();
        URI uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + config.server().port().getAsInt() + BackupRoute.PATH);
        try (var http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(TIMEOUT)
                            .header("Authorization", "Bearer " + token.get())
                            .POST(HttpRequest.BodyPublishers.ofString(file.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                out.println(answer.body().strip() + " (by the running bot)");
                return Launcher.OK;
            }
            err.println("backup: the running bot answered " + answer.statusCode() + ": "
                    + answer.body().strip());
            return Launcher.FAILED;
        } catch (IOException e) {
            err.println("backup: the running bot cannot be reached at " + uri + " (" + e.getMessage() + ")");
            return Launcher.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Launcher.FAILED;
        }
    }
}

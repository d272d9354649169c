package dev.redraw.app.http;

import dev.redraw.app.ops.BackupAccess;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /backup}, for the {@code backup} subcommand: with the token of {@link BackupAccess}
 * as {@code Authorization: Bearer}, writes a consistent copy of the H2 database to the absolute
 * path in the body (a new file) while the bot runs. Anything else gets 401, and is not read.
 */
public final class BackupRoute implements Route {

    public static final String PATH = "/backup";

    private static final Logger LOG = LoggerFactory.getLogger(BackupRoute.class);
    private static final String BEARER = "Bearer ";

    private final BackupAccess access;
    private final Database database;

    public BackupRoute(BackupAccess access, Database database) {
        this.access = access;
        this.database = database;
    }

    public void register(WebServer server) {
        server.route(PATH, this);
    }

    @Override
    public WebResponse handle(WebRequest request) {
        if (!request.rest().isEmpty()) {
            return WebResponse.notFound();
        }
        if (!request.method().equals("POST")) {
            return WebResponse.methodNotAllowed("POST");
        }
        Optional<String> offered = request.header("Authorization")
                .filter(value -> value.startsWith(BEARER))
                .map(value -> value.substring(BEARER.length()).strip());
        if (!access.admits(offered)) {
            LOG.warn("a backup was asked without the backup token; refused");
            return WebResponse.text(401, "the backup token is missing or wrong");
        }
        Path target;
        try {
            target = Path.of(new String(request.body(), StandardCharsets.UTF_8).strip());
        } catch (InvalidPathException e) {
            return WebResponse.text(400, "not a file path: " + e.getMessage());
        }
        if (!target.isAbsolute()) {
            return WebResponse.text(400, "the backup file must be an absolute path");
        }
        try {
            long started = System.nanoTime();
            database.backupTo(target);
            LOG.info("backup written to {} in {} ms", target, (System.nanoTime() - started) / 1_000_000);
            return WebResponse.text(200, "backup written to " + target);
        } catch (StorageException e) {
            LOG.warn("backup to {} failed: {}", target, e.getMessage());
            return WebResponse.text(409, e.getMessage());
        }
    }
}

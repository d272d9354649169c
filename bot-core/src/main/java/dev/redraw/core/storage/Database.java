package dev.redraw.core.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** A pooled connection to the bot's database, migrated to the current schema when opened. */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Opens the pool, applies pending Flyway migrations and checks that the database accepts a
     * committed write, so a database that cannot be written stops the start instead of the first
     * request.
     *
     * @throws StorageUnavailableException when the database cannot be reached or written
     * @throws StorageException when it cannot be migrated for another reason
     */
    public static Database open(Settings settings) {
        var config = new HikariConfig();
        config.setJdbcUrl(durable(settings.url()));
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(settings.poolSize());
        config.setPoolName("redraw-db");
        config.setExceptionOverride(new EvictWhenUnavailable());
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            if (heldElsewhere(e)) {
                throw new StorageUnavailableException(
                        "another process holds it (a Redraw bot or console still running on the same file);"
                                + " stop that process, or give this one its own storage.url",
                        e);
            }
            throw new StorageUnavailableException("cannot connect: " + describe(e), e);
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            checkWritable(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            if (e instanceof StorageException storage) {
                throw storage;
            }
            throw StorageUnavailableException.isCause(e)
                    ? new StorageUnavailableException("cannot be migrated: " + describe(e), e)
                    : new StorageException("cannot be migrated: " + describe(e), e);
        }
        return new Database(dataSource);
    }

    /**
     * Rewrites the heartbeat row and commits: a read-only database, one on a full or read-only disk,
     * or a user without write rights fails here.
     */
    static void checkWritable(DataSource dataSource) {
        var jdbc = new Jdbc(dataSource, java.time.Clock.systemUTC());
        try {
            // Several instances starting at once may insert the first heartbeat together.
            jdbc.upsert(connection -> {
                Timestamp now = Timestamp.from(Instant.now());
                if (Jdbc.update(connection, "UPDATE storage_heartbeat SET written_at = ? WHERE id = 1", now) == 0) {
                    Jdbc.update(connection, "INSERT INTO storage_heartbeat (id, written_at) VALUES (1, ?)", now);
                }
                return null;
            });
        } catch (StorageException e) {
            throw new StorageUnavailableException("does not accept writes: " + describe(e.getCause()), e.getCause());
        }
    }

    /**
     * The URL the pool opens. For an embedded H2 file database:
     *
     * <ul>
     *   <li>{@code WRITE_DELAY=0}: in H2 2.x each commit then writes its changes to the file
     *       before it returns, instead of a background writer doing so up to a second later.
     *   <li>{@code CACHE_SIZE}: the page cache scales with the heap (hundreds of megabytes on a
     *       large machine) and would mostly hold image bytes, which are rarely read twice: it is
     *       held to 8 MB.
     *   <li>{@code LOCK_TIMEOUT} (also in memory): a statement waits up to 30 s for a row lock, not
     *       H2's 2 s, as admissions and claims each queue on one row.
     * </ul>
     *
     * The file is opened through H2's default file system. An interrupt reaching H2 mid-write
     * would close its channel, and with it the database: no database call runs on a thread that can
     * be interrupted (see {@code Jdbc}). H2 2.5 lost commits already acknowledged when the process
     * was killed during concurrent writes, whatever the file system; the build pins 2.4. Settings
     * already in the URL are kept; other databases
     * are left alone.
     */
    static String durable(String url) {
        if (!url.startsWith(H2)) {
            return url;
        }
        String upper = url.toUpperCase(Locale.ROOT);
        String tuned = url;
        if (!url.startsWith("jdbc:h2:mem:")) {
            tuned = upper.contains("WRITE_DELAY") ? tuned : tuned + ";WRITE_DELAY=0";
            tuned = upper.contains(";CACHE_SIZE") ? tuned : tuned + ";CACHE_SIZE=" + H2_CACHE_KB;
            tuned = upper.contains("QUERY_CACHE_SIZE") ? tuned : tuned + ";QUERY_CACHE_SIZE=" + H2_QUERY_CACHE;
        }
        // H2 gives up on a row lock after 2 s by default; admissions and claims queue on one row each.
        return upper.contains("LOCK_TIMEOUT") ? tuned : tuned + ";LOCK_TIMEOUT=" + H2_LOCK_TIMEOUT_MS;
    }

    private static final String H2 = "jdbc:h2:";

    /** How long an H2 statement waits for a row lock before it fails, in milliseconds. */
    static final int H2_LOCK_TIMEOUT_MS = 30_000;

    /** The H2 page cache, in kilobytes. */
    static final int H2_CACHE_KB = 8 * 1024;

    /**
     * Statements each H2 connection keeps parsed. H2 keeps 8 by default, and a job's path runs a few
     * dozen different statements, so every one was parsed anew each time (a profile of the overhead
     * benchmark showed the parser among the database's largest costs).
     */
    static final int H2_QUERY_CACHE = 256;

    /** H2's "Database may be already in use": an embedded file is locked by the process that opened it. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private static boolean heldElsewhere(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return true;
            }
        }
        return false;
    }

    /** The first line of a failure's message, with its exception type when it has none. */
    private static String describe(Throwable failure) {
        Throwable shown = failure;
        while (shown.getMessage() == null && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String message = shown.getMessage();
        if (message == null) {
            return shown.getClass().getSimpleName();
        }
        // H2 continues its first line with the statement on the next ones
        String first = message.lines().findFirst().orElse("").strip();
        return first.endsWith("; SQL statement:")
                ? first.substring(0, first.length() - "; SQL statement:".length())
                : first;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * The folder holding an embedded H2 file database, for a {@code jdbc:h2:file:} URL (or one
     * without a protocol); empty for anything else (memory, a server, PostgreSQL).
     */
    public static Optional<Path> h2Folder(String url) {
        if (!url.startsWith(H2)) {
            return Optional.empty();
        }
        String rest = url.substring(H2.length());
        int settings = rest.indexOf(';');
        String name = settings < 0 ? rest : rest.substring(0, settings);
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (name.matches("^[a-zA-Z]+:.*") && !name.matches("^[a-zA-Z]:[\\\\/].*")) {
            return Optional.empty(); // mem:, tcp:, ssl:, zip: and the other protocols
        }
        Path parent = Path.of(name).toAbsolutePath().getParent();
        return Optional.ofNullable(parent);
    }

    /**
     * Writes a consistent copy of this H2 database to {@code target}, a zip that H2 opens again,
     * while the bot goes on using it. Refuses a target that exists.
     *
     * @throws StorageException when the database is not an H2 file or the copy cannot be written
     */
    public void backupTo(Path target) {
        requireNew(target);
        try (var connection = dataSource.getConnection()) {
            backup(connection, target);
        } catch (SQLException e) {
            throw new StorageException("the backup could not be written: " + describe(e), e);
        }
    }

    /**
     * Like {@link #backupTo} for an H2 file database no process holds: opened read-only for the
     * copy, neither migrated nor written.
     *
     * @throws StorageUnavailableException when a running bot holds the database
     */
    public static void backupH2(Settings settings, Path target) {
        requireNew(target);
        String url = settings.url() + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE";
        try (var connection = java.sql.DriverManager.getConnection(
                url, settings.user().orElse(""), settings.password().orElse(""))) {
            backup(connection, target);
        } catch (SQLException e) {
            if (heldElsewhere(e)) {
                throw new StorageUnavailableException("a running bot holds the database", e);
            }
            throw new StorageException("the backup could not be written: " + describe(e), e);
        }
    }

    private static void requireNew(Path target) {
        if (Files.exists(target)) {
            throw new StorageException("the backup file " + target + " exists already; name a new one", null);
        }
    }

    private static void backup(java.sql.Connection connection, Path target) throws SQLException {
        if (!connection.getMetaData().getURL().startsWith(H2)) {
            throw new StorageException("only an H2 database is backed up this way; use pg_dump for PostgreSQL", null);
        }
        try (var statement = connection.prepareStatement("BACKUP TO ?")) {
            statement.setString(1, target.toAbsolutePath().toString());
            statement.execute();
        }
    }

    /** The connection pool as it stands, for an operator's metrics. */
    public record PoolFigures(int active, int idle, int total, int waiting, int max) {}

    public PoolFigures pool() {
        var pool = dataSource.getHikariPoolMXBean();
        if (pool == null) {
            return new PoolFigures(0, 0, 0, 0, dataSource.getMaximumPoolSize());
        }
        return new PoolFigures(
                pool.getActiveConnections(),
                pool.getIdleConnections(),
                pool.getTotalConnections(),
                pool.getThreadsAwaitingConnection(),
                dataSource.getMaximumPoolSize());
    }

    /**
     * Why the database does not answer now (for a readiness check), within {@code seconds}; empty
     * when it does. Never throws.
     */
    public Optional<String> unavailable(int seconds) {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(seconds) ? Optional.empty() : Optional.of("the database does not answer");
        } catch (SQLException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Optional.of("the database cannot be reached: "
                    + reason.lines().findFirst().orElse("").strip());
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /**
     * Takes a pooled connection out of the pool when it failed because the database cannot be
     * reached or written: an embedded H2 that closed itself after an I/O error reports that with its
     * own SQL states, which the pool would otherwise keep handing out, and a new connection reopens
     * the database.
     */
    static final class EvictWhenUnavailable implements SQLExceptionOverride {
        @java.lang.Override
        public SQLExceptionOverride.Override adjudicate(SQLException failure) {
            return StorageUnavailableException.isCause(failure)
                    ? SQLExceptionOverride.Override.MUST_EVICT
                    : SQLExceptionOverride.Override.CONTINUE_EVICT;
        }
    }

    /** Connection settings; the password is kept out of {@link #toString()}. */
    public record Settings(String url, Optional<String> user, Optional<String> password, int poolSize) {
        public Settings {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (poolSize < 1) {
                throw new IllegalArgumentException("poolSize must be positive");
            }
        }

        public static Settings of(String url) {
            return new Settings(url, Optional.empty(), Optional.empty(), 4);
        }

        @Override
        public String toString() {
            return "Settings[url=" + url + ", user=" + user.orElse("") + ", poolSize=" + poolSize + "]";
        }
    }
}

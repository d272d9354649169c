package dev.redraw.core.storage;

import dev.redraw.core.access.AdminStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Bans, grants and the bot's switches in the database, read afresh on every check. */
public final class JdbcAdminStore implements AdminStore {

    private static final String PAUSED = "paused";
    private static final String RELOAD = "reload";

    private final Jdbc jdbc;

    public JdbcAdminStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, clock);
    }

    @Override
    public boolean ban(String user, String by, Instant at) {
        return jdbc.insertOnce(
                "INSERT INTO banned_users (user_key, banned_by, banned_at) VALUES (?, ?, ?)",
                user,
                by,
                Timestamp.from(at));
    }

    @Override
    public boolean unban(String user) {
        return jdbc.read(connection -> Jdbc.update(connection, "DELETE FROM banned_users WHERE user_key = ?", user))
                > 0;
    }

    @Override
    public boolean isBanned(String user) {
        return jdbc.first("SELECT 1 FROM banned_users WHERE user_key = ?", row -> true, user)
                .isPresent();
    }

    @Override
    public List<Ban> bans() {
        return jdbc.list(
                "SELECT user_key, banned_by, banned_at FROM banned_users ORDER BY banned_at, user_key",
                row -> new Ban(
                        row.getString(1), row.getString(2), row.getTimestamp(3).toInstant()));
    }

    @Override
    public int banCount() {
        return jdbc.first("SELECT COUNT(*) FROM banned_users", row -> row.getInt(1))
                .orElse(0);
    }

    @Override
    public boolean grant(String user, int images, String by, Instant at, Optional<String> request) {
        return jdbc.insertOnce(
                "INSERT INTO image_grants (user_key, images, granted_by, granted_at, request) VALUES (?, ?, ?, ?, ?)",
                user,
                images,
                by,
                Timestamp.from(at),
                request.orElse(null));
    }

    @Override
    public int grantedSince(String user, Instant since) {
        long total = jdbc.first(
                        "SELECT COALESCE(SUM(images), 0) FROM image_grants WHERE user_key = ? AND granted_at > ?",
                        row -> row.getLong(1),
                        user,
                        Timestamp.from(since))
                .orElse(0L);
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    @Override
    public boolean pause(String by, Instant at) {
        return jdbc.insertOnce(
                "INSERT INTO bot_switches (name, set_by, set_at, generation) VALUES (?, ?, ?, 1)",
                PAUSED,
                by,
                Timestamp.from(at));
    }

    @Override
    public boolean resume() {
        return jdbc.read(connection -> Jdbc.update(connection, "DELETE FROM bot_switches WHERE name = ?", PAUSED)) > 0;
    }

    @Override
    public Optional<Pause> pause() {
        return jdbc.first(
                "SELECT set_by, set_at FROM bot_switches WHERE name = ?",
                row -> new Pause(row.getString(1), row.getTimestamp(2).toInstant()),
                PAUSED);
    }

    @Override
    public Standing standing(String user) {
        // One round trip for the check every request makes.
        return jdbc.first(
                        "SELECT (SELECT COUNT(*) FROM banned_users WHERE user_key = ?), s.set_by, s.set_at"
                                + " FROM (SELECT 1 AS one) o LEFT JOIN bot_switches s ON s.name = ?",
                        row -> new Standing(
                                row.getLong(1) > 0,
                                row.getString(2) == null
                                        ? Optional.empty()
                                        : Optional.of(new Pause(
                                                row.getString(2),
                                                row.getTimestamp(3).toInstant()))),
                        user,
                        PAUSED)
                .orElseThrow();
    }

    @Override
    public long requestReload(String by, Instant at) {
        return jdbc.upsert(connection -> {
            if (Jdbc.update(
                            connection,
                            "UPDATE bot_switches SET generation = generation + 1, set_by = ?, set_at = ? WHERE name = ?",
                            by,
                            Timestamp.from(at),
                            RELOAD)
                    == 0) {
                Jdbc.update(
                        connection,
                        "INSERT INTO bot_switches (name, set_by, set_at, generation) VALUES (?, ?, ?, 1)",
                        RELOAD,
                        by,
                        Timestamp.from(at));
            }
            return Jdbc.list(
                            connection,
                            "SELECT generation FROM bot_switches WHERE name = ?",
                            row -> row.getLong(1),
                            RELOAD)
                    .getFirst();
        });
    }

    @Override
    public long reloadGeneration() {
        return jdbc.first("SELECT generation FROM bot_switches WHERE name = ?", row -> row.getLong(1), RELOAD)
                .orElse(0L);
    }
}

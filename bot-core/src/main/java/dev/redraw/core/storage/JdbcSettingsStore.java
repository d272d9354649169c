package dev.redraw.core.storage;

import dev.redraw.core.settings.ReceivedUpdate;
import dev.redraw.core.settings.SettingsStore;
import dev.redraw.core.settings.UserSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;

/** User defaults, chat switches and handled updates in the database. */
public final class JdbcSettingsStore implements SettingsStore {

    private final Jdbc jdbc;

    public JdbcSettingsStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, clock);
    }

    @Override
    public UserSettings user(String platform, String userId) {
        return jdbc.first(
                        "SELECT model, aspect_ratio, image_size, language, private_results, variations FROM user_settings"
                                + " WHERE platform = ? AND user_id = ?",
                        row -> new UserSettings(
                                Optional.ofNullable(row.getString(1)),
                                Optional.ofNullable(row.getString(2)),
                                Optional.ofNullable(row.getString(3)),
                                Optional.ofNullable(row.getString(4)),
                                row.getBoolean(5),
                                variations(row.getInt(6), row.wasNull())),
                        platform,
                        userId)
                .orElse(UserSettings.NONE);
    }

    @Override
    public void saveUser(String platform, String userId, UserSettings settings) {
        jdbc.upsert(connection -> {
            Object[] values = {
                settings.model().orElse(null),
                settings.aspectRatio().orElse(null),
                settings.imageSize().orElse(null),
                settings.language().orElse(null),
                settings.privateResults(),
                settings.variations().isPresent() ? settings.variations().getAsInt() : null,
                platform,
                userId
            };
            // Notes told are about the stored model, ratio and size; a new language or switch keeps them.
            List<Defaults> before = Jdbc.list(
                    connection,
                    "SELECT model, aspect_ratio, image_size FROM user_settings WHERE platform = ? AND user_id = ?",
                    row -> new Defaults(row.getString(1), row.getString(2), row.getString(3)),
                    platform,
                    userId);
            if (!before.stream().findFirst().orElse(Defaults.NONE).equals(Defaults.of(settings))) {
                Jdbc.update(
                        connection, "DELETE FROM told_defaults WHERE platform = ? AND user_id = ?", platform, userId);
            }
            if (Jdbc.update(
                            connection,
                            "UPDATE user_settings SET model = ?, aspect_ratio = ?, image_size = ?, language = ?, private_results = ?,"
                                    + " variations = ? WHERE platform = ? AND user_id = ?",
                            values)
                    == 0) {
                Jdbc.update(
                        connection,
                        "INSERT INTO user_settings (model, aspect_ratio, image_size, language, private_results, variations,"
                                + " platform, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        values);
            }
            return null;
        });
    }

    /** The stored settings that notes told to the user are about; null where unset. */
    private record Defaults(String model, String aspectRatio, String imageSize) {
        static final Defaults NONE = new Defaults(null, null, null);

        static Defaults of(UserSettings settings) {
            return new Defaults(
                    settings.model().orElse(null),
                    settings.aspectRatio().orElse(null),
                    settings.imageSize().orElse(null));
        }
    }

    private static OptionalInt variations(int value, boolean absent) {
        return absent ? OptionalInt.empty() : OptionalInt.of(value);
    }

    @Override
    public boolean remixAllowed(String platform, String chatId) {
        return jdbc.first(
                        "SELECT remix_allowed FROM chat_settings WHERE platform = ? AND chat_id = ?",
                        row -> row.getBoolean(1),
                        platform,
                        chatId)
                .orElse(true);
    }

    @Override
    public Optional<String> name(String platform, String userId) {
        return jdbc.first(
                "SELECT name FROM user_names WHERE platform = ? AND user_id = ?",
                row -> row.getString(1),
                platform,
                userId);
    }

    @Override
    public void saveName(String platform, String userId, String name) {
        jdbc.upsert(connection -> {
            if (Jdbc.update(
                            connection,
                            "UPDATE user_names SET name = ? WHERE platform = ? AND user_id = ?",
                            name,
                            platform,
                            userId)
                    == 0) {
                Jdbc.update(
                        connection,
                        "INSERT INTO user_names (platform, user_id, name) VALUES (?, ?, ?)",
                        platform,
                        userId,
                        name);
            }
            return null;
        });
    }

    @Override
    public void setRemixAllowed(String platform, String chatId, boolean allowed) {
        jdbc.upsert(connection -> {
            if (Jdbc.update(
                            connection,
                            "UPDATE chat_settings SET remix_allowed = ? WHERE platform = ? AND chat_id = ?",
                            allowed,
                            platform,
                            chatId)
                    == 0) {
                Jdbc.update(
                        connection,
                        "INSERT INTO chat_settings (remix_allowed, platform, chat_id) VALUES (?, ?, ?)",
                        allowed,
                        platform,
                        chatId);
            }
            return null;
        });
    }

    @Override
    public boolean firstTold(String platform, String userId, String note) {
        return jdbc.insertOnce(
                "INSERT INTO told_defaults (platform, user_id, note, told_at) VALUES (?, ?, ?, ?)",
                platform,
                userId,
                note,
                jdbc.now());
    }

    @Override
    public boolean firstDelivery(String platform, String updateKey) {
        return jdbc.read(connection -> insertOnce(connection, platform, updateKey));
    }

    @Override
    public boolean handledBefore(String platform, String updateKey) {
        return !jdbc.list(
                        "SELECT 1 FROM processed_updates WHERE platform = ? AND update_key = ?",
                        row -> row.getInt(1),
                        platform,
                        updateKey)
                .isEmpty();
    }

    @Override
    public void keepReceived(String platform, long updateId, String body) {
        jdbc.read(connection -> {
            try {
                Jdbc.update(
                        connection,
                        "INSERT INTO received_updates (platform, update_id, body, received_at) VALUES (?, ?, ?, ?)",
                        platform,
                        updateId,
                        body,
                        jdbc.now());
            } catch (SQLException e) {
                if (!Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
            return null;
        });
    }

    @Override
    public List<ReceivedUpdate> received(String platform) {
        return jdbc.list(
                "SELECT update_id, body, album, received_at FROM received_updates WHERE platform = ?"
                        + " ORDER BY update_id",
                JdbcSettingsStore::receivedUpdate,
                platform);
    }

    @Override
    public void keepReceived(String platform, long updateId, String body, String lane, String album) {
        jdbc.read(connection -> Jdbc.insertedOnce(
                connection,
                "INSERT INTO received_updates (platform, update_id, body, received_at, lane, album)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                platform,
                updateId,
                body,
                jdbc.now(),
                lane,
                album));
    }

    @Override
    public List<ReceivedUpdate> received(String platform, String lane) {
        return jdbc.list(
                "SELECT update_id, body, album, received_at FROM received_updates WHERE platform = ? AND lane = ?"
                        + " ORDER BY update_id",
                JdbcSettingsStore::receivedUpdate,
                platform,
                lane);
    }

    private static ReceivedUpdate receivedUpdate(java.sql.ResultSet row) throws SQLException {
        return new ReceivedUpdate(
                row.getLong(1),
                row.getString(2),
                Optional.ofNullable(row.getString(3)),
                row.getTimestamp(4).toInstant());
    }

    @Override
    public List<String> waitingLanes(String platform, String holder) {
        return jdbc.list(
                "SELECT DISTINCT r.lane FROM received_updates r WHERE r.platform = ? AND r.lane IS NOT NULL"
                        + " AND NOT EXISTS (SELECT 1 FROM update_lanes l WHERE l.platform = r.platform"
                        + " AND l.lane = r.lane AND l.holder <> ? AND l.lease_until > ?)",
                row -> row.getString(1),
                platform,
                holder,
                jdbc.now());
    }

    @Override
    public boolean holdLane(String platform, String lane, String holder, Duration lease) {
        return jdbc.read(connection -> {
            Timestamp now = jdbc.now();
            Timestamp until = Timestamp.from(now.toInstant().plus(lease));
            int taken = Jdbc.update(
                    connection,
                    "UPDATE update_lanes SET holder = ?, lease_until = ? WHERE platform = ? AND lane = ?"
                            + " AND (holder = ? OR lease_until <= ?)",
                    holder,
                    until,
                    platform,
                    lane,
                    holder,
                    now);
            return taken > 0
                    || Jdbc.insertedOnce(
                            connection,
                            "INSERT INTO update_lanes (platform, lane, holder, lease_until) VALUES (?, ?, ?, ?)",
                            platform,
                            lane,
                            holder,
                            until);
        });
    }

    @Override
    public boolean renewLane(String platform, String lane, String holder, Duration lease) {
        return jdbc.read(connection -> Jdbc.update(
                        connection,
                        "UPDATE update_lanes SET lease_until = ? WHERE platform = ? AND lane = ? AND holder = ?",
                        Timestamp.from(jdbc.now().toInstant().plus(lease)),
                        platform,
                        lane,
                        holder))
                > 0;
    }

    @Override
    public void releaseLane(String platform, String lane, String holder) {
        jdbc.read(connection -> Jdbc.update(
                connection,
                "DELETE FROM update_lanes WHERE platform = ? AND lane = ? AND holder = ?",
                platform,
                lane,
                holder));
    }

    @Override
    public void dropReceived(String platform, long updateId) {
        jdbc.read(connection -> Jdbc.update(
                connection, "DELETE FROM received_updates WHERE platform = ? AND update_id = ?", platform, updateId));
    }

    private boolean insertOnce(Connection connection, String platform, String updateKey) throws SQLException {
        return Jdbc.insertedOnce(
                connection,
                "INSERT INTO processed_updates (platform, update_key, created_at) VALUES (?, ?, ?)",
                platform,
                updateKey,
                jdbc.now());
    }
}

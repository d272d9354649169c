package dev.redraw.core.storage;

import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.NewTurn;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.ProviderData;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/** The conversation tree in plain SQL that runs on H2 and PostgreSQL alike. */
public final class JdbcConversationStore implements ConversationStore {

    private static final String TURN_COLUMNS =
            "t.id, t.parent_id, t.root_id, t.role, t.platform, t.chat_id, t.user_id, t.guild_id, t.model,"
                    + " t.aspect_ratio, t.image_size, t.created_at, t.quality, t.mask_sha256";

    private final Jdbc jdbc;

    public JdbcConversationStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, clock);
    }

    @Override
    public Turn append(NewTurn turn) {
        return jdbc.inTransaction(connection -> append(connection, turn));
    }

    /** Appends inside a transaction someone else owns, so a turn and its job commit together. */
    Turn append(Connection connection, NewTurn turn) throws SQLException {
        return loadTurns(connection, "t.id = ?", List.of(appendId(connection, turn)))
                .getFirst();
    }

    /** As {@link #append(Connection, NewTurn)}, for a caller that needs only the new turn's id. */
    long appendId(Connection connection, NewTurn turn) throws SQLException {
        long rootId =
                turn.parentId().isPresent() ? rootOf(connection, turn.parentId().getAsLong()) : -1;
        long id = insertTurn(connection, turn, rootId);
        insertParts(connection, id, turn.parts());
        return id;
    }

    @Override
    public Optional<Turn> find(long turnId) {
        return jdbc.read(connection ->
                loadTurns(connection, "t.id = ?", List.of(turnId)).stream().findFirst());
    }

    @Override
    public Map<Long, Turn> find(java.util.Collection<Long> turnIds) {
        if (turnIds.isEmpty()) {
            return Map.of();
        }
        List<Long> ids = List.copyOf(new java.util.LinkedHashSet<>(turnIds));
        return jdbc.read(connection -> {
            Map<Long, Turn> byId = new LinkedHashMap<>();
            for (Turn t : loadTurns(connection, "t.id IN (" + placeholders(ids.size()) + ")", ids)) {
                byId.put(t.id(), t);
            }
            return byId;
        });
    }

    @Override
    public List<Turn> path(long turnId) {
        return jdbc.read(connection -> {
            List<Long> ids = new ArrayList<>();
            try (var query = connection.prepareStatement("WITH RECURSIVE path (id, parent_id, depth) AS ("
                    + " SELECT id, parent_id, 0 FROM turns WHERE id = ?"
                    + " UNION ALL"
                    + " SELECT t.id, t.parent_id, p.depth + 1 FROM turns t JOIN path p ON t.id = p.parent_id)"
                    + " SELECT id FROM path ORDER BY depth DESC")) {
                query.setLong(1, turnId);
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
            if (ids.isEmpty()) {
                return List.of();
            }
            Map<Long, Turn> byId = new LinkedHashMap<>();
            for (Turn t : loadTurns(connection, "t.id IN (" + placeholders(ids.size()) + ")", ids)) {
                byId.put(t.id(), t);
            }
            return ids.stream().map(byId::get).toList();
        });
    }

    @Override
    public List<Turn> children(long turnId) {
        return jdbc.read(connection -> loadTurns(connection, "t.parent_id = ?", List.of(turnId)));
    }

    @Override
    public void link(MessageRef message, long turnId) {
        link(message, turnId, false);
    }

    @Override
    public void linkShared(MessageRef message, long requestTurnId) {
        link(message, requestTurnId, true);
    }

    private void link(MessageRef message, long turnId, boolean showsSeveral) {
        jdbc.inTransaction(connection -> {
            link(connection, message, turnId, showsSeveral, jdbc.now());
            return null;
        });
    }

    /** Links (or re-points) {@code message} to {@code turnId} in the caller's transaction. */
    static void link(Connection connection, MessageRef message, long turnId, boolean showsSeveral, Timestamp now)
            throws SQLException {
        try (var delete = connection.prepareStatement(
                "DELETE FROM message_links WHERE platform = ? AND chat_id = ? AND message_id = ?")) {
            bindMessage(delete, message);
            delete.executeUpdate();
        }
        try (var insert = connection.prepareStatement(
                "INSERT INTO message_links (platform, chat_id, message_id, turn_id, created_at, shows_several)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
            bindMessage(insert, message);
            insert.setLong(4, turnId);
            insert.setTimestamp(5, now);
            insert.setBoolean(6, showsSeveral);
            insert.executeUpdate();
        }
    }

    @Override
    public OptionalLong resolve(MessageRef message) {
        return jdbc.read(connection -> {
            try (var query = connection.prepareStatement(
                    "SELECT turn_id FROM message_links WHERE platform = ? AND chat_id = ? AND message_id = ?")) {
                bindMessage(query, message);
                try (var rows = query.executeQuery()) {
                    return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }

    @Override
    public List<MessageRef> links(long turnId) {
        return linksTo(turnId, false);
    }

    @Override
    public List<MessageRef> sharedLinks(long requestTurnId) {
        return linksTo(requestTurnId, true);
    }

    /** The messages linked to {@code turnId}, oldest first; with {@code sharedOnly}, those showing several images. */
    private List<MessageRef> linksTo(long turnId, boolean sharedOnly) {
        return jdbc.list(
                "SELECT platform, chat_id, message_id FROM message_links WHERE turn_id = ?"
                        + (sharedOnly ? " AND shows_several" : "")
                        + " ORDER BY created_at, message_id",
                row -> new MessageRef(row.getString(1), row.getString(2), row.getString(3)),
                turnId);
    }

    @Override
    public List<Turn> tree(long rootId, int limit) {
        return jdbc.read(connection -> {
            // By parent links, not root ids: a forgotten turn's children became roots of their own.
            List<Long> ids = Jdbc.list(
                    connection,
                    "WITH RECURSIVE tree (id) AS (SELECT id FROM turns WHERE id = ?"
                            + " UNION ALL SELECT t.id FROM turns t JOIN tree ON t.parent_id = tree.id)"
                            + " SELECT id FROM tree ORDER BY id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
                    row -> row.getLong(1),
                    rootId);
            if (ids.isEmpty()) {
                return List.of();
            }
            return loadTurns(connection, "t.id IN (" + placeholders(ids.size()) + ")", ids);
        });
    }

    @Override
    public Map<Long, List<MessageRef>> links(java.util.Collection<Long> turnIds) {
        if (turnIds.isEmpty()) {
            return Map.of();
        }
        List<Long> ids = List.copyOf(turnIds);
        return jdbc.read(connection -> {
            Map<Long, List<MessageRef>> links = new LinkedHashMap<>();
            for (var row : Jdbc.list(
                    connection,
                    "SELECT turn_id, platform, chat_id, message_id FROM message_links WHERE turn_id IN ("
                            + placeholders(ids.size()) + ") ORDER BY created_at, message_id",
                    row -> Map.entry(
                            row.getLong(1), new MessageRef(row.getString(2), row.getString(3), row.getString(4))),
                    ids.toArray())) {
                links.computeIfAbsent(row.getKey(), id -> new ArrayList<>()).add(row.getValue());
            }
            return links;
        });
    }

    @Override
    public OptionalLong newestTurn(Origin origin) {
        return jdbc.first(
                        "SELECT MAX(id) FROM turns WHERE platform = ? AND user_id = ? AND chat_id = ?",
                        row -> {
                            long id = row.getLong(1);
                            return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(id);
                        },
                        origin.platform(),
                        origin.userId(),
                        origin.chatId())
                .orElse(OptionalLong.empty());
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    @Override
    public int forget(String platform, String userId) {
        return jdbc.inTransaction(connection -> {
            String theirs = "SELECT id FROM turns WHERE platform = ? AND user_id = ?";
            Jdbc.update(
                    connection,
                    "UPDATE turns SET parent_id = NULL, root_id = id WHERE parent_id IN (" + theirs + ")"
                            + " AND NOT (platform = ? AND user_id = ?)",
                    platform,
                    userId,
                    platform,
                    userId);
            Jdbc.update(connection, "DELETE FROM jobs WHERE platform = ? AND user_id = ?", platform, userId);
            // Their gallery posts are taken down by the platform's next sweep.
            Jdbc.update(
                    connection,
                    "UPDATE gallery_posts SET forgotten = TRUE WHERE platform = ? AND author_id = ?",
                    platform,
                    userId);
            Jdbc.update(connection, "DELETE FROM user_names WHERE platform = ? AND user_id = ?", platform, userId);
            // Their tree pages, whoever's conversation they show, and what others' images they were
            // shown in their private chat (a Telegram private chat has the user's id).
            Jdbc.update(connection, "DELETE FROM tree_links WHERE platform = ? AND user_id = ?", platform, userId);
            Jdbc.update(connection, "DELETE FROM message_links WHERE platform = ? AND chat_id = ?", platform, userId);
            // Unlinked first: databases that check foreign keys row by row would refuse a parent before its child.
            Jdbc.update(
                    connection,
                    "UPDATE turns SET parent_id = NULL WHERE platform = ? AND user_id = ?",
                    platform,
                    userId);
            int deleted =
                    Jdbc.update(connection, "DELETE FROM turns WHERE platform = ? AND user_id = ?", platform, userId);
            Jdbc.update(
                    connection,
                    "DELETE FROM images WHERE NOT EXISTS"
                            + " (SELECT 1 FROM turn_parts p WHERE p.image_sha256 = images.sha256)"
                            + " AND NOT EXISTS (SELECT 1 FROM turns m WHERE m.mask_sha256 = images.sha256)");
            return deleted;
        });
    }

    @Override
    public Optional<Instant> expiredAt(long turnId) {
        return jdbc.read(connection -> Jdbc.list(
                        connection,
                        "SELECT expired_at FROM turns WHERE id = ? AND expired_at IS NOT NULL",
                        row -> row.getTimestamp(1).toInstant(),
                        turnId)
                .stream()
                .findFirst());
    }

    @Override
    public int expireUntouchedSince(Instant cutoff, Instant now) {
        return jdbc.inTransaction(connection -> {
            // Microseconds, as PostgreSQL keeps them: the mark is matched again below.
            Timestamp at = Timestamp.from(now.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
            Timestamp before = Timestamp.from(cutoff);
            List<Long> roots = Jdbc.list(
                    connection,
                    "SELECT root_id FROM turns WHERE expired_at IS NULL GROUP BY root_id HAVING MAX(created_at) < ?",
                    row -> row.getLong(1),
                    before);
            int expired = 0;
            for (Long root : roots) {
                // Checked again in the update itself: a turn added since (a user going on right now)
                // keeps the whole conversation.
                if (Jdbc.update(
                                connection,
                                "UPDATE turns SET expired_at = ? WHERE root_id = ? AND expired_at IS NULL"
                                        + " AND NOT EXISTS (SELECT 1 FROM turns newer WHERE newer.root_id = ?"
                                        + " AND newer.created_at >= ?)",
                                at,
                                root,
                                root,
                                before)
                        > 0) {
                    expired++;
                }
            }
            // Every image no kept conversation uses, including those an earlier sweep (or one on
            // another instance) had to leave because a conversation kept then used them too.
            Jdbc.update(
                    connection,
                    "DELETE FROM image_data WHERE EXISTS (SELECT 1 FROM turn_parts p JOIN turns t ON t.id = p.turn_id"
                            + " WHERE p.image_sha256 = image_data.sha256 AND t.expired_at IS NOT NULL)"
                            + " AND NOT EXISTS (SELECT 1 FROM turn_parts p JOIN turns t ON t.id = p.turn_id"
                            + " WHERE p.image_sha256 = image_data.sha256 AND t.expired_at IS NULL)"
                            + " AND NOT EXISTS (SELECT 1 FROM turns t WHERE t.mask_sha256 = image_data.sha256"
                            + " AND t.expired_at IS NULL)");
            // Their small copies for tree pages go with them.
            Jdbc.update(
                    connection,
                    "DELETE FROM thumbnails WHERE NOT EXISTS"
                            + " (SELECT 1 FROM image_data d WHERE d.sha256 = thumbnails.sha256)");
            return expired;
        });
    }

    @Override
    public OptionalLong highestMessageNumber(String platform, String chatId) {
        return jdbc.read(connection -> {
            try (var query = connection.prepareStatement(
                    "SELECT MAX(CAST(message_id AS BIGINT)) FROM message_links WHERE platform = ? AND chat_id = ?")) {
                query.setString(1, platform);
                query.setString(2, chatId);
                try (var rows = query.executeQuery()) {
                    rows.next();
                    long max = rows.getLong(1);
                    return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(max);
                }
            }
        });
    }

    private long rootOf(Connection connection, long turnId) throws SQLException {
        try (var query = connection.prepareStatement("SELECT root_id FROM turns WHERE id = ?")) {
            query.setLong(1, turnId);
            try (var rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalArgumentException("no turn " + turnId);
                }
                return rows.getLong(1);
            }
        }
    }

    private long insertTurn(Connection connection, NewTurn turn, long rootId) throws SQLException {
        long id;
        try (var insert = connection.prepareStatement(
                "INSERT INTO turns (parent_id, root_id, role, platform, chat_id, user_id, model, aspect_ratio,"
                        + " created_at, guild_id, image_size, quality, mask_sha256)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            if (turn.parentId().isPresent()) {
                insert.setLong(1, turn.parentId().getAsLong());
            } else {
                insert.setNull(1, Types.BIGINT);
            }
            if (rootId >= 0) {
                insert.setLong(2, rootId);
            } else {
                insert.setNull(2, Types.BIGINT);
            }
            insert.setString(3, turn.role().name());
            insert.setString(4, turn.origin().platform());
            insert.setString(5, turn.origin().chatId());
            insert.setString(6, turn.origin().userId());
            insert.setString(7, turn.model().orElse(null));
            insert.setString(8, turn.aspectRatio().orElse(null));
            insert.setTimestamp(9, jdbc.now());
            insert.setString(10, turn.origin().guildId().orElse(null));
            insert.setString(11, turn.imageSize().orElse(null));
            insert.setString(12, turn.quality().orElse(null));
            insert.setString(13, turn.maskSha256().orElse(null));
            insert.executeUpdate();
            try (var keys = insert.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        if (rootId < 0) {
            // A new tree: the root is its own root, so every turn of a tree shares one indexed value.
            try (var update = connection.prepareStatement("UPDATE turns SET root_id = id WHERE id = ?")) {
                update.setLong(1, id);
                update.executeUpdate();
            }
        }
        return id;
    }

    private static void insertParts(Connection connection, long turnId, List<Part> parts) throws SQLException {
        try (var insert = connection.prepareStatement(
                "INSERT INTO turn_parts (turn_id, position, kind, text_value, image_sha256, provider_dialect,"
                        + " provider_data) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < parts.size(); i++) {
                Part part = parts.get(i);
                insert.setLong(1, turnId);
                insert.setInt(2, i);
                switch (part) {
                    case Part.Text text -> {
                        insert.setString(3, "TEXT");
                        insert.setString(4, text.text());
                        insert.setNull(5, Types.CHAR);
                    }
                    case Part.Image image -> {
                        insert.setString(3, "IMAGE");
                        insert.setNull(4, Types.VARCHAR);
                        insert.setString(5, image.image().sha256());
                    }
                }
                insert.setString(
                        6, part.providerData().map(ProviderData::dialect).orElse(null));
                insert.setString(7, part.providerData().map(ProviderData::json).orElse(null));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static List<Turn> loadTurns(Connection connection, String where, List<Long> args) throws SQLException {
        Map<Long, TurnRow> rows = new LinkedHashMap<>();
        try (var query = connection.prepareStatement(
                "SELECT " + TURN_COLUMNS + " FROM turns t WHERE " + where + " ORDER BY t.id")) {
            bindLongs(query, args);
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getLong("id"), TurnRow.of(result));
                }
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        try (var query = connection.prepareStatement(
                "SELECT p.turn_id, p.kind, p.text_value, p.provider_dialect, p.provider_data,"
                        + " i.sha256, i.mime_type, i.width, i.height, i.byte_size"
                        + " FROM turns t JOIN turn_parts p ON p.turn_id = t.id"
                        + " LEFT JOIN images i ON i.sha256 = p.image_sha256"
                        + " WHERE " + where + " ORDER BY p.turn_id, p.position")) {
            bindLongs(query, args);
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    rows.get(result.getLong("turn_id")).parts().add(part(result));
                }
            }
        }
        return rows.values().stream().map(TurnRow::toTurn).toList();
    }

    private static Part part(ResultSet row) throws SQLException {
        String dialect = row.getString("provider_dialect");
        Optional<ProviderData> data = dialect == null
                ? Optional.empty()
                : Optional.of(new ProviderData(dialect, row.getString("provider_data")));
        return switch (row.getString("kind")) {
            case "TEXT" -> new Part.Text(row.getString("text_value"), data);
            case "IMAGE" -> new Part.Image(JdbcImageStore.imageRef(row), data);
            default -> throw new IllegalStateException("unknown part kind " + row.getString("kind"));
        };
    }

    private static void bindLongs(PreparedStatement statement, List<Long> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            statement.setLong(i + 1, args.get(i));
        }
    }

    private static void bindMessage(PreparedStatement statement, MessageRef message) throws SQLException {
        statement.setString(1, message.platform());
        statement.setString(2, message.chatId());
        statement.setString(3, message.messageId());
    }

    /** A turn row while its parts are being collected. */
    private record TurnRow(
            long id,
            OptionalLong parentId,
            long rootId,
            Role role,
            Origin origin,
            Optional<String> model,
            Optional<String> aspectRatio,
            Optional<String> imageSize,
            java.time.Instant createdAt,
            Optional<String> quality,
            Optional<String> maskSha256,
            List<Part> parts) {

        static TurnRow of(ResultSet row) throws SQLException {
            long parent = row.getLong("parent_id");
            OptionalLong parentId = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(parent);
            return new TurnRow(
                    row.getLong("id"),
                    parentId,
                    row.getLong("root_id"),
                    Role.valueOf(row.getString("role")),
                    Jdbc.origin(row),
                    Optional.ofNullable(row.getString("model")),
                    Optional.ofNullable(row.getString("aspect_ratio")),
                    Optional.ofNullable(row.getString("image_size")),
                    row.getTimestamp("created_at").toInstant(),
                    Optional.ofNullable(row.getString("quality")),
                    Optional.ofNullable(row.getString("mask_sha256")),
                    new ArrayList<>());
        }

        Turn toTurn() {
            return new Turn(
                    id,
                    parentId,
                    rootId,
                    role,
                    parts,
                    origin,
                    model,
                    aspectRatio,
                    imageSize,
                    createdAt,
                    quality,
                    maskSha256);
        }
    }
}

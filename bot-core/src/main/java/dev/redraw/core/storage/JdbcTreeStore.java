package dev.redraw.core.storage;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.tree.TreeStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/** Tree page links, continue links and thumbnails in the database, shared by every instance. */
public final class JdbcTreeStore implements TreeStore {

    private final Jdbc jdbc;

    public JdbcTreeStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, clock);
    }

    @Override
    public void savePage(String tokenHash, PageLink link) {
        jdbc.read(connection -> Jdbc.update(
                connection,
                "INSERT INTO tree_links (token_hash, root_id, marked_id, platform, chat_id, user_id, language,"
                        + " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                tokenHash,
                link.rootId(),
                link.markedId().isPresent() ? link.markedId().getAsLong() : null,
                link.viewer().platform(),
                link.viewer().chatId(),
                link.viewer().userId(),
                link.language(),
                Timestamp.from(link.expiresAt())));
    }

    @Override
    public Optional<PageLink> findPage(String tokenHash, Instant now) {
        return jdbc.first(
                "SELECT root_id, marked_id, platform, chat_id, user_id, language, expires_at FROM tree_links"
                        + " WHERE token_hash = ? AND expires_at > ?",
                row -> {
                    long marked = row.getLong(2);
                    OptionalLong markedId = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(marked);
                    return new PageLink(
                            row.getLong(1),
                            markedId,
                            new Origin(row.getString(3), row.getString(4), row.getString(5)),
                            row.getString(6),
                            row.getTimestamp(7).toInstant());
                },
                tokenHash,
                Timestamp.from(now));
    }

    @Override
    public void saveStart(String tokenHash, long turnId, Instant expiresAt) {
        jdbc.read(connection -> Jdbc.update(
                connection,
                "INSERT INTO start_links (token_hash, turn_id, expires_at) VALUES (?, ?, ?)",
                tokenHash,
                turnId,
                Timestamp.from(expiresAt)));
    }

    @Override
    public OptionalLong findStart(String tokenHash, Instant now) {
        return jdbc.first(
                        "SELECT turn_id FROM start_links WHERE token_hash = ? AND expires_at > ?",
                        row -> row.getLong(1),
                        tokenHash,
                        Timestamp.from(now))
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    @Override
    public int deleteExpired(Instant now) {
        return jdbc.inTransaction(connection -> Jdbc.update(
                        connection, "DELETE FROM tree_links WHERE expires_at <= ?", Timestamp.from(now))
                + Jdbc.update(connection, "DELETE FROM start_links WHERE expires_at <= ?", Timestamp.from(now)));
    }

    @Override
    public Optional<Thumbnail> thumbnail(String sha256) {
        return jdbc.first(
                "SELECT mime_type, data FROM thumbnails WHERE sha256 = ?",
                row -> new Thumbnail(row.getString(1), row.getBytes(2)),
                sha256);
    }

    @Override
    public void saveThumbnail(String sha256, Thumbnail thumbnail) {
        jdbc.insertOnce(
                "INSERT INTO thumbnails (sha256, mime_type, data) VALUES (?, ?, ?)",
                sha256,
                thumbnail.mimeType(),
                thumbnail.bytes());
    }
}

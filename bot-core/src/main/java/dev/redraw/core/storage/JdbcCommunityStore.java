package dev.redraw.core.storage;

import dev.redraw.core.settings.CommunityRules;
import dev.redraw.core.settings.CommunityStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Galleries, community rules and gallery posts in the database, shared by every instance. */
public final class JdbcCommunityStore implements CommunityStore {

    private final Jdbc jdbc;

    public JdbcCommunityStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, clock);
    }

    @Override
    public Optional<String> gallery(String platform, String community) {
        return jdbc.first(
                "SELECT chat_id FROM galleries WHERE platform = ? AND community = ?",
                row -> row.getString(1),
                platform,
                community);
    }

    @Override
    public void setGallery(String platform, String community, String chatId, String setBy, Instant at) {
        jdbc.upsert(connection -> {
            int updated = Jdbc.update(
                    connection,
                    "UPDATE galleries SET chat_id = ?, set_by = ?, set_at = ? WHERE platform = ? AND community = ?",
                    chatId,
                    setBy,
                    Timestamp.from(at),
                    platform,
                    community);
            if (updated == 0) {
                Jdbc.update(
                        connection,
                        "INSERT INTO galleries (platform, community, chat_id, set_by, set_at) VALUES (?, ?, ?, ?, ?)",
                        platform,
                        community,
                        chatId,
                        setBy,
                        Timestamp.from(at));
            }
            return null;
        });
    }

    @Override
    public void clearGallery(String platform, String community) {
        jdbc.read(connection -> Jdbc.update(
                connection, "DELETE FROM galleries WHERE platform = ? AND community = ?", platform, community));
    }

    @Override
    public CommunityRules rules(String platform, String community) {
        return jdbc.first(
                        "SELECT remix_role, auto_share FROM community_rules WHERE platform = ? AND community = ?",
                        row -> new CommunityRules(Optional.ofNullable(row.getString(1)), row.getBoolean(2)),
                        platform,
                        community)
                .orElse(CommunityRules.DEFAULT);
    }

    @Override
    public void setRemixRole(String platform, String community, Optional<String> role) {
        setRule(platform, community, "remix_role", role.orElse(null));
    }

    @Override
    public void setAutoShare(String platform, String community, boolean on) {
        setRule(platform, community, "auto_share", on);
    }

    private void setRule(String platform, String community, String column, Object value) {
        jdbc.upsert(connection -> {
            int updated = Jdbc.update(
                    connection,
                    "UPDATE community_rules SET " + column + " = ? WHERE platform = ? AND community = ?",
                    value,
                    platform,
                    community);
            if (updated == 0) {
                Jdbc.update(
                        connection,
                        "INSERT INTO community_rules (" + column + ", platform, community) VALUES (?, ?, ?)",
                        value,
                        platform,
                        community);
            }
            return null;
        });
    }

    @Override
    public Claim claim(String platform, long turnId, String authorId, String chatId, Instant at, Duration stale) {
        // Kept to the millisecond, as every database compares it back.
        Instant now = at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        // In auto-commit steps: a refused insert would end a PostgreSQL transaction.
        if (jdbc.insertOnce(
                "INSERT INTO gallery_posts (platform, turn_id, author_id, chat_id, claimed_at) VALUES (?, ?, ?, ?, ?)",
                platform,
                turnId,
                authorId,
                chatId,
                Timestamp.from(now))) {
            Optional<Long> id = jdbc.first(
                    "SELECT id FROM gallery_posts WHERE platform = ? AND turn_id = ? AND chat_id = ?",
                    row -> row.getLong(1),
                    platform,
                    turnId,
                    chatId);
            // Gone already: the author forgot the result in between.
            return id.<Claim>map(postId -> new Claim.Claimed(postId, now)).orElseGet(Claim.Pending::new);
        }
        record Existing(long id, String messageId, Timestamp claimedAt) {}
        Optional<Existing> found = jdbc.first(
                "SELECT id, message_id, claimed_at FROM gallery_posts WHERE platform = ? AND turn_id = ? AND chat_id = ?",
                row -> new Existing(row.getLong(1), row.getString(2), row.getTimestamp(3)),
                platform,
                turnId,
                chatId);
        if (found.isEmpty()) {
            return new Claim.Pending();
        }
        Existing row = found.get();
        if (row.messageId() != null) {
            return new Claim.Posted(row.messageId());
        }
        if (row.claimedAt().toInstant().plus(stale).isAfter(now)) {
            return new Claim.Pending();
        }
        // Its poster died before it finished: taken over, by one caller only.
        int taken = jdbc.read(connection -> Jdbc.update(
                connection,
                "UPDATE gallery_posts SET claimed_at = ? WHERE id = ? AND message_id IS NULL AND claimed_at = ?",
                Timestamp.from(now),
                row.id(),
                row.claimedAt()));
        return taken == 1 ? new Claim.Claimed(row.id(), now) : new Claim.Pending();
    }

    @Override
    public boolean posted(long postId, Instant claimedAt, String messageId) {
        return jdbc.read(connection -> Jdbc.update(
                        connection,
                        "UPDATE gallery_posts SET message_id = ? WHERE id = ? AND message_id IS NULL AND claimed_at = ?",
                        messageId,
                        postId,
                        Timestamp.from(claimedAt)))
                == 1;
    }

    @Override
    public void release(long postId, Instant claimedAt) {
        jdbc.read(connection -> Jdbc.update(
                connection,
                "DELETE FROM gallery_posts WHERE id = ? AND message_id IS NULL AND claimed_at = ?",
                postId,
                Timestamp.from(claimedAt)));
    }

    @Override
    public List<Removal> forgotten(String platform, int limit) {
        return jdbc.list(
                "SELECT id, chat_id, message_id FROM gallery_posts WHERE platform = ?"
                        + " AND (forgotten = TRUE OR turn_id IS NULL) AND message_id IS NOT NULL ORDER BY id"
                        + " FETCH FIRST " + limit + " ROWS ONLY",
                row -> new Removal(row.getLong(1), row.getString(2), row.getString(3)),
                platform);
    }

    @Override
    public void removed(long postId) {
        jdbc.read(connection -> Jdbc.update(connection, "DELETE FROM gallery_posts WHERE id = ?", postId));
    }
}

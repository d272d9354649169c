package dev.redraw.core.storage;

import dev.redraw.core.link.ImageLinkStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** Links to images in the database, so that every instance serves the links any instance made. */
public final class JdbcImageLinkStore implements ImageLinkStore {

    private final Jdbc jdbc;

    public JdbcImageLinkStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, clock);
    }

    @Override
    public void save(String tokenHash, String imageSha256, Instant expiresAt) {
        jdbc.read(connection -> Jdbc.update(
                connection,
                "INSERT INTO image_links (token_hash, sha256, expires_at) VALUES (?, ?, ?)",
                tokenHash,
                imageSha256,
                Timestamp.from(expiresAt)));
    }

    @Override
    public Optional<Link> find(String tokenHash, Instant now) {
        return jdbc.read(connection -> {
            try (var query = connection.prepareStatement(
                    "SELECT sha256, expires_at FROM image_links WHERE token_hash = ? AND expires_at > ?")) {
                query.setString(1, tokenHash);
                query.setTimestamp(2, Timestamp.from(now));
                try (var rows = query.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new Link(
                                    rows.getString(1), rows.getTimestamp(2).toInstant()))
                            : Optional.<Link>empty();
                }
            }
        });
    }

    @Override
    public int deleteExpired(Instant now) {
        return jdbc.read(connection ->
                Jdbc.update(connection, "DELETE FROM image_links WHERE expires_at <= ?", Timestamp.from(now)));
    }
}

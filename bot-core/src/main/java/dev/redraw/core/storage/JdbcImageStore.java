package dev.redraw.core.storage;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.ImageStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/** Images in the database, one row per distinct content hash. */
public final class JdbcImageStore implements ImageStore {

    private final Jdbc jdbc;

    public JdbcImageStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, clock);
    }

    @Override
    public ImageRef put(byte[] bytes, String sha256, String mimeType, int width, int height) {
        var ref = new ImageRef(sha256, mimeType, width, height, bytes.length);
        return jdbc.read(connection -> {
            if (exists(connection, ref.sha256())) {
                return find(connection, ref.sha256()).orElseThrow();
            }
            try (var insert = connection.prepareStatement(
                    "INSERT INTO images (sha256, mime_type, width, height, byte_size, data, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, ref.sha256());
                insert.setString(2, mimeType);
                insert.setInt(3, width);
                insert.setInt(4, height);
                insert.setLong(5, bytes.length);
                insert.setBytes(6, bytes);
                insert.setTimestamp(7, jdbc.now());
                insert.executeUpdate();
                return ref;
            } catch (SQLException e) {
                if (Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    // Stored concurrently by another request: same bytes, same row.
                    return find(connection, ref.sha256()).orElseThrow();
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<byte[]> bytes(String sha256) {
        return jdbc.read(connection -> {
            try (var query = connection.prepareStatement("SELECT data FROM images WHERE sha256 = ?")) {
                query.setString(1, sha256);
                try (var rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    @Override
    public Optional<ImageRef> find(String sha256) {
        return jdbc.read(connection -> find(connection, sha256));
    }

    private static boolean exists(Connection connection, String sha256) throws SQLException {
        try (var query = connection.prepareStatement("SELECT 1 FROM images WHERE sha256 = ?")) {
            query.setString(1, sha256);
            try (var rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static Optional<ImageRef> find(Connection connection, String sha256) throws SQLException {
        try (var query = connection.prepareStatement(
                "SELECT sha256, mime_type, width, height, byte_size FROM images WHERE sha256 = ?")) {
            query.setString(1, sha256);
            try (var rows = query.executeQuery()) {
                return rows.next() ? Optional.of(imageRef(rows)) : Optional.empty();
            }
        }
    }

    static ImageRef imageRef(ResultSet rows) throws SQLException {
        return new ImageRef(
                rows.getString("sha256"),
                rows.getString("mime_type"),
                rows.getInt("width"),
                rows.getInt("height"),
                rows.getLong("byte_size"));
    }
}

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
        Optional<Known> known = jdbc.read(connection -> known(connection, sha256));
        if (known.isPresent()) {
            if (!known.get().bytesKept()) {
                restoreBytes(sha256, bytes);
            }
            return known.get().image();
        }
        try {
            return jdbc.inTransaction(connection -> {
                Jdbc.update(
                        connection,
                        "INSERT INTO images (sha256, mime_type, width, height, byte_size, created_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?)",
                        sha256,
                        mimeType,
                        width,
                        height,
                        (long) bytes.length,
                        jdbc.now());
                try (var insert = connection.prepareStatement("INSERT INTO image_data (sha256, data) VALUES (?, ?)")) {
                    insert.setString(1, sha256);
                    insert.setBytes(2, bytes);
                    insert.executeUpdate();
                }
                return ref;
            });
        } catch (StorageException e) {
            if (!(e.getCause() instanceof SQLException sql && Jdbc.UNIQUE_VIOLATION.equals(sql.getSQLState()))) {
                throw e;
            }
            // Stored at the same moment by another request: same bytes, same row.
            return find(sha256).orElseThrow(() -> e);
        }
    }

    /** An image already stored, and whether its bytes are still there (retention may have deleted them). */
    private record Known(ImageRef image, boolean bytesKept) {}

    /** The image and whether its bytes are kept, read in one query: a result is stored on every job's path. */
    private static Optional<Known> known(Connection connection, String sha256) throws SQLException {
        try (var query = connection.prepareStatement("SELECT i.sha256, i.mime_type, i.width, i.height, i.byte_size,"
                + " EXISTS (SELECT 1 FROM image_data d WHERE d.sha256 = i.sha256) AS kept"
                + " FROM images i WHERE i.sha256 = ?")) {
            query.setString(1, sha256);
            try (var rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new Known(imageRef(rows), rows.getBoolean("kept"))) : Optional.empty();
            }
        }
    }

    /**
     * Puts the bytes of a known image back when retention deleted them (its conversations expired)
     * and the same image comes again.
     */
    private void restoreBytes(String sha256, byte[] bytes) {
        try {
            jdbc.inTransaction(connection -> {
                try (var insert = connection.prepareStatement("INSERT INTO image_data (sha256, data) VALUES (?, ?)")) {
                    insert.setString(1, sha256);
                    insert.setBytes(2, bytes);
                    return insert.executeUpdate();
                }
            });
        } catch (StorageException e) {
            if (!(e.getCause() instanceof SQLException sql && Jdbc.UNIQUE_VIOLATION.equals(sql.getSQLState()))) {
                throw e;
            }
            // Put back at the same moment by another request.
        }
    }

    @Override
    public Optional<byte[]> bytes(String sha256) {
        return jdbc.read(connection -> {
            try (var query = connection.prepareStatement("SELECT data FROM image_data WHERE sha256 = ?")) {
                query.setString(1, sha256);
                try (var rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    @Override
    public Optional<ImageRef> find(String sha256) {
        return jdbc.read(connection -> known(connection, sha256).map(Known::image));
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

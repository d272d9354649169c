package dev.redraw.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A database made while image bytes lived in the images row (at V14) keeps every image. */
class ImageDataMigrationTest {

    @TempDir
    private Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.Engine.class)
    void imagesStoredInTheirRowsKeepTheirBytes(TestDatabase.Engine engine) throws Exception {
        String url = engine.migratedTo(dir, "14");
        String sha = "ab".repeat(32);
        byte[] bytes = {9, 8, 7, 6};
        try (var connection = DriverManager.getConnection(url);
                var insert = connection.prepareStatement(
                        "INSERT INTO images (sha256, mime_type, width, height, byte_size, data, created_at)"
                                + " VALUES (?, 'image/png', 3, 2, 4, ?, CURRENT_TIMESTAMP)")) {
            insert.setString(1, sha);
            insert.setBytes(2, bytes);
            insert.executeUpdate();
        }

        Database database = Database.open(Database.Settings.of(url));
        try {
            var images = new JdbcImageStore(database.dataSource(), Clock.systemUTC());
            assertThat(images.bytes(sha)).hasValueSatisfying(b -> assertThat(b).containsExactly(bytes));
            assertThat(images.find(sha)).hasValueSatisfying(ref -> {
                assertThat(ref.width()).isEqualTo(3);
                assertThat(ref.byteSize()).isEqualTo(4);
            });
        } finally {
            database.close();
        }
    }
}

package dev.redraw.core.storage;

import java.nio.file.Path;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/** A fresh, migrated in-memory H2 database for one test. */
public final class TestDatabase {

    private TestDatabase() {}

    /**
     * The URL of an H2 file database in {@code directory} migrated only up to {@code version}, as an
     * older release left it, for tests of what a later migration does to its rows.
     */
    public static String fileAt(Path directory, String version) {
        String url = "jdbc:h2:file:" + directory.resolve("redraw").toAbsolutePath();
        Flyway.configure()
                .dataSource(url, "", "")
                .locations("classpath:db/migration")
                .target(version)
                .load()
                .migrate();
        return url;
    }

    public static Database open() {
        return Database.open(Database.Settings.of("jdbc:h2:mem:redraw-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    }
}

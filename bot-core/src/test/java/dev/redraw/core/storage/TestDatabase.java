package dev.redraw.core.storage;

import java.nio.file.Path;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/** A fresh, migrated database for one test: in-memory H2, or one of {@link TestPostgres}. */
public final class TestDatabase {

    /** The databases the bot runs on; store tests run on each. */
    public enum Engine {
        H2,
        POSTGRESQL;

        /** A fresh database of this engine, migrated to the current schema. */
        public Database open() {
            return Database.open(Database.Settings.of(url()));
        }

        /**
         * The URL of a fresh database of this engine migrated only up to {@code version}, as an older
         * release left it; an H2 one is a file in {@code directory}.
         */
        public String migratedTo(Path directory, String version) {
            return switch (this) {
                case H2 -> fileAt(directory, version);
                case POSTGRESQL -> migrate(TestPostgres.get().emptyDatabase(), version);
            };
        }

        /** The URL of a fresh database of this engine, migrated to the current schema. */
        public String url() {
            return switch (this) {
                case H2 -> "jdbc:h2:mem:redraw-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
                case POSTGRESQL -> TestPostgres.get().newDatabase();
            };
        }
    }

    private TestDatabase() {}

    /**
     * The URL of an H2 file database in {@code directory} migrated only up to {@code version}, as an
     * older release left it, for tests of what a later migration does to its rows.
     */
    public static String fileAt(Path directory, String version) {
        return migrate("jdbc:h2:file:" + directory.resolve("redraw").toAbsolutePath(), version);
    }

    private static String migrate(String url, String version) {
        Flyway.configure()
                .dataSource(url, "", "")
                .locations("classpath:db/migration")
                .target(version)
                .load()
                .migrate();
        return url;
    }

    public static Database open() {
        return Engine.H2.open();
    }
}

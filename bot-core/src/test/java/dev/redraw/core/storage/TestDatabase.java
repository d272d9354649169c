package dev.redraw.core.storage;

import java.util.UUID;

/** A fresh, migrated in-memory H2 database for one test. */
public final class TestDatabase {

    private TestDatabase() {}

    public static Database open() {
        return Database.open(Database.Settings.of("jdbc:h2:mem:redraw-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    }
}

package dev.redraw.core.storage;

import org.junit.jupiter.api.AfterEach;

/** A test with a fresh, migrated database of its own, closed after each test. */
abstract class DatabaseTest {

    protected final Database database = TestDatabase.open();

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}

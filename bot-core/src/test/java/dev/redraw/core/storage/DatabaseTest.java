package dev.redraw.core.storage;

import org.junit.jupiter.api.AfterEach;

/** A test with a fresh, migrated database of its own, closed after each test. */
abstract class DatabaseTest extends OnEachDatabase {

    protected final Database database = engine.open();

    protected DatabaseTest(TestDatabase.Engine engine) {
        super(engine);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}

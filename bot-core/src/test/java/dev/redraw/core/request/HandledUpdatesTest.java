package dev.redraw.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcSettingsStore;
import dev.redraw.core.storage.OnEachDatabase;
import dev.redraw.core.storage.TestDatabase;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandledUpdatesTest extends OnEachDatabase {

    HandledUpdatesTest(TestDatabase.Engine engine) {
        super(engine);
    }

    private final Database database = engine.open();
    private final HandledUpdates updates =
            new HandledUpdates(new JdbcSettingsStore(database.dataSource(), Clock.systemUTC()));

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anUpdateCountsAsHandledOnlyOnceItWasRecorded() {
        assertThat(updates.handledBefore("telegram", "42")).isFalse();
        assertThat(updates.handledBefore("telegram", "42"))
                .as("asking records nothing")
                .isFalse();

        assertThat(updates.recordHandled("telegram", "42")).isTrue();

        assertThat(updates.handledBefore("telegram", "42")).isTrue();
        assertThat(updates.recordHandled("telegram", "42")).isFalse();
    }

    @Test
    void eachPlatformKeepsItsOwnLedger() {
        updates.recordHandled("telegram", "7");

        assertThat(updates.handledBefore("discord", "7")).isFalse();
        assertThat(updates.recordHandled("discord", "7")).isTrue();
        assertThat(updates.handledBefore("telegram", "8")).isFalse();
    }
}

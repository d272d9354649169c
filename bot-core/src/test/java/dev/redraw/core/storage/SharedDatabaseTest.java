package dev.redraw.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which databases other processes may share, so that only those cost the job runner its looks. */
class SharedDatabaseTest {

    @TempDir
    private Path dir;

    private static boolean shared(String url) {
        try (var database = Database.open(Database.Settings.of(url))) {
            var clock = Clock.systemUTC();
            return new JdbcJobStore(
                            database.dataSource(), clock, new JdbcConversationStore(database.dataSource(), clock))
                    .shared();
        }
    }

    @Test
    void anEmbeddedH2FileIsOneProcesssOwn() {
        assertThat(shared("jdbc:h2:file:" + dir.resolve("alone"))).isFalse();
    }

    @Test
    void anH2FileServedToOthersAndPostgresqlAreShared() {
        assertThat(shared("jdbc:h2:file:" + dir.resolve("served") + ";AUTO_SERVER=TRUE"))
                .isTrue();
        assertThat(shared(TestPostgres.get().newDatabase())).isTrue();
    }
}

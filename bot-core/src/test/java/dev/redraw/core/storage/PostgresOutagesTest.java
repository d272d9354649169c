package dev.redraw.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redraw.core.conversation.NewTurn;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.job.NewJob;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What a real PostgreSQL does when it goes read-only, drops its sessions or is not there. */
class PostgresOutagesTest {

    private final TestPostgres postgres = TestPostgres.get();

    private static long accept(JdbcJobStore jobs) {
        var turn = new NewTurn(
                OptionalLong.empty(),
                Role.USER,
                List.of(new Part.Text("a fox")),
                new Origin("telegram", "chat-1", "user-1"),
                Optional.of("m"),
                Optional.empty());
        return jobs.accept(turn, new NewJob(Optional.empty(), "p", "m")).job().id();
    }

    private static JdbcJobStore jobs(Database database) {
        var clock = Clock.systemUTC();
        return new JdbcJobStore(database.dataSource(), clock, new JdbcConversationStore(database.dataSource(), clock));
    }

    /** Tries again as a caller does, once per pooled connection a dropped session left dead. */
    private static Long acceptWithinAFewTries(JdbcJobStore jobs) {
        for (int attempt = 0; attempt <= 5; attempt++) {
            try {
                return accept(jobs);
            } catch (StorageUnavailableException expected) {
                // a dead pooled connection, now evicted
            }
        }
        return null;
    }

    @Test
    void aReadOnlyDatabaseIsRefusedAtStartWithTheReason() {
        String url = postgres.newDatabase();
        postgres.admin("ALTER DATABASE " + TestPostgres.databaseOf(url) + " SET default_transaction_read_only = on");

        assertThatThrownBy(() -> Database.open(Database.Settings.of(url)))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("does not accept writes")
                .hasMessageContaining("read-only");
    }

    @Test
    void aDatabaseTurnedReadOnlyWhileRunningIsAnOutageUntilItIsWritableAgain() {
        String url = postgres.newDatabase();
        String name = TestPostgres.databaseOf(url);
        try (var database = Database.open(Database.Settings.of(url))) {
            var jobs = jobs(database);
            long before = accept(jobs);

            postgres.admin("ALTER DATABASE " + name + " SET default_transaction_read_only = on");
            postgres.dropConnections(name);
            for (int attempt = 0; attempt <= 5; attempt++) {
                assertThatThrownBy(() -> accept(jobs)).isInstanceOf(StorageUnavailableException.class);
            }
            assertThat(jobs.find(before)).as("reads still work").isPresent();

            postgres.admin("ALTER DATABASE " + name + " RESET default_transaction_read_only");
            postgres.dropConnections(name);
            assertThat(acceptWithinAFewTries(jobs))
                    .as("accepted again without a restart")
                    .isNotNull()
                    .isGreaterThan(before);
        }
    }

    @Test
    void sessionsEndedByTheServerAreReplacedWithoutARestart() {
        String url = postgres.newDatabase();
        try (var database = Database.open(Database.Settings.of(url))) {
            var jobs = jobs(database);
            long before = accept(jobs);

            postgres.dropConnections(TestPostgres.databaseOf(url));

            assertThat(acceptWithinAFewTries(jobs)).isNotNull().isGreaterThan(before);
            assertThat(jobs.find(before)).isPresent();
        }
    }

    @Test
    void aServerThatIsNotThereIsRefusedAtStartAsUnreachable() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/redraw?user=postgres&connectTimeout=5";

        assertThatThrownBy(() -> Database.open(Database.Settings.of(url)))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("cannot connect");
    }
}

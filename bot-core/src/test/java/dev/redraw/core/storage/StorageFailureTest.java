package dev.redraw.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redraw.core.conversation.NewTurn;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.job.JobStore;
import dev.redraw.core.job.NewJob;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A database that fails while the bot runs: a typed failure, and recovery without a restart. */
class StorageFailureTest {

    @TempDir
    private Path dir;

    private static NewTurn turn() {
        return new NewTurn(
                OptionalLong.empty(),
                Role.USER,
                List.of(new Part.Text("a fox")),
                new Origin("telegram", "chat-1", "user-1"),
                Optional.of("m"),
                Optional.of("1:1"));
    }

    private static long accept(JobStore jobs) {
        return jobs.accept(turn(), new NewJob(Optional.empty(), "p", "m")).job().id();
    }

    private static JdbcJobStore jobs(DataSource dataSource) {
        var clock = Clock.systemUTC();
        return new JdbcJobStore(dataSource, clock, new JdbcConversationStore(dataSource, clock));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Engine.class)
    void aDatabaseThatCannotBeReachedIsReportedAsUnavailableAndTheStoreWorksAgainOnceItIsBack(
            TestDatabase.Engine engine) {
        try (var database = engine.open()) {
            var failing = new SwitchableDataSource(database.dataSource());
            var jobs = jobs(failing);
            long first = accept(jobs);

            failing.down.set(true);
            assertThatThrownBy(() -> accept(jobs)).isInstanceOf(StorageUnavailableException.class);
            assertThatThrownBy(() -> jobs.find(first)).isInstanceOf(StorageUnavailableException.class);

            failing.down.set(false);
            assertThat(accept(jobs)).isGreaterThan(first);
            assertThat(jobs.find(first)).isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Engine.class)
    void aDatabaseThatTurnsReadOnlyIsReportedAsUnavailable(TestDatabase.Engine engine) {
        try (var database = engine.open()) {
            var jobs = jobs(database.dataSource());
            accept(jobs);
            var readOnly = new SwitchableDataSource(database.dataSource());
            readOnly.readOnly.set(true);
            assertThatThrownBy(() -> accept(jobs(readOnly))).isInstanceOf(StorageUnavailableException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Engine.class)
    void aWrongStatementIsAnErrorButNotAnOutage(TestDatabase.Engine engine) {
        try (var database = engine.open()) {
            var jdbc = new Jdbc(database.dataSource(), Clock.systemUTC());

            assertThatThrownBy(() ->
                            jdbc.read(connection -> Jdbc.update(connection, "INSERT INTO no_such_table VALUES (1)")))
                    .isInstanceOf(StorageException.class)
                    .isNotInstanceOf(StorageUnavailableException.class);
            assertThatThrownBy(() -> jdbc.inTransaction(connection -> {
                        Jdbc.update(
                                connection,
                                "INSERT INTO storage_heartbeat (id, written_at) VALUES (7, CURRENT_TIMESTAMP)");
                        return Jdbc.update(
                                connection,
                                "INSERT INTO storage_heartbeat (id, written_at) VALUES (7, CURRENT_TIMESTAMP)");
                    }))
                    .isInstanceOf(StorageException.class)
                    .isNotInstanceOf(StorageUnavailableException.class);
        }
    }

    @Test
    void connectionAndIoFailuresAreOutagesAndConstraintsAreNot() {
        assertThat(StorageUnavailableException.isCause(new SQLTransientConnectionException("pool timed out")))
                .isTrue();
        assertThat(StorageUnavailableException.isCause(new SQLException("connection refused", "08001")))
                .isTrue();
        assertThat(StorageUnavailableException.isCause(new SQLException("read-only transaction", "25006")))
                .isTrue();
        assertThat(StorageUnavailableException.isCause(new SQLException("disk full", "53100")))
                .isTrue();
        assertThat(StorageUnavailableException.isCause(new SQLException("The database is read only", "90097")))
                .isTrue();
        assertThat(StorageUnavailableException.isCause(
                        new SQLException("General error", "50000", new java.io.IOException("No space left on device"))))
                .isTrue();
        assertThat(StorageUnavailableException.isCause(new SQLIntegrityConstraintViolationException("dup", "23505")))
                .isFalse();
        assertThat(StorageUnavailableException.isCause(new SQLException("syntax", "42001")))
                .isFalse();
    }

    /**
     * An embedded H2 closes itself after a write fails (a full disk, an interrupted file channel);
     * the pooled connections are then dead. The pool must drop them and reopen the database on the
     * next calls instead of handing them out until the bot restarts.
     */
    @Test
    void thePoolRecoversByItselfAfterTheDatabaseClosedUnderIt() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("redraw").toAbsolutePath();
        try (var database = Database.open(Database.Settings.of(url))) {
            var jobs = jobs(database.dataSource());
            long before = accept(jobs);

            closeUnderThePool(database);

            // Every failure is an outage; within one attempt per pooled connection the store works again.
            Long after = null;
            for (int attempt = 0; attempt <= 4 && after == null; attempt++) {
                try {
                    after = accept(jobs);
                } catch (StorageUnavailableException expected) {
                    // a dead pooled connection, now evicted
                }
            }
            assertThat(after).as("accepted again without a restart").isNotNull().isGreaterThan(before);
            assertThat(jobs.find(before)).isPresent();
        }
    }

    /** Closes the embedded database as H2 does after a failed write, from a pooled connection. */
    private static void closeUnderThePool(Database database) {
        try (var connection = database.dataSource().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException closed) {
            // returning the connection to the pool fails: the database is gone
        }
    }

    /** A data source that can be switched to fail as a lost or read-only database does. */
    private static final class SwitchableDataSource implements DataSource {
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicBoolean readOnly = new AtomicBoolean();
        private final DataSource delegate;

        SwitchableDataSource(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down.get()) {
                throw new SQLTransientConnectionException("redraw-db - Connection is not available", "08001");
            }
            Connection connection = delegate.getConnection();
            if (!readOnly.get()) {
                return connection;
            }
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement")
                                || method.getName().equals("createStatement")) {
                            throw new SQLException("cannot execute INSERT in a read-only transaction", "25006");
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}

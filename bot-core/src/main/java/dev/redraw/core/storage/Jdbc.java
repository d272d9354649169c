package dev.redraw.core.storage;

import dev.redraw.core.conversation.Origin;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Small helpers that keep JDBC boilerplate out of the stores. */
final class Jdbc {

    /** The SQL state both H2 and PostgreSQL report when a unique key is already taken. */
    static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final Clock clock;

    Jdbc(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The current time as a column value. */
    Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    /**
     * Runs {@code work} on a pooled connection in auto-commit mode.
     *
     * @throws StorageUnavailableException when the database cannot be reached or written
     * @throws StorageException on any other database error
     */
    <T> T read(SqlFunction<Connection, T> work) {
        return shielded(() -> readNow(work));
    }

    private <T> T readNow(SqlFunction<Connection, T> work) {
        try (var connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw StorageException.of(e);
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs {@code work} in one transaction, rolled back when it throws. Once this returns, the
     * transaction is committed; a failed rollback is kept as a suppressed exception, never in place
     * of the failure that caused it.
     *
     * @throws StorageUnavailableException when the database cannot be reached or written
     * @throws StorageException on any other database error
     */
    <T> T inTransaction(SqlFunction<Connection, T> work) {
        return shielded(() -> inTransactionNow(work));
    }

    /**
     * Like {@link #inTransaction}, for work that updates a row and inserts it when there was none:
     * when another process inserted the same row in between (a unique violation), the work runs
     * once more, and then finds the row to update.
     */
    <T> T upsert(SqlFunction<Connection, T> work) {
        try {
            return inTransaction(work);
        } catch (StorageException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return inTransaction(work);
            }
            throw e;
        }
    }

    private <T> T inTransactionNow(SqlFunction<Connection, T> work) {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.apply(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException | RuntimeException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
            return result; // the pool sets auto-commit back when the connection returns

        } catch (SQLException e) {
            throw StorageException.of(e);
        }
    }

    /**
     * Runs a database call on a thread of its own that nothing can interrupt, and waits for it
     * without giving way to interrupts (the caller's interrupt is kept for after the call). An
     * interrupt reaching H2 mid-write can close its files or leave its store locked, and the pool
     * then hands out connections that never answer; job threads are interrupted on cancellation and
     * shutdown, so no database call runs on them.
     */
    private static <T> T shielded(java.util.function.Supplier<T> call) {
        var result = new java.util.concurrent.CompletableFuture<T>();
        Thread.ofVirtual().name("database-call").start(() -> {
            try {
                result.complete(call.get());
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        });
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException unchecked) {
                        throw unchecked;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new StorageException("database call failed", cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The first row a query finds on its own connection, mapped; empty when it finds none. */
    <T> java.util.Optional<T> first(String sql, SqlFunction<ResultSet, T> row, Object... values) {
        return list(sql, row, values).stream().findFirst();
    }

    /** Runs a query on its own connection; see {@link #list(Connection, String, SqlFunction, Object...)}. */
    <T> List<T> list(String sql, SqlFunction<ResultSet, T> row, Object... values) {
        return read(connection -> list(connection, sql, row, values));
    }

    /** Runs a query with its parameters bound in order and maps every row. */
    static <T> List<T> list(Connection connection, String sql, SqlFunction<ResultSet, T> row, Object... values)
            throws SQLException {
        try (var statement = bind(connection.prepareStatement(sql), values);
                var rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(row.apply(rows));
            }
            return result;
        }
    }

    /** Runs an update with its parameters bound in order. */
    static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (var statement = bind(connection.prepareStatement(sql), values)) {
            return statement.executeUpdate();
        }
    }

    /** {@link #insertedOnce(Connection, String, Object...)} on a connection of its own, in auto-commit mode. */
    boolean insertOnce(String sql, Object... values) {
        return read(connection -> insertedOnce(connection, sql, values));
    }

    /** Runs an insert; false, rather than an exception, when its unique key is already taken. */
    static boolean insertedOnce(Connection connection, String sql, Object... values) throws SQLException {
        try {
            update(connection, sql, values);
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** Binds values in order; {@code null} binds SQL NULL. */
    private static PreparedStatement bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                statement.setNull(i + 1, Types.NULL);
            } else {
                statement.setObject(i + 1, values[i]);
            }
        }
        return statement;
    }

    /** The origin columns that turns and jobs share. */
    static Origin origin(ResultSet row) throws SQLException {
        return new Origin(
                row.getString("platform"),
                row.getString("chat_id"),
                row.getString("user_id"),
                Optional.ofNullable(row.getString("guild_id")));
    }

    @FunctionalInterface
    interface SqlFunction<A, R> {
        R apply(A argument) throws SQLException;
    }
}

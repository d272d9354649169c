package dev.redraw.core.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import javax.sql.DataSource;

/** Small helpers that keep JDBC boilerplate out of the stores. */
final class Jdbc {

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

    <T> T read(SqlFunction<Connection, T> work) {
        try (var connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /** Runs {@code work} in one transaction, rolled back when it throws. */
    <T> T inTransaction(SqlFunction<Connection, T> work) {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    @FunctionalInterface
    interface SqlFunction<A, R> {
        R apply(A argument) throws SQLException;
    }
}

package dev.redraw.core.storage;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The database cannot be reached or written right now: the connection failed or timed out, the
 * database was closed, is read-only, or its disk failed or is full. Nothing of the failed call was
 * saved. It is not the request's fault and usually passes, so platforms answer with {@link
 * dev.redraw.core.text.Messages#storageUnavailable()} and the user can try again later; the
 * connection pool replaces the broken connections by itself.
 */
public final class StorageUnavailableException extends StorageException {

    /**
     * H2 error codes (H2 also reports them as the SQL state) for a database that cannot be used
     * right now: I/O errors (90028, 90031), read-only (90097), closed (90098), no disk space
     * (90100), out of memory (90108), closing (90121), in use by another process (90020).
     */
    private static final Set<String> H2_STATES =
            Set.of("90020", "90028", "90031", "90097", "90098", "90100", "90108", "90121");

    public StorageUnavailableException(SQLException cause) {
        super("database unavailable: " + cause.getMessage(), cause);
    }

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether {@code failure} means the database is unreachable or cannot be written, rather than a
     * wrong statement or a broken constraint. The SQL states are the standard connection class
     * (08), PostgreSQL's read-only transaction (25006), insufficient resources such as a full disk
     * (53), shut-down (57P) and system errors (58), and H2's equivalents; an {@link IOException}
     * anywhere among the causes counts too.
     */
    public static boolean isCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof IOException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                if (unavailableState(sql.getSQLState())) {
                    return true;
                }
                SQLException next = sql.getNextException();
                if (next != null && next != t && isCause(next)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean unavailableState(String state) {
        if (state == null) {
            return false;
        }
        return state.startsWith("08")
                || state.equals("25006")
                || state.startsWith("53")
                || state.startsWith("57P")
                || state.startsWith("58")
                || H2_STATES.contains(state);
    }
}

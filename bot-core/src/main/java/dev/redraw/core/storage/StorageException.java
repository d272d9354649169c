package dev.redraw.core.storage;

import java.sql.SQLException;

/**
 * A database failure; the bot reports it as its own fault, never the user's. When the database
 * cannot be reached or written for now, the failure is the subclass {@link
 * StorageUnavailableException}.
 */
public class StorageException extends RuntimeException {
    public StorageException(SQLException cause) {
        this("database error: " + cause.getMessage(), cause);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The exception for a failed database call: a {@link StorageUnavailableException} when the
     * database could not be reached or written (see {@link StorageUnavailableException#isCause}),
     * a plain {@code StorageException} otherwise.
     */
    public static StorageException of(SQLException cause) {
        return StorageUnavailableException.isCause(cause)
                ? new StorageUnavailableException(cause)
                : new StorageException(cause);
    }
}

package dev.redraw.core.storage;

import java.sql.SQLException;

/** A database failure; the bot reports it as its own fault, never the user's. */
public final class StorageException extends RuntimeException {
    public StorageException(SQLException cause) {
        super("database error: " + cause.getMessage(), cause);
    }
}

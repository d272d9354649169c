package dev.redraw.telegram;

import dev.redraw.core.storage.StorageException;
import dev.redraw.core.text.Messages;

/** What a user is told when handling their update failed. */
final class Failures {

    private Failures() {}

    /** Whether {@code error} comes from the bot's own storage (read-only, disk full, unreachable). */
    static boolean fromStorage(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof StorageException || cause instanceof java.sql.SQLException) {
                return true;
            }
        }
        return false;
    }

    /** Whether the bot's storage is failing (so nothing could be saved) or something else went wrong. */
    static String text(Messages texts, boolean storage) {
        return storage ? texts.storageUnavailable() : texts.internalError();
    }
}

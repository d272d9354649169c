package dev.redraw.core.admin;

import java.util.List;
import java.util.Objects;

/** Reads the bot's configuration file again and applies what can change while it runs. */
public interface ConfigReloader {

    /**
     * Reloads for an administrator's request numbered {@code generation} (see {@link
     * dev.redraw.core.access.AdminStore#requestReload}); other instances reload for it on their own.
     */
    Outcome reload(long generation);

    /** What a reload did. */
    sealed interface Outcome {}

    /** The file was read: {@code applied} took effect now, {@code atRestart} changed and waits for a restart. */
    record Applied(List<String> applied, List<String> atRestart) implements Outcome {
        public Applied {
            applied = List.copyOf(applied);
            atRestart = List.copyOf(atRestart);
        }
    }

    /** The file has a mistake, said in {@code problem} (one line naming the key); the running configuration stays. */
    record Refused(String problem) implements Outcome {
        public Refused {
            Objects.requireNonNull(problem, "problem");
        }
    }
}

package dev.redraw.app.config;

import java.util.Optional;

/**
 * A mistake in the configuration, reported at startup.
 *
 * <p>The message is always a single line so it reads well in a terminal and in log aggregators, and
 * it starts with the key path (for example {@code providers[1].base-url}) when the mistake belongs to
 * one key. Messages are built only from key names, variable names and non-secret values; no code path
 * puts a secret's value into one.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String keyPath;
    private final String problem;

    /** A problem that concerns the file as a whole (missing file, YAML syntax). */
    public ConfigException(String message) {
        this(null, message, null);
    }

    /** A problem reading the file, keeping the I/O cause for diagnosis. */
    public ConfigException(String message, Throwable cause) {
        this(null, message, cause);
    }

    private ConfigException(String keyPath, String problem, Throwable cause) {
        super(format(keyPath, problem), cause);
        this.keyPath = keyPath;
        this.problem = oneLine(problem);
    }

    /** A problem with the value at {@code keyPath}, such as {@code storage.pool-size}. */
    public static ConfigException at(String keyPath, String problem) {
        return new ConfigException(keyPath, problem, null);
    }

    /** The key path the problem belongs to; empty for whole-file problems. */
    public Optional<String> keyPath() {
        return Optional.ofNullable(keyPath);
    }

    /** What is wrong, without the key path. */
    public String problem() {
        return problem;
    }

    /**
     * Places a problem reported by a nested record under the key it was read from, so a record that
     * only knows its own keys ({@code name}) still yields a full path ({@code providers[2].name}).
     */
    ConfigException under(String parentPath) {
        if (keyPath == null || parentPath.isEmpty()) {
            return this;
        }
        return new ConfigException(KeyPaths.child(parentPath, keyPath), problem, getCause());
    }

    private static String format(String keyPath, String problem) {
        String line = oneLine(problem);
        return keyPath == null ? line : keyPath + ": " + line;
    }

    /** Joins lines and masks control characters, which would garble a terminal or a log line. */
    private static String oneLine(String text) {
        if (text == null) {
            return "invalid configuration";
        }
        return text.strip().replaceAll("\\s*\\R\\s*", " ").replace('\t', ' ').replaceAll("\\p{Cntrl}", "?");
    }
}

package dev.redraw.app.config;

/**
 * The logs, which go to standard error.
 *
 * @param format readable lines, or JSON lines for a log collector
 */
public record LoggingConfig(LogFormat format) {

    public LoggingConfig {
        Values.require(format, "format");
    }

    public static LoggingConfig defaults() {
        return new LoggingConfig(LogFormat.TEXT);
    }
}

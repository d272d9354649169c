package dev.redraw.app.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

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

    @JsonCreator
    static LoggingConfig read(@JsonProperty("format") LogFormat format) {
        return new LoggingConfig(Objects.requireNonNullElse(format, LogFormat.TEXT));
    }
}

package dev.redraw.app.ops;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import dev.redraw.app.config.LogFormat;
import dev.redraw.app.config.LoggingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies {@code logging.format} to the log appender that {@code logback.xml} sets up. */
public final class LogSetup {

    /** The appender in {@code logback.xml} that every line goes through. */
    static final String APPENDER = "STDERR";

    private LogSetup() {}

    /** Switches the logs to JSON lines when the configuration asks for them; text stays as it is. */
    public static void apply(LoggingConfig logging) {
        if (logging.format() != LogFormat.JSON
                || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (!(root.getAppender(APPENDER) instanceof ConsoleAppender<?> appender)) {
            return;
        }
        @SuppressWarnings("unchecked")
        var console = (ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>) appender;
        var encoder = new JsonLines();
        encoder.setContext(context);
        encoder.start();
        console.stop();
        console.setEncoder(encoder);
        console.start();
    }
}

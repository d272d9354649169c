package dev.redraw.core.provider.routing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The lines the router and its circuit breakers log at INFO and above while a test runs. */
final class LogLines implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger(ProviderRouter.class), (Logger)
            LoggerFactory.getLogger(CircuitBreaker.class));

    LogLines() {
        appender.start();
        loggers.forEach(logger -> logger.addAppender(appender));
    }

    /** Every line so far, formatted. */
    List<String> all() {
        return appender.list.stream()
                .filter(event -> event.getLevel().isGreaterOrEqual(Level.INFO))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** The lines so far that contain {@code text}. */
    List<String> containing(String text) {
        return all().stream().filter(line -> line.contains(text)).toList();
    }

    @Override
    public void close() {
        loggers.forEach(logger -> logger.detachAppender(appender));
    }
}

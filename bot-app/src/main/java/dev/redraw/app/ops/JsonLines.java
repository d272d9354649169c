package dev.redraw.app.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes each log event as one JSON object on one line: {@code time} (ISO-8601, UTC), {@code level},
 * {@code logger}, {@code thread}, {@code message}, then the job's fields where the line concerns
 * one ({@code job}, {@code user}, {@code chat}, {@code provider}, {@code model}, {@code outcome})
 * and {@code error} with the stack trace when there is one.
 */
public final class JsonLines extends EncoderBase<ILoggingEvent> {

    /** The logging context's keys written as fields, in this order. */
    static final List<String> FIELDS = List.of("job", "user", "chat", "provider", "model", "outcome");

    private static final byte[] NONE = new byte[0];
    private final JsonFactory json = new JsonFactory();

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        var out = new ByteArrayOutputStream(256);
        try (JsonGenerator line = json.createGenerator(out)) {
            line.writeStartObject();
            line.writeStringField(
                    "time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            line.writeStringField("level", event.getLevel().toString());
            line.writeStringField("logger", event.getLoggerName());
            line.writeStringField("thread", event.getThreadName());
            line.writeStringField("message", event.getFormattedMessage());
            Map<String, String> context = event.getMDCPropertyMap();
            for (String field : FIELDS) {
                String value = context == null ? null : context.get(field);
                if (value != null) {
                    line.writeStringField(field, value);
                }
            }
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                line.writeStringField("error", ThrowableProxyUtil.asString(error));
            }
            line.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }
}

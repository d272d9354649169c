package dev.redraw.core.provider.task;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The events of a streamed answer, one a line: server-sent events ({@code data: {…}}, with
 * {@code event:}, {@code id:}, {@code retry:} and {@code :} comment lines around them) or bare JSON
 * lines. Seed 004 names {@code replyType: stream} without describing it, so both forms are read.
 */
final class StreamEvents {

    private StreamEvents() {}

    /** The JSON an event line carries, or empty for lines that carry none. */
    static Optional<byte[]> data(String line) {
        String text = line.strip();
        if (text.startsWith("data:")) {
            text = text.substring("data:".length()).strip();
        } else if (!text.startsWith("{")) {
            return Optional.empty();
        }
        if (!text.startsWith("{")) {
            // "[DONE]" and other markers carry no event.
            return Optional.empty();
        }
        return Optional.of(text.getBytes(StandardCharsets.UTF_8));
    }
}

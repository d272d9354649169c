package dev.redraw.app.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * One answer: status, content type, body and any further headers.
 *
 * @param headers further headers, such as {@code Cache-Control}
 */
public record WebResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public WebResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    /** A short plain-text answer that no cache keeps. */
    public static WebResponse text(int status, String text) {
        return new WebResponse(
                status,
                "text/plain; charset=utf-8",
                (text + "\n").getBytes(StandardCharsets.UTF_8),
                Map.of("Cache-Control", "no-store"));
    }

    /** The one answer for anything that is not there, whatever the reason. */
    public static WebResponse notFound() {
        return text(404, "Not found");
    }

    public static WebResponse methodNotAllowed(String allowed) {
        WebResponse plain = text(405, "Method not allowed");
        return new WebResponse(
                405, plain.contentType(), plain.body(), Map.of("Cache-Control", "no-store", "Allow", allowed));
    }
}

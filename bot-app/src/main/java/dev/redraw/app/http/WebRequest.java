package dev.redraw.app.http;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request as a route sees it.
 *
 * @param method the HTTP method, upper case
 * @param path the whole path, as sent (still percent-encoded)
 * @param rest the part of the path after the route's prefix
 * @param headers the request's headers by lower-case name, each with its first value
 * @param content what the request carries, read only when a route asks for it ({@link #body()}), so
 *     that a route may refuse a request on its headers before reading anything
 */
public record WebRequest(String method, String path, String rest, Map<String, String> headers, Content content) {
    public WebRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rest, "rest");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(content, "content");
    }

    /** A request without headers or body. */
    public WebRequest(String method, String path, String rest) {
        this(method, path, rest, Map.of(), () -> new byte[0]);
    }

    /** Reads a request's body. */
    @FunctionalInterface
    public interface Content {
        /**
         * @throws TooLargeException past the largest body the server reads
         * @throws java.io.UncheckedIOException when the client went away or stalled
         */
        byte[] read();
    }

    /** The body was larger than the server reads; the server answers 413. */
    public static final class TooLargeException extends RuntimeException {
        public TooLargeException(int limit) {
            super("request body over " + limit + " bytes");
        }
    }

    /** The request's body, read now. */
    public byte[] body() {
        return content.read();
    }

    /** Whether this is a GET or a HEAD, the methods that only read. */
    public boolean reads() {
        return method.equals("GET") || method.equals("HEAD");
    }

    /** The first value of a header, by any spelling of its name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}

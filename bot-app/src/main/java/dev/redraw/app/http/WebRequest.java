package dev.redraw.app.http;

import java.util.Objects;

/**
 * One request as a route sees it.
 *
 * @param method the HTTP method, upper case
 * @param path the whole path, as sent (still percent-encoded)
 * @param rest the part of the path after the route's prefix
 */
public record WebRequest(String method, String path, String rest) {
    public WebRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rest, "rest");
    }

    /** Whether this is a GET or a HEAD, the methods that only read. */
    public boolean reads() {
        return method.equals("GET") || method.equals("HEAD");
    }
}

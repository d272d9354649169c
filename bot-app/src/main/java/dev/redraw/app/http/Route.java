package dev.redraw.app.http;

/** What a feature serves under the path it registered with {@link WebServer#route}. */
@FunctionalInterface
public interface Route {

    /** Answers one request; may run on many virtual threads at once. */
    WebResponse handle(WebRequest request);
}

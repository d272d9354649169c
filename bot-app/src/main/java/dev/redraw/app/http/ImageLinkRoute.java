package dev.redraw.app.http;

import dev.redraw.core.link.ImageLinks;
import dev.redraw.core.link.LinkedImage;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Serves image links ({@code /i/<token>}) to the models that fetch them. Only GET and HEAD; a wrong,
 * malformed or expired token gets the same 404 as a path that never existed. A served image may be
 * kept by the fetcher until its link expires, by no shared cache.
 */
public final class ImageLinkRoute implements Route {

    private final ImageLinks links;
    private final Clock clock;

    public ImageLinkRoute(ImageLinks links, Clock clock) {
        this.links = links;
        this.clock = clock;
    }

    /** Registers this route under {@link ImageLinks#PATH_PREFIX} on {@code server}. */
    public void register(WebServer server) {
        server.route(ImageLinks.PATH_PREFIX, this);
    }

    @Override
    public WebResponse handle(WebRequest request) {
        if (!request.reads()) {
            return WebResponse.methodNotAllowed("GET, HEAD");
        }
        return links.open(request.rest()).map(this::image).orElseGet(WebResponse::notFound);
    }

    private WebResponse image(LinkedImage image) {
        long seconds =
                Math.max(0, Duration.between(clock.instant(), image.expiresAt()).toSeconds());
        return new WebResponse(
                200,
                image.mimeType(),
                image.bytes(),
                Map.of("Cache-Control", "private, max-age=" + seconds + ", immutable"));
    }
}

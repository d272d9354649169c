package dev.redraw.app.http;

import dev.redraw.core.text.Messages;
import dev.redraw.core.tree.TreePage;
import dev.redraw.core.tree.Trees;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the tree pages ({@code /t/<token>}), their thumbnails ({@code /t/<token>/thumb/<sha256>})
 * and the Telegram continue addresses of their nodes ({@code /t/<token>/go/<turn>}, which makes a
 * {@code start} link and redirects to it). Only GET and HEAD; a wrong, malformed or expired token,
 * or an image or node the page does not show, gets the same 404 as a path that never existed.
 *
 * <p>Pages are never cached and send no referrer, so the token stays out of other sites' logs; they
 * run no script at all.
 */
public final class TreeRoute implements Route {

    private static final Pattern PAGE = Pattern.compile("([A-Za-z0-9_-]{43})");
    private static final Pattern THUMBNAIL = Pattern.compile("([A-Za-z0-9_-]{43})/thumb/([0-9a-f]{64})");
    private static final Pattern CONTINUE = Pattern.compile("([A-Za-z0-9_-]{43})/go/([0-9]{1,18})");

    private static final Map<String, String> PAGE_HEADERS = Map.of(
            "Cache-Control", "no-store",
            "Referrer-Policy", "no-referrer",
            "X-Robots-Tag", "noindex, nofollow",
            "X-Content-Type-Options", "nosniff",
            "Content-Security-Policy",
                    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none';"
                            + " form-action 'none'; frame-ancestors 'none'");

    private final Trees trees;
    private final Function<String, Optional<String>> telegramStart;

    /**
     * @param telegramStart the Telegram link that opens a private chat with the bot at a {@code
     *     start} token ({@code https://t.me/<bot>?start=<token>}); empty while the bot's name is not
     *     known (Telegram is off or has not started)
     */
    public TreeRoute(Trees trees, Function<String, Optional<String>> telegramStart) {
        this.trees = trees;
        this.telegramStart = telegramStart;
    }

    /** Registers this route under {@link Trees#PATH_PREFIX} on {@code server}. */
    public void register(WebServer server) {
        server.route(Trees.PATH_PREFIX, this);
    }

    @Override
    public WebResponse handle(WebRequest request) {
        if (!request.reads()) {
            return WebResponse.methodNotAllowed("GET, HEAD");
        }
        String rest = request.rest();
        Matcher page = PAGE.matcher(rest);
        if (page.matches()) {
            return trees.page(page.group(1))
                    .map(found -> page(found, page.group(1)))
                    .orElseGet(WebResponse::notFound);
        }
        Matcher thumbnail = THUMBNAIL.matcher(rest);
        if (thumbnail.matches()) {
            return thumbnail(thumbnail.group(1), thumbnail.group(2));
        }
        Matcher go = CONTINUE.matcher(rest);
        if (go.matches()) {
            if (!request.method().equals("GET")) {
                // Each visit makes a link: a HEAD must not.
                return WebResponse.methodNotAllowed("GET");
            }
            return trees.continueFrom(go.group(1), Long.parseLong(go.group(2)))
                    .flatMap(telegramStart)
                    .map(TreeRoute::redirect)
                    .orElseGet(WebResponse::notFound);
        }
        return WebResponse.notFound();
    }

    private static WebResponse page(TreePage page, String token) {
        String html =
                TreePageHtml.render(page, Messages.forLanguage(page.language()).treePage(), token);
        return new WebResponse(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), PAGE_HEADERS);
    }

    private WebResponse thumbnail(String token, String sha256) {
        try {
            return trees.thumbnail(token, sha256)
                    .map(small -> new WebResponse(
                            200,
                            small.mimeType(),
                            small.bytes(),
                            // The image behind an address never changes; the browser keeps it a day at most.
                            Map.of(
                                    "Cache-Control",
                                    "private, max-age=" + Duration.ofDays(1).toSeconds() + ", immutable",
                                    "X-Content-Type-Options",
                                    "nosniff")))
                    .orElseGet(WebResponse::notFound);
        } catch (Trees.BusyException e) {
            WebResponse busy = WebResponse.text(503, "Busy, try again shortly");
            return new WebResponse(
                    503, busy.contentType(), busy.body(), Map.of("Retry-After", "2", "Cache-Control", "no-store"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WebResponse.text(503, "Shutting down");
        }
    }

    private static WebResponse redirect(String location) {
        WebResponse plain = WebResponse.text(303, "See " + location);
        return new WebResponse(
                303,
                plain.contentType(),
                plain.body(),
                Map.of("Location", location, "Cache-Control", "no-store", "Referrer-Policy", "no-referrer"));
    }
}

package dev.redraw.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's one embedded HTTP server. Features register routes by path prefix; each request runs
 * on its own virtual thread, and at most {@code maxRequests} are handled at once (more are answered
 * 503 at once instead of piling up). Nothing is served that no route claims, and nothing is ever
 * listed.
 *
 * <p>It is the JDK's own {@code com.sun.net.httpserver} (module {@code jdk.httpserver}, supported and
 * exported): what the bot serves is a few small endpoints (image links, Telegram's webhook), which
 * needs no servlet container and no further dependency, and it takes a virtual-thread executor as is.
 * Bodies are read up to {@link #MAX_BODY}.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    /** Connections waiting to be accepted; beyond it the operating system refuses them. */
    private static final int BACKLOG = 64;
    /** The largest request body read (a Telegram update is a few kilobytes); a larger one gets 413. */
    static final int MAX_BODY = 1 << 20;

    /** The JDK server's setting for how many seconds a client may take to send a request. */
    private static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";

    /** Longest prefix first, so {@code /i/} wins over {@code /}. */
    private final Map<String, Route> routes = new ConcurrentSkipListMap<>(
            Comparator.comparingInt(String::length).reversed().thenComparing(s -> s));

    private final InetSocketAddress address;
    private final Semaphore permits;
    private HttpServer server;
    private ExecutorService executor;

    public WebServer(InetSocketAddress address, int maxRequests) {
        if (maxRequests < 1) {
            throw new IllegalArgumentException("maxRequests must be at least 1");
        }
        this.address = address;
        this.permits = new Semaphore(maxRequests);
    }

    /** Serves {@code route} for every path starting with {@code prefix}, which starts with a slash. */
    public WebServer route(String prefix, Route route) {
        if (!prefix.startsWith("/")) {
            throw new IllegalArgumentException("a route's prefix starts with '/': " + prefix);
        }
        if (routes.putIfAbsent(prefix, route) != null) {
            throw new IllegalStateException("two routes for " + prefix);
        }
        return this;
    }

    /**
     * Binds the address and starts serving.
     *
     * @throws UncheckedIOException when the address cannot be bound (taken, or not this machine's)
     */
    public synchronized void start() {
        // A client has this long to send its request (the JDK's server waits for ever by default),
        // so slow clients cannot hold every permit.
        if (System.getProperty(MAX_REQUEST_TIME) == null) {
            System.setProperty(MAX_REQUEST_TIME, "30");
        }
        try {
            server = HttpServer.create(address, BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
        LOG.info("HTTP server listening on {}", server.getAddress());
    }

    /** The address actually bound, with the port chosen when 0 was asked for. */
    public synchronized InetSocketAddress address() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress();
    }

    /** Stops accepting, gives requests in flight a second to finish, then stops. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(1);
            executor.close();
            server = null;
        }
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            if (!permits.tryAcquire()) {
                send(exchange, WebResponse.text(503, "Busy, try again shortly"));
                return;
            }
            try {
                send(exchange, answer(exchange));
            } finally {
                permits.release();
            }
        } catch (IOException e) {
            LOG.debug("HTTP client went away: {}", e.toString());
        }
    }

    private WebResponse answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        if (path == null) {
            return WebResponse.notFound();
        }
        for (var entry : routes.entrySet()) {
            if (path.startsWith(entry.getKey())) {
                WebRequest.Content body = () -> {
                    try (var in = exchange.getRequestBody()) {
                        byte[] read = in.readNBytes(MAX_BODY + 1);
                        if (read.length > MAX_BODY) {
                            throw new WebRequest.TooLargeException(MAX_BODY);
                        }
                        return read;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                };
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!values.isEmpty()) {
                        headers.put(name.toLowerCase(Locale.ROOT), values.getFirst());
                    }
                });
                try {
                    return entry.getValue()
                            .handle(new WebRequest(
                                    method, path, path.substring(entry.getKey().length()), headers, body));
                } catch (WebRequest.TooLargeException e) {
                    return WebResponse.text(413, "Too large");
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                } catch (RuntimeException e) {
                    LOG.error("HTTP {} {} failed", method, entry.getKey(), e);
                    return WebResponse.text(500, "Internal error");
                }
            }
        }
        return WebResponse.notFound();
    }

    private static void send(HttpExchange exchange, WebResponse response) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", response.contentType());
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        response.headers().forEach(headers::set);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (head) {
            headers.set("Content-Length", Integer.toString(response.body().length));
        }
        exchange.sendResponseHeaders(response.status(), head ? -1 : response.body().length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }
}

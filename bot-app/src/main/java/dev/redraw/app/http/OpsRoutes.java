package dev.redraw.app.http;

import dev.redraw.app.ops.Metrics;
import dev.redraw.app.ops.Readiness;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What an operator's tools ask of a running instance: {@code /healthz} (200 while the process
 * serves at all), {@code /readyz} (200 while the database answers and every enabled platform is
 * connected; 503 with the reasons otherwise) and {@code /metrics} (Prometheus' text format).
 */
public final class OpsRoutes {

    /** Prometheus' text exposition format. */
    static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Readiness readiness;
    private final Metrics metrics;

    public OpsRoutes(Readiness readiness, Metrics metrics) {
        this.readiness = readiness;
        this.metrics = metrics;
    }

    public void register(WebServer server) {
        server.route("/healthz", only(request -> WebResponse.text(200, "ok")));
        server.route("/readyz", only(request -> ready()));
        server.route(
                "/metrics",
                only(request -> new WebResponse(
                        200,
                        METRICS_TYPE,
                        metrics.scrape().getBytes(StandardCharsets.UTF_8),
                        Map.of("Cache-Control", "no-store"))));
    }

    private WebResponse ready() {
        List<String> problems = readiness.problems();
        return problems.isEmpty()
                ? WebResponse.text(200, "ready")
                : WebResponse.text(503, "not ready: " + String.join("; ", problems));
    }

    /** {@code route} for its exact path, read with GET or HEAD. */
    private static Route only(Route route) {
        return request -> {
            if (!request.rest().isEmpty()) {
                return WebResponse.notFound();
            }
            if (!request.reads()) {
                return WebResponse.methodNotAllowed("GET, HEAD");
            }
            return route.handle(request);
        };
    }
}

package dev.redraw.app.ops;

import dev.redraw.core.access.AdminStore;
import dev.redraw.core.request.GenerationService;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcJobStore;
import dev.redraw.core.telemetry.Telemetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's metrics, in Prometheus' text format through Micrometer: what the core reports as
 * {@link Telemetry} (jobs by outcome, job and upstream latency per provider and model, upstream
 * failures by class, images delivered, platform 429s, quota refusals), what is read when scraped
 * (queue depth, each provider's circuit, the connection pool) and the JVM's own figures. Labels
 * come from the configuration (providers, models, platforms) and from fixed lists, never from users.
 */
public final class Metrics implements Telemetry {

    private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);
    /** Histogram buckets, from a quick refusal to a slow task: a dozen, not Micrometer's seventy. */
    private static final Duration[] BUCKETS = java.util.stream.Stream.of(
                    "PT0.1S", "PT0.25S", "PT0.5S", "PT1S", "PT2.5S", "PT5S", "PT10S", "PT20S", "PT30S", "PT1M", "PT2M",
                    "PT5M", "PT10M")
            .map(Duration::parse)
            .toArray(Duration[]::new);

    /**
     * Built once the bot is ready (see {@link #start}): loading the registry and the JVM's binders
     * takes about a second of CPU on a small machine, which the start need not share. What is
     * counted before then is counted once it is built.
     */
    private final CompletableFuture<PrometheusMeterRegistry> building = new CompletableFuture<>();

    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();

    public Metrics() {}

    /** Builds the registry on a thread of its own, once; a scrape before then starts it too. */
    public void start() {
        if (started.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("metrics-start").start(() -> {
                try {
                    building.complete(build());
                } catch (RuntimeException | Error e) {
                    building.completeExceptionally(e);
                }
            });
        }
    }

    private static PrometheusMeterRegistry build() {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /** The providers whose circuit gauge is registered. */
    private final java.util.Set<String> watchedCircuits = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Counts on the registry now when it is built, else as soon as it is: never waits for it. */
    private void count(java.util.function.Consumer<PrometheusMeterRegistry> counting) {
        building.thenAccept(counting);
    }

    /** Reads the queue, the providers' circuits and the connection pool whenever the metrics are scraped. */
    public void watch(JdbcJobStore jobs, GenerationService generation, Database database, AdminStore admins) {
        building.thenAccept(registry -> {
            watch(registry, jobs, generation, database);
            gauge(
                    registry,
                    "redraw.generation.paused",
                    "1 while an administrator has paused generation, on every instance",
                    admins,
                    store -> store.pause().isPresent() ? 1 : 0);
            gauge(registry, "redraw.banned.users", "users administrators have banned", admins, AdminStore::banCount);
        });
    }

    /**
     * Reads the circuits of the providers in force now as well (after a reload brought new ones);
     * a provider a reload removed reads as missing.
     */
    public void watchCircuits(GenerationService generation) {
        building.thenAccept(registry -> circuits(registry, generation));
    }

    private void circuits(PrometheusMeterRegistry registry, GenerationService generation) {
        for (String provider : generation.circuitStates().keySet()) {
            if (watchedCircuits.add(provider)) {
                Gauge.builder(
                                "redraw.circuit.state",
                                generation,
                                g -> circuitValue(g.circuitStates().get(provider)))
                        .description("a provider's circuit breaker: 0 closed, 1 half open (one trial call), 2 open")
                        .tag("provider", provider)
                        .register(registry);
            }
        }
    }

    private void watch(
            PrometheusMeterRegistry registry, JdbcJobStore jobs, GenerationService generation, Database database) {
        gauge(
                registry,
                "redraw.queue.depth",
                "jobs waiting to start, on every instance",
                jobs,
                store -> store.queueDepth());
        circuits(registry, generation);
        pool(registry, "active", database, figures -> figures.active());
        pool(registry, "idle", database, figures -> figures.idle());
        pool(registry, "total", database, figures -> figures.total());
        pool(registry, "waiting", database, figures -> figures.waiting());
        pool(registry, "max", database, figures -> figures.max());
    }

    private static void pool(
            PrometheusMeterRegistry registry,
            String state,
            Database database,
            ToDoubleFunction<Database.PoolFigures> figure) {
        Gauge.builder("redraw.db.connections", database, db -> figure.applyAsDouble(db.pool()))
                .description("database connections of this instance's pool, by state")
                .tag("state", state)
                .register(registry);
    }

    private static <T> void gauge(
            PrometheusMeterRegistry registry, String name, String description, T source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, from -> {
                    try {
                        return value.applyAsDouble(from);
                    } catch (RuntimeException e) {
                        LOG.debug("{} could not be read: {}", name, e.toString());
                        return Double.NaN;
                    }
                })
                .description(description)
                .register(registry);
    }

    static double circuitValue(String state) {
        return switch (state == null ? "" : state) {
            case "closed" -> 0;
            case "half_open" -> 1;
            case "open" -> 2;
            default -> Double.NaN;
        };
    }

    /** Every metric in Prometheus' text exposition format. */
    public String scrape() {
        start();
        return building.join().scrape();
    }

    @Override
    public void upstreamCall(String provider, String model, Duration took, String result) {
        count(registry -> {
            Timer.builder("redraw.upstream.duration")
                    .description("calls to upstream providers, by provider, model and how they ended")
                    .tags("provider", provider, "model", model, "result", result)
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry)
                    .record(took);
            if (!result.equals("ok")) {
                Counter.builder("redraw.upstream.failures")
                        .description("upstream calls that failed, by provider and class of failure")
                        .tags("provider", provider, "class", result)
                        .register(registry)
                        .increment();
            }
        });
    }

    @Override
    public void jobFinished(String provider, String model, String outcome, Duration took) {
        count(registry -> {
            String label = outcome;
            Counter.builder("redraw.jobs")
                    .description("jobs that ended, by outcome, provider and model")
                    .tags("outcome", label, "provider", provider, "model", model)
                    .register(registry)
                    .increment();
            if (!took.isZero()) {
                Timer.builder("redraw.job.duration")
                        .description("how long jobs ran, by provider, model and outcome")
                        .tags("provider", provider, "model", model, "outcome", label)
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry)
                        .record(took);
            }
        });
    }

    @Override
    public void delivered(String platform, int images) {
        count(registry -> {
            Counter.builder("redraw.results.delivered")
                    .description("results posted, by platform")
                    .tag("platform", platform)
                    .register(registry)
                    .increment();
            Counter.builder("redraw.images.delivered")
                    .description("images posted in results, by platform")
                    .tag("platform", platform)
                    .register(registry)
                    .increment(images);
        });
    }

    @Override
    public void platformThrottled(String platform) {
        count(registry -> {
            Counter.builder("redraw.platform.throttled")
                    .description("429 answers (too many requests) from a chat platform")
                    .tag("platform", platform)
                    .register(registry)
                    .increment();
        });
    }

    @Override
    public void quotaRefused(String platform) {
        count(registry -> {
            Counter.builder("redraw.quota.refusals")
                    .description("requests refused for their user's quota, by platform")
                    .tag("platform", platform)
                    .register(registry)
                    .increment();
        });
    }
}

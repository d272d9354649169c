package dev.redraw.app;

import dev.redraw.app.config.ConfigException;
import dev.redraw.app.config.ConfigLoader;
import dev.redraw.app.config.RedrawConfig;
import dev.redraw.core.access.AdminStore;
import dev.redraw.core.admin.ConfigReloader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the configuration file again, on SIGHUP or when an administrator asks for it (on any
 * instance: each one watches the requests in the database). Access lists, quotas, providers,
 * models, generation defaults and retries apply at once; a file with a mistake is refused with the
 * usual one-line error and the running configuration stays. Other sections that changed are named
 * as applying at the next restart.
 */
final class ConfigReload implements ConfigReloader, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReload.class);

    /** How often each instance looks for an administrator's request to reload. */
    static final Duration WATCH_INTERVAL = Duration.ofSeconds(3);

    private final Path file;
    private final Map<String, String> env;
    private final Application app;
    private final AdminStore requests;
    private final ScheduledExecutorService watch;
    /** The configuration the instance started with: what waits for a restart is compared with it. */
    private final RedrawConfig started;
    /** The configuration whose access, quotas, providers, generation and retries are in force. */
    private RedrawConfig current;
    /** The newest administrator's request this instance has reloaded for (or found at its start). */
    private long seen;
    /** What the last reload did, for a request this instance has already reloaded for. */
    private Outcome last = new Applied(List.of(), List.of());

    ConfigReload(Path file, Map<String, String> env, RedrawConfig started, Application app) {
        this.file = Objects.requireNonNull(file);
        this.env = Map.copyOf(env);
        this.started = Objects.requireNonNull(started);
        this.current = started;
        this.app = Objects.requireNonNull(app);
        this.requests = app.desk().access().decisions();
        // The file was read at this start: requests made before it are done.
        this.seen = requests.reloadGeneration();
        this.watch = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("config-reload-watch").factory());
        watch.scheduleWithFixedDelay(
                this::reloadIfAsked, WATCH_INTERVAL.toMillis(), WATCH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reloads on every SIGHUP from now on, each on a thread of its own. */
    @SuppressWarnings("restriction")
    void onHangUp() {
        sun.misc.Signal.handle(
                new sun.misc.Signal("HUP"),
                signal -> Thread.ofVirtual().name("config-reload").start(this::reload));
    }

    /** An administrator's request, on this instance. */
    @Override
    public synchronized Outcome reload(long generation) {
        if (generation == seen) {
            // The watch saw this request first and has reloaded for it already.
            return last;
        }
        seen = generation;
        return reload();
    }

    private void reloadIfAsked() {
        try {
            synchronized (this) {
                // Read under the lock: a request this instance is answering right now is seen as handled.
                long asked = requests.reloadGeneration();
                // Not only a newer request: a database restored from a backup counts from lower.
                if (asked == seen) {
                    return;
                }
                seen = asked;
                LOG.info("an administrator asked every instance to reload the configuration (request {})", asked);
                reload();
            }
        } catch (RuntimeException e) {
            LOG.warn("could not look for a request to reload the configuration: {}", e.toString());
        }
    }

    /** Reads the file again and applies what can change while running. */
    synchronized Outcome reload() {
        RedrawConfig next;
        try {
            next = new ConfigLoader(env).load(file);
        } catch (ConfigException e) {
            LOG.error("configuration not reloaded, the running one stays: config error: {}", e.getMessage());
            return remembered(new Refused(e.getMessage()));
        }
        List<String> applied = new ArrayList<>();
        changed(applied, "access", current.access(), next.access());
        changed(applied, "quotas", current.quotas(), next.quotas());
        boolean providers = changed(applied, "providers", current.providers(), next.providers())
                | changed(applied, "generation", current.generation(), next.generation())
                | changed(applied, "retries", current.retries(), next.retries());
        // Everything is built before anything is swapped: a failure leaves the running one whole.
        var access = Policies.access(next);
        var quotas = Policies.quotas(next);
        if (providers) {
            try {
                app.applyProviders(next);
            } catch (RuntimeException e) {
                LOG.error("configuration not reloaded, the running one stays: providers: {}", e.getMessage());
                return remembered(new Refused("providers: " + e.getMessage()));
            }
        }
        app.desk().access().replace(access);
        app.desk().quotas().replace(quotas);
        List<String> later = new ArrayList<>();
        changed(later, "telegram", started.telegram(), next.telegram());
        changed(later, "discord", started.discord(), next.discord());
        changed(later, "images", started.images(), next.images());
        changed(later, "storage", started.storage(), next.storage());
        changed(later, "jobs", started.jobs(), next.jobs());
        changed(later, "server", started.server(), next.server());
        changed(later, "logging", started.logging(), next.logging());
        current = next;
        LOG.info(
                "configuration reloaded from {}: {}{}",
                file,
                applied.isEmpty()
                        ? "nothing that applies while running changed"
                        : String.join(", ", applied) + " apply now",
                later.isEmpty() ? "" : "; " + String.join(", ", later) + " changed and apply at the next restart");
        return remembered(new Applied(applied, later));
    }

    private Outcome remembered(Outcome outcome) {
        last = outcome;
        return outcome;
    }

    private static boolean changed(List<String> names, String section, Object before, Object after) {
        if (!before.equals(after)) {
            names.add(section);
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        watch.shutdownNow();
    }
}

package dev.redraw.app;

import dev.redraw.app.config.ConfigException;
import dev.redraw.app.config.ConfigLoader;
import dev.redraw.app.config.RedrawConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the configuration file again on SIGHUP: the access lists and quotas apply at once; a file
 * with a mistake is refused with the usual one-line error and the running configuration stays.
 * Other sections that changed are named in the log as applying at the next restart.
 */
final class ConfigReload {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReload.class);

    private final Path file;
    private final Map<String, String> env;
    private final RedrawConfig started;
    private final Application app;

    ConfigReload(Path file, Map<String, String> env, RedrawConfig started, Application app) {
        this.file = Objects.requireNonNull(file);
        this.env = Map.copyOf(env);
        this.started = Objects.requireNonNull(started);
        this.app = Objects.requireNonNull(app);
    }

    /** Reloads on every SIGHUP from now on, each on a thread of its own. */
    @SuppressWarnings("restriction")
    void onHangUp() {
        sun.misc.Signal.handle(
                new sun.misc.Signal("HUP"),
                signal -> Thread.ofVirtual().name("config-reload").start(this::reload));
    }

    /** Reads the file again and applies what can change while running; false when it was refused. */
    synchronized boolean reload() {
        RedrawConfig next;
        try {
            next = new ConfigLoader(env).load(file);
        } catch (ConfigException e) {
            LOG.error("configuration not reloaded, the running one stays: config error: {}", e.getMessage());
            return false;
        }
        app.desk().access().replace(Policies.access(next));
        app.desk().quotas().replace(Policies.quotas(next));
        List<String> later = new ArrayList<>();
        changed(later, "telegram", started.telegram(), next.telegram());
        changed(later, "discord", started.discord(), next.discord());
        changed(later, "providers", started.providers(), next.providers());
        changed(later, "generation", started.generation(), next.generation());
        changed(later, "images", started.images(), next.images());
        changed(later, "storage", started.storage(), next.storage());
        changed(later, "jobs", started.jobs(), next.jobs());
        changed(later, "retries", started.retries(), next.retries());
        changed(later, "server", started.server(), next.server());
        changed(later, "logging", started.logging(), next.logging());
        LOG.info(
                "configuration reloaded from {}: access and quotas apply now{}",
                file,
                later.isEmpty() ? "" : "; " + String.join(", ", later) + " changed and apply at the next restart");
        return true;
    }

    private static void changed(List<String> later, String section, Object before, Object after) {
        if (!before.equals(after)) {
            later.add(section);
        }
    }
}

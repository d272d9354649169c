package dev.redraw.app;

import dev.redraw.app.config.RedrawConfig;
import dev.redraw.app.config.Secret;
import dev.redraw.app.config.ServerConfig;
import dev.redraw.app.http.BackupRoute;
import dev.redraw.app.http.ImageLinkRoute;
import dev.redraw.app.http.OpsRoutes;
import dev.redraw.app.http.TreeRoute;
import dev.redraw.app.http.WebServer;
import dev.redraw.app.ops.BackupAccess;
import dev.redraw.app.ops.Metrics;
import dev.redraw.app.ops.Readiness;
import dev.redraw.core.StartupException;
import dev.redraw.core.access.AccessRules;
import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.RecentImages;
import dev.redraw.core.image.ImageIntake;
import dev.redraw.core.image.IntakePolicy;
import dev.redraw.core.job.JobRunner;
import dev.redraw.core.job.PlatformEvents;
import dev.redraw.core.job.ResultDelivery;
import dev.redraw.core.job.RunnerTiming;
import dev.redraw.core.limits.Bulkheads;
import dev.redraw.core.link.ImageLinks;
import dev.redraw.core.link.Tokens;
import dev.redraw.core.net.NoDelaySockets;
import dev.redraw.core.provider.Sleeper;
import dev.redraw.core.provider.routing.ProviderRouter;
import dev.redraw.core.quota.Quotas;
import dev.redraw.core.request.GenerationService;
import dev.redraw.core.request.RequestDesk;
import dev.redraw.core.settings.CommunityStore;
import dev.redraw.core.settings.RemixRules;
import dev.redraw.core.settings.SettingsStore;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcAdminStore;
import dev.redraw.core.storage.JdbcCommunityStore;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcImageLinkStore;
import dev.redraw.core.storage.JdbcImageStore;
import dev.redraw.core.storage.JdbcJobStore;
import dev.redraw.core.storage.JdbcSettingsStore;
import dev.redraw.core.storage.JdbcTreeStore;
import dev.redraw.core.storage.StorageException;
import dev.redraw.core.tree.Trees;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;

/** The composition root: every component, built once from the configuration and wired by hand. */
public record Application(
        Database database,
        OkHttpClient http,
        ProviderFactory providers,
        ConversationStore conversations,
        RecentImages images,
        ImageIntake intake,
        Bulkheads bulkheads,
        GenerationService generation,
        JobRunner runner,
        PlatformEvents events,
        RequestDesk desk,
        SettingsStore settings,
        Clock clock,
        Duration shutdownGrace,
        Optional<WebServer> web,
        Metrics metrics,
        Readiness readiness,
        Optional<BackupAccess> backups,
        Trees trees,
        TelegramStartLinks telegramStarts,
        CommunityStore community)
        implements AutoCloseable {

    /**
     * How many bytes of recent images are kept in memory besides the database (a result read back
     * to be posted, an edit's photos going upstream, a branch continued moments later), and for how
     * long; an idle bot empties it.
     */
    static final long RECENT_IMAGE_BYTES = 96L * 1024 * 1024;

    static final Duration RECENT_IMAGE_AGE = Duration.ofMinutes(10);

    public static Application start(RedrawConfig config) {
        // Nagle off: every call is latency-bound, and a request's last small write must not wait.
        var http = new OkHttpClient.Builder()
                .socketFactory(NoDelaySockets.INSTANCE)
                .build();
        // The one set of limits on decoding and answer reading, shared by every platform and provider.
        var bulkheads = Bulkheads.forThisMachine();
        Clock clock = Clock.systemUTC();
        var metrics = new Metrics();
        Database database = openDatabase(config);
        var conversations = new JdbcConversationStore(database.dataSource(), clock);
        var jobs = new JdbcJobStore(
                database.dataSource(), clock, conversations, config.jobs().instance());
        var stored = new JdbcImageStore(database.dataSource(), clock);
        var images = new RecentImages(stored, RECENT_IMAGE_BYTES, RECENT_IMAGE_AGE, clock);
        // Links read from the database itself: a link outliving /forget must find nothing.
        var links = new ImageLinks(
                new JdbcImageLinkStore(database.dataSource(), clock),
                stored,
                config.server().publicUrl(),
                config.server().linkLifetime(),
                clock,
                new SecureRandom());
        var providers = new ProviderFactory(http, bulkheads, links);
        var settings = new JdbcSettingsStore(database.dataSource(), clock);
        var community = new JdbcCommunityStore(database.dataSource(), clock);
        var trees = new Trees(
                conversations,
                stored,
                new JdbcTreeStore(database.dataSource(), clock),
                new RemixRules(settings, community),
                bulkheads,
                config.server().publicUrl(),
                config.server().treeLifetime(),
                clock,
                new Tokens(new SecureRandom()));
        var telegramStarts = new TelegramStartLinks();
        var intake = new ImageIntake(
                new IntakePolicy(config.images().maxPixels(), config.images().maxInputBytes()));
        var generation = new GenerationService(
                conversations,
                jobs,
                images,
                Policies.catalog(config),
                router(config, providers, clock, metrics),
                defaults(config));
        var events = new PlatformEvents();
        var runner = new JobRunner(
                jobs,
                generation::execute,
                events,
                Policies.runnerLimits(config),
                new RunnerTiming(config.jobs().lease(), RunnerTiming.DEFAULTS.poll()),
                Executors.newVirtualThreadPerTaskExecutor(),
                new ResultDelivery(jobs, events, ResultDelivery.Backoff.DEFAULT, Sleeper.REAL, metrics),
                metrics);
        // Bans, grants and the pause: decided by administrators, read by every instance on each request.
        var admins = new JdbcAdminStore(database.dataSource(), clock);
        var access = new AccessRules(Policies.access(config), admins);
        metrics.watch(jobs, generation, database, admins);
        var readiness = new Readiness(database);
        // A running bot's H2 database is copied through it, by whoever can read the token beside it.
        Optional<BackupAccess> backups = config.server().port().isPresent()
                ? Database.h2Folder(config.storage().url()).map(BackupAccess::open)
                : Optional.empty();
        var desk = new RequestDesk(
                conversations,
                access,
                new Quotas(Policies.quotas(config), jobs, clock, metrics),
                generation,
                runner,
                jobs,
                clock);
        return new Application(
                database,
                http,
                providers,
                conversations,
                images,
                intake,
                bulkheads,
                generation,
                runner,
                events,
                desk,
                settings,
                clock,
                config.jobs().shutdownGrace(),
                startWeb(
                        config.server(),
                        links,
                        new TreeRoute(trees, telegramStarts),
                        clock,
                        database,
                        new OpsRoutes(readiness, metrics),
                        backups.map(backup -> new BackupRoute(backup, database))),
                metrics,
                readiness,
                backups,
                trees,
                telegramStarts,
                community);
    }

    /** The router over {@code config}'s providers, with its retry policy. */
    private static ProviderRouter router(RedrawConfig config, ProviderFactory providers, Clock clock, Metrics metrics) {
        return new ProviderRouter(
                providers.routes(config),
                Policies.retries(config),
                Sleeper.REAL,
                clock,
                RandomGenerator.getDefault(),
                metrics);
    }

    private static GenerationService.Defaults defaults(RedrawConfig config) {
        return new GenerationService.Defaults(
                config.generation().defaultModel(),
                config.generation().defaultRatio(),
                config.generation().historyByteBudget());
    }

    /**
     * Puts {@code config}'s providers, models, generation defaults and retries in force, for the
     * requests and jobs that start from now on; jobs under way finish with the ones they started
     * with. The circuit breakers start closed.
     */
    void applyProviders(RedrawConfig config) {
        generation.replace(Policies.catalog(config), router(config, providers, clock, metrics), defaults(config));
        metrics.watchCircuits(generation);
    }

    /**
     * Starts the HTTP server when {@code server.port} is set, serving image links and the operator's
     * health, readiness and metrics; an address that cannot be bound stops the start with one line
     * naming the keys.
     */
    static Optional<WebServer> startWeb(
            ServerConfig server,
            ImageLinks links,
            TreeRoute trees,
            Clock clock,
            Database database,
            OpsRoutes ops,
            Optional<BackupRoute> backup) {
        if (server.port().isEmpty()) {
            return Optional.empty();
        }
        var web =
                new WebServer(new InetSocketAddress(server.bind(), server.port().getAsInt()), server.maxRequests());
        new ImageLinkRoute(links, clock).register(web);
        trees.register(web);
        ops.register(web);
        backup.ifPresent(route -> route.register(web));
        try {
            web.start();
        } catch (UncheckedIOException e) {
            database.close();
            throw new StartupException("server.bind/server.port: " + e.getMessage());
        }
        return Optional.of(web);
    }

    /**
     * Opens the database and checks that it accepts a committed write; a database that cannot be
     * reached, migrated or written stops the start with one line naming {@code storage.url}. The
     * password never appears in it, nor does one written into the URL.
     */
    static Database openDatabase(RedrawConfig config) {
        var storage = config.storage();
        Optional<String> password = storage.password().map(Secret::value);
        try {
            return Database.open(new Database.Settings(storage.url(), storage.user(), password, storage.poolSize()));
        } catch (StorageException e) {
            String reason = e.getMessage().lines().findFirst().orElse("").strip();
            if (password.isPresent() && !password.get().isEmpty()) {
                reason = reason.replace(password.get(), "***");
            }
            throw new StartupException(
                    "storage.url: the database " + withoutPassword(storage.url()) + " cannot be used: " + reason);
        }
    }

    /** A JDBC URL with the value of any {@code password} parameter hidden. */
    static String withoutPassword(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    /** Stops the runner (running jobs get the grace period), then the pool and the HTTP client. */
    @Override
    public void close() {
        try {
            runner.shutdown(shutdownGrace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        web.ifPresent(WebServer::close);
        backups.ifPresent(BackupAccess::close);
        database.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}

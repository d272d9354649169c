package dev.redraw.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.app.config.ConfigException;
import dev.redraw.app.config.Dialect;
import dev.redraw.app.config.ProviderConfig;
import dev.redraw.app.config.RedrawConfig;
import dev.redraw.app.config.Secret;
import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.generation.GenerationService;
import dev.redraw.core.generation.ImageProvider;
import dev.redraw.core.generation.ProviderRoute;
import dev.redraw.core.image.ImageIntake;
import dev.redraw.core.image.IntakePolicy;
import dev.redraw.core.job.JobRunner;
import dev.redraw.core.job.PlatformEvents;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.provider.ProviderKit;
import dev.redraw.core.provider.ProviderSettings;
import dev.redraw.core.provider.ResultDownloader;
import dev.redraw.core.provider.Sleeper;
import dev.redraw.core.provider.contents.ContentsProvider;
import dev.redraw.core.provider.routing.ProviderRouter;
import dev.redraw.core.provider.routing.RetryPolicy;
import dev.redraw.core.quota.Quotas;
import dev.redraw.core.request.RequestDesk;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcImageStore;
import dev.redraw.core.storage.JdbcJobStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** The composition root: every component, built once from the configuration and wired by hand. */
public record Application(
        Database database,
        OkHttpClient http,
        ConversationStore conversations,
        ImageStore images,
        ImageIntake intake,
        GenerationService generation,
        JobRunner runner,
        PlatformEvents events,
        RequestDesk desk,
        Clock clock,
        Duration shutdownGrace)
        implements AutoCloseable {

    private static final long MAX_RESULT_BYTES = 50L * 1024 * 1024;

    public static Application start(RedrawConfig config) {
        var http = new OkHttpClient();
        List<ProviderRoute> routes = providers(config, http);
        Clock clock = Clock.systemUTC();
        var storage = config.storage();
        Database database = Database.open(new Database.Settings(
                storage.url(), storage.user(), storage.password().map(Secret::value), storage.poolSize()));
        var conversations = new JdbcConversationStore(database.dataSource(), clock);
        var jobs = new JdbcJobStore(database.dataSource(), clock, conversations);
        var images = new JdbcImageStore(database.dataSource(), clock);
        var intake = new ImageIntake(
                new IntakePolicy(config.images().maxPixels(), config.images().maxInputBytes()));
        var generation = new GenerationService(
                conversations,
                jobs,
                images,
                ModelCatalog.builtIn(),
                new ProviderRouter(routes, RetryPolicy.DEFAULTS, Sleeper.REAL, clock, RandomGenerator.getDefault()),
                new GenerationService.Defaults(
                        config.generation().defaultModel(),
                        config.generation().defaultRatio(),
                        config.generation().historyByteBudget()));
        var events = new PlatformEvents();
        var runner = new JobRunner(
                jobs,
                generation::execute,
                events,
                Policies.runnerLimits(config),
                Executors.newVirtualThreadPerTaskExecutor());
        var access = Policies.access(config);
        var desk = new RequestDesk(
                access, new Quotas(Policies.quotas(config), jobs, clock), generation, runner, jobs, clock);
        return new Application(
                database,
                http,
                conversations,
                images,
                intake,
                generation,
                runner,
                events,
                desk,
                clock,
                config.jobs().shutdownGrace());
    }

    private static List<ProviderRoute> providers(RedrawConfig config, OkHttpClient http) {
        var json = new ObjectMapper();
        List<ProviderRoute> routes = new ArrayList<>();
        for (int i = 0; i < config.providers().size(); i++) {
            ProviderConfig provider = config.providers().get(i);
            routes.add(new ProviderRoute(provider(provider, i, http, json), provider.models()));
        }
        return routes;
    }

    private static ImageProvider provider(ProviderConfig provider, int index, OkHttpClient http, ObjectMapper json) {
        HttpUrl baseUrl = HttpUrl.get(provider.baseUrl().toString());
        boolean local = isLocal(baseUrl.host());
        // A provider on this machine (a test double or a local gateway) may hand back local result URLs.
        var downloader = new ResultDownloader(http, MAX_RESULT_BYTES, provider.timeout(), local);
        var settings = new ProviderSettings(
                provider.name(),
                baseUrl,
                provider.apiKey().value(),
                provider.timeout(),
                false,
                ProviderSettings.Auth.BEARER,
                ProviderSettings.Polling.DEFAULTS);
        var kit = new ProviderKit(http, json, downloader, Sleeper.REAL);
        if (provider.dialect() == Dialect.CONTENTS) {
            return new ContentsProvider(settings, kit);
        }
        throw ConfigException.at(
                "providers[" + index + "].dialect",
                "'" + provider.dialect().name().toLowerCase(java.util.Locale.ROOT)
                        + "' is not available in this build yet; use dialect: contents");
    }

    private static boolean isLocal(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    /** Stops the runner (running jobs get the grace period), then the pool and the HTTP client. */
    @Override
    public void close() {
        try {
            runner.shutdown(shutdownGrace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        database.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}

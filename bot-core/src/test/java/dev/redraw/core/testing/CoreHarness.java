package dev.redraw.core.testing;

import dev.redraw.core.access.AccessPolicy;
import dev.redraw.core.generation.ProviderRoute;
import dev.redraw.core.history.HistoryLimits;
import dev.redraw.core.image.ImageIntake;
import dev.redraw.core.image.IntakePolicy;
import dev.redraw.core.job.JobRunner;
import dev.redraw.core.job.PlatformEvents;
import dev.redraw.core.job.RunnerLimits;
import dev.redraw.core.job.StatusRecords;
import dev.redraw.core.limits.Bulkheads;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.provider.contents.ContentsProvider;
import dev.redraw.core.provider.routing.ProviderRouter;
import dev.redraw.core.quota.QuotaPolicy;
import dev.redraw.core.quota.Quotas;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.Generate;
import dev.redraw.core.request.GenerationService;
import dev.redraw.core.request.RequestDesk;
import dev.redraw.core.request.ResultActions;
import dev.redraw.core.request.ResultPosts;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcImageStore;
import dev.redraw.core.storage.JdbcJobStore;
import dev.redraw.core.storage.JdbcSettingsStore;
import dev.redraw.core.storage.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import mockwebserver3.MockWebServer;

/**
 * The core as production wires it (real storage, job runner and a contents provider at a
 * MockWebServer gateway), for platform adapters' end-to-end tests. Register the adapter's events,
 * then {@link #startRunner()}.
 */
public final class CoreHarness implements AutoCloseable {

    public static final String MODEL = "gemini-2.5-flash-image";

    public final Providers.RecordingSleeper sleeper = new Providers.RecordingSleeper();
    public final Database database = TestDatabase.open();
    public final JdbcConversationStore conversations =
            new JdbcConversationStore(database.dataSource(), Clock.systemUTC());
    public final JdbcJobStore jobs = new JdbcJobStore(database.dataSource(), Clock.systemUTC(), conversations);
    public final PlatformEvents events = new PlatformEvents();
    public final ChatServices services;
    private final JobRunner runner;

    public CoreHarness(MockWebServer gateway) {
        this(gateway, AccessPolicy.OPEN);
    }

    /** @param access who may use the bot (deny lists, allow lists, administrators) */
    public CoreHarness(MockWebServer gateway, AccessPolicy access) {
        var clock = Clock.systemUTC();
        var images = new JdbcImageStore(database.dataSource(), clock);
        var provider = new ContentsProvider(
                Providers.settings("gateway", gateway.url("/"), "sk-gateway", Duration.ofSeconds(10)),
                Providers.kit(sleeper));
        var generation = new GenerationService(
                conversations,
                jobs,
                images,
                ModelCatalog.builtIn(),
                ProviderRouter.direct(List.of(new ProviderRoute(provider, List.of(MODEL)))),
                new GenerationService.Defaults(MODEL, "1:1", HistoryLimits.DEFAULT_BYTE_BUDGET));
        runner = new JobRunner(
                jobs, generation::execute, events, RunnerLimits.DEFAULTS, Executors.newVirtualThreadPerTaskExecutor());
        var desk = new RequestDesk(
                conversations,
                access,
                new Quotas(new QuotaPolicy(1000, Duration.ofHours(24), OptionalInt.empty(), Map.of()), jobs, clock),
                generation,
                runner,
                jobs,
                clock);
        var settings = new JdbcSettingsStore(database.dataSource(), clock);
        services = new ChatServices(
                desk,
                generation,
                conversations,
                images,
                new Generate(
                        desk,
                        generation,
                        new ImageIntake(IntakePolicy.defaults()),
                        images,
                        settings,
                        Bulkheads.forThisMachine()),
                settings,
                new StatusRecords(jobs),
                new ResultActions(conversations, settings),
                new ResultPosts(conversations, images, settings),
                clock);
    }

    public void startRunner() {
        runner.start();
    }

    public boolean idle() throws InterruptedException {
        return runner.awaitIdle(Duration.ofSeconds(20));
    }

    @Override
    public void close() {
        runner.halt();
        database.close();
    }
}

package dev.redraw.core.testing;

import dev.redraw.core.access.AccessPolicy;
import dev.redraw.core.access.AccessRules;
import dev.redraw.core.admin.Administration;
import dev.redraw.core.generation.ProviderRoute;
import dev.redraw.core.history.HistoryLimits;
import dev.redraw.core.image.ImageIntake;
import dev.redraw.core.image.IntakePolicy;
import dev.redraw.core.job.JobRunner;
import dev.redraw.core.job.PlatformEvents;
import dev.redraw.core.job.ResultDelivery;
import dev.redraw.core.job.RunnerLimits;
import dev.redraw.core.job.RunnerTiming;
import dev.redraw.core.job.StatusRecords;
import dev.redraw.core.limits.Bulkheads;
import dev.redraw.core.link.Tokens;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.provider.Sleeper;
import dev.redraw.core.provider.contents.ContentsProvider;
import dev.redraw.core.provider.openai.OpenAiProvider;
import dev.redraw.core.provider.routing.ProviderRouter;
import dev.redraw.core.provider.task.TaskProvider;
import dev.redraw.core.quota.QuotaPolicy;
import dev.redraw.core.quota.Quotas;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.Generate;
import dev.redraw.core.request.GenerationService;
import dev.redraw.core.request.RequestDesk;
import dev.redraw.core.settings.RemixRules;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcAdminStore;
import dev.redraw.core.storage.JdbcCommunityStore;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcImageStore;
import dev.redraw.core.storage.JdbcJobStore;
import dev.redraw.core.storage.JdbcSettingsStore;
import dev.redraw.core.storage.JdbcTreeStore;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.telemetry.Telemetry;
import dev.redraw.core.tree.Trees;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import mockwebserver3.MockWebServer;

/**
 * The core as production wires it (real storage, job runner and a contents provider at a
 * MockWebServer gateway), for platform adapters' end-to-end tests. Register the adapter's events,
 * then {@link #startRunner()}. For tests that restart the bot, {@link #over} builds one life of the
 * core over a database that outlives it.
 */
public final class CoreHarness implements AutoCloseable {

    public static final String MODEL = "gemini-2.5-flash-image";
    /** The address tree pages are linked under: nothing serves it in these tests. */
    public static final URI PUBLIC_URL = URI.create("https://redraw.test/");
    /** A second model the gateway serves, with a size choice (1K, 2K, 4K); {@link #MODEL} has none. */
    public static final String SIZED_MODEL = "gemini-3-pro-image-preview";
    /** A third model the gateway serves, taking few ratios (auto, 1:1, 3:2, 2:3) and no size. */
    public static final String FEW_RATIOS_MODEL = "gpt-image-1";
    /**
     * A model {@link #withTaskGateway} serves in the task dialect (seed 004): it takes the long
     * ratios 1:4 4:1 1:8 8:1 and 1K/2K/4K.
     */
    public static final String TASK_MODEL = "nano-banana-2";
    /** A second model of {@link #withTaskGateway}: gpt-image-2-vip, with pixel presets per ratio and size (seed 004). */
    public static final String PIXELS_MODEL = "gpt-image-2-vip";
    /**
     * A model {@link #withOpenAiGateway} serves in the {@code openai} dialect: flux, which makes images
     * from text only and takes a pixel {@code size} from seed 003's list.
     */
    public static final String TEXT_ONLY_MODEL = "flux";
    /** Each user's images in 24 hours, unless a test says otherwise: more than any test makes. */
    static final int DAILY_IMAGES = 1000;

    public final Providers.RecordingSleeper sleeper = new Providers.RecordingSleeper();
    public final Database database;
    public final JdbcConversationStore conversations;
    public final JdbcJobStore jobs;
    public final PlatformEvents events = new PlatformEvents();
    public final ChatServices services;
    public final JobRunner runner;
    public final JdbcAdminStore admins;
    public final RecordingReloads reloads = new RecordingReloads();
    private final boolean ownsDatabase;

    public CoreHarness(MockWebServer gateway) {
        this(gateway, AccessPolicy.OPEN);
    }

    /** @param access who may use the bot (deny lists, allow lists, administrators) */
    public CoreHarness(MockWebServer gateway, AccessPolicy access) {
        this(gateway, access, DAILY_IMAGES);
    }

    /** @param imagesPerDay how many images each user may make in 24 hours */
    public CoreHarness(MockWebServer gateway, AccessPolicy access, int imagesPerDay) {
        this(gateway, access, imagesPerDay, List.of(), List.of());
    }

    /**
     * The core with {@link #TASK_MODEL} and {@link #PIXELS_MODEL} as well, spoken to in the task dialect at the same gateway
     * ({@code POST /v1/api/generate}, results as URLs the gateway serves too).
     */
    public static CoreHarness withTaskGateway(MockWebServer gateway) {
        return new CoreHarness(gateway, AccessPolicy.OPEN, DAILY_IMAGES, List.of(TASK_MODEL, PIXELS_MODEL), List.of());
    }

    /**
     * The core with {@link #TEXT_ONLY_MODEL} as well, spoken to in the {@code openai} dialect at the
     * same gateway ({@code POST /v1/images/generations}, answering {@code {"data":[{"b64_json":…}]}}).
     */
    public static CoreHarness withOpenAiGateway(MockWebServer gateway) {
        return new CoreHarness(gateway, AccessPolicy.OPEN, DAILY_IMAGES, List.of(), List.of(TEXT_ONLY_MODEL));
    }

    /**
     * One life of the bot's core over {@code database}, which {@link #close()} leaves open for the
     * next: the test kills this one ({@link #halt()}) and builds another over what it left. Calls to
     * the gateway may take 30 s; failed posts are tried again after {@code retries}.
     */
    public static CoreHarness over(Database database, MockWebServer gateway, ResultDelivery.Backoff retries) {
        return over(database, gateway, retries, List.of());
    }

    /**
     * One of several instances of the bot over one shared {@code database}, holding job leases under
     * {@code instance}; {@link #close()} leaves the database open.
     */
    public static CoreHarness instance(Database database, MockWebServer gateway, String instance) {
        return instance(database, gateway, instance, RunnerLimits.DEFAULTS);
    }

    /** Like {@link #instance(Database, MockWebServer, String)}, running jobs within {@code limits}. */
    public static CoreHarness instance(Database database, MockWebServer gateway, String instance, RunnerLimits limits) {
        return shared(database, gateway, ResultDelivery.Backoff.DEFAULT, List.of(), instance, limits);
    }

    /**
     * One of several instances over one shared {@code database}, under {@code instance}, with these
     * access rules and daily images; {@link #close()} leaves the database open.
     */
    public static CoreHarness instance(
            Database database, MockWebServer gateway, String instance, AccessPolicy access, int imagesPerDay) {
        return new CoreHarness(
                gateway,
                access,
                database,
                false,
                Duration.ofSeconds(30),
                ResultDelivery.Backoff.DEFAULT,
                imagesPerDay,
                List.of(),
                List.of(),
                instance,
                RunnerLimits.DEFAULTS);
    }

    /** Like {@link #over}, with the task dialect's models of {@link #withTaskGateway} as well. */
    public static CoreHarness overWithTaskGateway(
            Database database, MockWebServer gateway, ResultDelivery.Backoff retries) {
        return over(database, gateway, retries, List.of(TASK_MODEL, PIXELS_MODEL));
    }

    private static CoreHarness over(
            Database database, MockWebServer gateway, ResultDelivery.Backoff retries, List<String> taskModels) {
        return shared(database, gateway, retries, taskModels, JdbcJobStore.DEFAULT_INSTANCE, RunnerLimits.DEFAULTS);
    }

    /** A core over a database others may share, which {@link #close()} leaves open. */
    private static CoreHarness shared(
            Database database,
            MockWebServer gateway,
            ResultDelivery.Backoff retries,
            List<String> taskModels,
            String instance,
            RunnerLimits limits) {
        return new CoreHarness(
                gateway,
                AccessPolicy.OPEN,
                database,
                false,
                Duration.ofSeconds(30),
                retries,
                DAILY_IMAGES,
                taskModels,
                List.of(),
                instance,
                limits);
    }

    /** The core over a database of its own, calls to the gateway taking up to 10 s. */
    private CoreHarness(
            MockWebServer gateway,
            AccessPolicy access,
            int imagesPerDay,
            List<String> taskModels,
            List<String> openAiModels) {
        this(
                gateway,
                access,
                TestDatabase.open(),
                true,
                Duration.ofSeconds(10),
                ResultDelivery.Backoff.DEFAULT,
                imagesPerDay,
                taskModels,
                openAiModels,
                JdbcJobStore.DEFAULT_INSTANCE,
                RunnerLimits.DEFAULTS);
    }

    private CoreHarness(
            MockWebServer gateway,
            AccessPolicy access,
            Database database,
            boolean ownsDatabase,
            Duration callTimeout,
            ResultDelivery.Backoff retries,
            int imagesPerDay,
            List<String> taskModels,
            List<String> openAiModels,
            String instance,
            RunnerLimits limits) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        var clock = Clock.systemUTC();
        conversations = new JdbcConversationStore(database.dataSource(), clock);
        jobs = new JdbcJobStore(database.dataSource(), clock, conversations, instance);
        var images = new JdbcImageStore(database.dataSource(), clock);
        var provider = new ContentsProvider(
                Providers.settings("gateway", gateway.url("/"), "sk-gateway", callTimeout), Providers.kit(sleeper));
        var routes = new ArrayList<ProviderRoute>();
        routes.add(new ProviderRoute(provider, List.of(MODEL, SIZED_MODEL, FEW_RATIOS_MODEL)));
        if (!taskModels.isEmpty()) {
            var tasks = new TaskProvider(
                    Providers.settings("tasks", gateway.url("/"), "sk-tasks", callTimeout), Providers.kit(sleeper));
            routes.add(new ProviderRoute(tasks, taskModels));
        }
        if (!openAiModels.isEmpty()) {
            var openAi = new OpenAiProvider(
                    Providers.settings("images", gateway.url("/"), "sk-images", callTimeout), Providers.kit(sleeper));
            routes.add(new ProviderRoute(openAi, openAiModels));
        }
        var router = ProviderRouter.direct(routes);
        admins = new JdbcAdminStore(database.dataSource(), clock);
        var rules = new AccessRules(access, admins);
        var quotas = new Quotas(
                new QuotaPolicy(imagesPerDay, Duration.ofHours(24), OptionalInt.empty(), Map.of()),
                jobs,
                clock,
                Telemetry.NONE);
        var generation = new GenerationService(
                conversations,
                jobs,
                images,
                ModelCatalog.builtIn(),
                router,
                new GenerationService.Defaults(MODEL, "1:1", HistoryLimits.DEFAULT_BYTE_BUDGET));
        runner = new JobRunner(
                jobs,
                generation::execute,
                events,
                limits,
                RunnerTiming.DEFAULTS,
                Executors.newVirtualThreadPerTaskExecutor(),
                new ResultDelivery(jobs, events, retries, Sleeper.REAL),
                Telemetry.NONE);
        var desk = new RequestDesk(conversations, rules, quotas, generation, runner, jobs, clock);
        var settings = new JdbcSettingsStore(database.dataSource(), clock);
        var community = new JdbcCommunityStore(database.dataSource(), clock);
        services = ChatServices.of(
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
                clock,
                Telemetry.NONE,
                new Administration(rules, quotas, jobs, conversations, router::circuitStates, reloads, clock),
                new Trees(
                        conversations,
                        images,
                        new JdbcTreeStore(database.dataSource(), clock),
                        new RemixRules(settings, community),
                        Bulkheads.forThisMachine(),
                        Optional.of(PUBLIC_URL),
                        Duration.ofDays(7),
                        clock,
                        new Tokens(new SecureRandom())),
                community);
    }

    public void startRunner() {
        runner.start();
    }

    public boolean idle() throws InterruptedException {
        return runner.awaitIdle(Duration.ofSeconds(20));
    }

    /** Stops at once, as a crash would: nothing more is recorded or posted; the database stays open. */
    public void halt() {
        runner.halt();
    }

    @Override
    public void close() {
        runner.halt();
        if (ownsDatabase) {
            database.close();
        }
    }
}

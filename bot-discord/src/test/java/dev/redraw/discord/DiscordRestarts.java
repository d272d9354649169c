package dev.redraw.discord;

import dev.redraw.core.access.AccessPolicy;
import dev.redraw.core.generation.ProviderRoute;
import dev.redraw.core.history.HistoryLimits;
import dev.redraw.core.image.ImageIntake;
import dev.redraw.core.image.IntakePolicy;
import dev.redraw.core.job.JobRunner;
import dev.redraw.core.job.PlatformEvents;
import dev.redraw.core.job.ResultDelivery;
import dev.redraw.core.job.RunnerLimits;
import dev.redraw.core.job.StatusRecords;
import dev.redraw.core.limits.Bulkheads;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.provider.Sleeper;
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
import dev.redraw.core.testing.CoreHarness;
import dev.redraw.core.testing.Providers;
import dev.redraw.discord.fake.FakeDiscord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import mockwebserver3.MockWebServer;

/**
 * The bot and the core as production wires them, over one database and one fake Discord, started
 * as often as a test likes: a {@link Run} can be killed (JDA dropped, the runner halted without
 * recording anything, as a crash would) and a new one started over what it left. Failed posts are
 * retried after 100 ms doubling to 1 s.
 */
final class DiscordRestarts implements AutoCloseable {

    static final String MODEL = CoreHarness.MODEL;

    final FakeDiscord discord = new FakeDiscord().start();
    final Database database = TestDatabase.open();
    final JdbcJobStore jobs;
    final JdbcConversationStore conversations;
    private final MockWebServer gateway;
    private final Pacing pacing;
    private final List<Run> runs = new ArrayList<>();

    DiscordRestarts(MockWebServer gateway, Pacing pacing) {
        this.gateway = gateway;
        this.pacing = pacing;
        this.conversations = new JdbcConversationStore(database.dataSource(), Clock.systemUTC());
        this.jobs = new JdbcJobStore(database.dataSource(), Clock.systemUTC(), conversations);
    }

    /** A new run of the bot over the same database, registered but not started. */
    Run run() {
        Run run = new Run();
        runs.add(run);
        return run;
    }

    /** One life of the bot process. */
    final class Run {
        final PlatformEvents events = new PlatformEvents();
        final ChatServices services;
        final JobRunner runner;
        final DiscordBot bot;

        private Run() {
            var clock = Clock.systemUTC();
            var turns = new JdbcConversationStore(database.dataSource(), clock);
            var store = new JdbcJobStore(database.dataSource(), clock, turns);
            var images = new JdbcImageStore(database.dataSource(), clock);
            var provider = new ContentsProvider(
                    Providers.settings("gateway", gateway.url("/"), "sk-gateway", Duration.ofSeconds(30)),
                    Providers.kit(new Providers.RecordingSleeper()));
            var generation = new GenerationService(
                    turns,
                    store,
                    images,
                    ModelCatalog.builtIn(),
                    ProviderRouter.direct(List.of(new ProviderRoute(provider, List.of(MODEL)))),
                    new GenerationService.Defaults(MODEL, "1:1", HistoryLimits.DEFAULT_BYTE_BUDGET));
            var delivery = new ResultDelivery(
                    store,
                    events,
                    new ResultDelivery.Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
                    Sleeper.REAL);
            runner = new JobRunner(
                    store,
                    generation::execute,
                    events,
                    RunnerLimits.DEFAULTS,
                    Executors.newVirtualThreadPerTaskExecutor(),
                    delivery);
            var desk = new RequestDesk(
                    turns,
                    AccessPolicy.OPEN,
                    new Quotas(
                            new QuotaPolicy(1000, Duration.ofHours(24), OptionalInt.empty(), Map.of()), store, clock),
                    generation,
                    runner,
                    store,
                    clock);
            var settings = new JdbcSettingsStore(database.dataSource(), clock);
            services = new ChatServices(
                    desk,
                    generation,
                    turns,
                    images,
                    new Generate(
                            desk,
                            generation,
                            new ImageIntake(IntakePolicy.defaults()),
                            images,
                            settings,
                            Bulkheads.forThisMachine()),
                    settings,
                    new StatusRecords(store),
                    new ResultActions(turns, settings),
                    new ResultPosts(turns, images, settings),
                    clock);
            bot = new DiscordBot(DiscordHarness.settings(discord), services, pacing);
            bot.register(events);
        }

        /** Starts the runner, then connects the bot, as the application does. */
        Run start() throws InterruptedException {
            runner.start();
            bot.start();
            return this;
        }

        /** Dies at once: nothing more is posted or recorded. */
        void kill() {
            runner.halt();
            bot.kill();
        }

        void stop() throws InterruptedException {
            runner.halt();
            bot.close();
        }
    }

    @Override
    public void close() throws Exception {
        for (Run run : runs) {
            run.stop();
        }
        database.close();
        discord.close();
    }
}

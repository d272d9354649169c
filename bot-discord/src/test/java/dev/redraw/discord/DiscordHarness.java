package dev.redraw.discord;

import dev.redraw.core.access.AccessPolicy;
import dev.redraw.core.generation.GenerationService;
import dev.redraw.core.generation.ProviderRoute;
import dev.redraw.core.history.HistoryLimits;
import dev.redraw.core.image.ImageIntake;
import dev.redraw.core.image.IntakePolicy;
import dev.redraw.core.job.JobRunner;
import dev.redraw.core.job.PlatformEvents;
import dev.redraw.core.job.RunnerLimits;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.provider.contents.ContentsProvider;
import dev.redraw.core.provider.routing.ProviderRouter;
import dev.redraw.core.quota.QuotaPolicy;
import dev.redraw.core.quota.Quotas;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.RequestDesk;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcImageStore;
import dev.redraw.core.storage.JdbcJobStore;
import dev.redraw.core.storage.JdbcSettingsStore;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.testing.Providers;
import dev.redraw.discord.fake.FakeDiscord;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import mockwebserver3.MockWebServer;

/**
 * The whole bot as production wires it (real storage, job runner, contents provider and the real
 * JDA), pointed at a fake Discord and a MockWebServer gateway.
 */
final class DiscordHarness implements AutoCloseable {

    static final String MODEL = "gemini-2.5-flash-image";

    final FakeDiscord discord = new FakeDiscord().start();
    final Database database = TestDatabase.open();
    private final JobRunner runner;
    private final DiscordBot bot;

    DiscordHarness(MockWebServer gateway) throws Exception {
        var clock = Clock.systemUTC();
        var conversations = new JdbcConversationStore(database.dataSource(), clock);
        var jobs = new JdbcJobStore(database.dataSource(), clock, conversations);
        var images = new JdbcImageStore(database.dataSource(), clock);
        var provider = new ContentsProvider(
                Providers.settings("gateway", gateway.url("/"), "sk-gateway", Duration.ofSeconds(10)),
                Providers.kit(new Providers.RecordingSleeper()));
        var generation = new GenerationService(
                conversations,
                jobs,
                images,
                ModelCatalog.builtIn(),
                ProviderRouter.direct(List.of(new ProviderRoute(provider, List.of(MODEL)))),
                new GenerationService.Defaults(MODEL, "1:1", HistoryLimits.DEFAULT_BYTE_BUDGET));
        var events = new PlatformEvents();
        runner = new JobRunner(
                jobs, generation::execute, events, RunnerLimits.DEFAULTS, Executors.newVirtualThreadPerTaskExecutor());
        var desk = new RequestDesk(
                conversations,
                AccessPolicy.OPEN,
                new Quotas(new QuotaPolicy(1000, Duration.ofHours(24), OptionalInt.empty(), Map.of()), jobs, clock),
                generation,
                runner,
                jobs,
                clock);
        bot = new DiscordBot(
                new DiscordSettings(
                        discord.token(),
                        discord.restUrl(),
                        discord.gatewayUrl(),
                        true,
                        OptionalLong.empty(),
                        Duration.ZERO),
                new ChatServices(
                        desk,
                        generation,
                        conversations,
                        images,
                        new ImageIntake(IntakePolicy.defaults()),
                        new JdbcSettingsStore(database.dataSource(), clock),
                        clock));
        bot.register(events);
        runner.start();
        bot.start();
    }

    boolean idle() throws InterruptedException {
        return runner.awaitIdle(Duration.ofSeconds(20));
    }

    @Override
    public void close() throws Exception {
        bot.close();
        runner.halt();
        discord.close();
        database.close();
    }
}

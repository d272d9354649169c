package dev.redraw.telegram;

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
import dev.redraw.telegram.fake.FakeTelegram;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The whole bot as production wires it (real storage, job runner, contents provider and the real
 * TelegramBots library), pointed at a fake Telegram and a MockWebServer gateway.
 */
final class TelegramHarness implements AutoCloseable {

    static final String TOKEN = "123456:test-token-SECRET";
    static final String MODEL = "gemini-2.5-flash-image";

    final FakeTelegram telegram = new FakeTelegram(TOKEN).start();
    final Providers.RecordingSleeper sleeper = new Providers.RecordingSleeper();
    final Database database = TestDatabase.open();
    final JdbcConversationStore conversations = new JdbcConversationStore(database.dataSource(), Clock.systemUTC());
    final JdbcJobStore jobs = new JdbcJobStore(database.dataSource(), Clock.systemUTC(), conversations);
    private final JobRunner runner;
    private final TelegramBot bot;

    TelegramHarness(MockWebServer gateway) throws Exception {
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
        var events = new PlatformEvents();
        runner = new JobRunner(
                jobs, generation::execute, events, RunnerLimits.DEFAULTS, Executors.newVirtualThreadPerTaskExecutor());
        var settings = new JdbcSettingsStore(database.dataSource(), clock);
        var desk = new RequestDesk(
                conversations,
                AccessPolicy.OPEN,
                new Quotas(new QuotaPolicy(1000, Duration.ofHours(24), OptionalInt.empty(), Map.of()), jobs, clock),
                generation,
                runner,
                jobs,
                clock);
        bot = new TelegramBot(
                new TelegramSettings(TOKEN, HttpUrl.get(telegram.apiUrl()), Duration.ofMillis(400), Duration.ZERO),
                new OkHttpClient(),
                new ChatServices(
                        desk,
                        generation,
                        conversations,
                        images,
                        new ImageIntake(IntakePolicy.defaults()),
                        settings,
                        clock),
                sleeper);
        bot.register(events);
        runner.start();
    }

    TelegramHarness startPolling() throws Exception {
        bot.start();
        return this;
    }

    boolean idle() throws InterruptedException {
        return runner.awaitIdle(Duration.ofSeconds(20));
    }

    @Override
    public void close() throws Exception {
        bot.close();
        runner.halt();
        telegram.close();
        database.close();
    }
}

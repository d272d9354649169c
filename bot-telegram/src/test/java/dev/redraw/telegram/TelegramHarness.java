package dev.redraw.telegram;

import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcJobStore;
import dev.redraw.core.testing.CoreHarness;
import dev.redraw.core.testing.Providers;
import dev.redraw.telegram.fake.FakeTelegram;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** The bot on the real TelegramBots library, pointed at a fake Telegram, over the core as production wires it. */
final class TelegramHarness implements AutoCloseable {

    static final String TOKEN = "123456:test-token-SECRET";
    static final String MODEL = CoreHarness.MODEL;

    final FakeTelegram telegram = new FakeTelegram(TOKEN).start();
    final CoreHarness core;
    final Providers.RecordingSleeper sleeper;
    final JdbcConversationStore conversations;
    final JdbcJobStore jobs;
    private final OkHttpClient http = new OkHttpClient();
    private final TelegramBot bot;

    TelegramHarness(MockWebServer gateway) {
        this(gateway, Duration.ofMillis(400));
    }

    /** @param albumDebounce the fallback wait that completes an album when polls bring no answer */
    TelegramHarness(MockWebServer gateway, Duration albumDebounce) {
        core = new CoreHarness(gateway);
        sleeper = core.sleeper;
        conversations = core.conversations;
        jobs = core.jobs;
        bot = new TelegramBot(
                new TelegramSettings(TOKEN, HttpUrl.get(telegram.apiUrl()), albumDebounce, Duration.ZERO),
                http,
                core.services,
                sleeper);
        bot.register(core.events);
        core.startRunner();
    }

    TelegramHarness startPolling() throws Exception {
        bot.start();
        return this;
    }

    boolean idle() throws InterruptedException {
        return core.idle();
    }

    @Override
    public void close() throws Exception {
        bot.close();
        core.close();
        telegram.close();
        // As the application does on shutdown: the dispatcher's threads would linger for a minute.
        http.dispatcher().executorService().shutdown();
    }
}

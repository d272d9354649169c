package dev.redraw.telegram;

import dev.redraw.core.access.AccessPolicy;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcJobStore;
import dev.redraw.core.testing.CoreHarness;
import dev.redraw.core.testing.Providers;
import dev.redraw.telegram.fake.FakeTelegram;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** The bot on the real TelegramBots library, pointed at a fake Telegram, over the core as production wires it. */
final class TelegramHarness implements AutoCloseable {

    static final String TOKEN = "123456:test-token-SECRET";
    static final String MODEL = CoreHarness.MODEL;

    /** A slot the send pacer gave: the chat and the slot's time on the pacer's clock. */
    record Slot(long chat, long nanos) {}

    final FakeTelegram telegram = new FakeTelegram(TOKEN).start();
    final CoreHarness core;
    final Providers.RecordingSleeper sleeper;
    final JdbcConversationStore conversations;
    final JdbcJobStore jobs;
    /** Every slot the send pacer gave, in order; the pacer runs on the real clock and the recording sleeper. */
    final List<Slot> slots = new CopyOnWriteArrayList<>();

    private final OkHttpClient http = new OkHttpClient();
    private final TelegramBot bot;

    TelegramHarness(MockWebServer gateway) {
        this(gateway, Duration.ofMillis(400));
    }

    /** @param albumDebounce the fallback wait that completes an album when polls bring no answer */
    TelegramHarness(MockWebServer gateway, Duration albumDebounce) {
        this(gateway, albumDebounce, Duration.ofSeconds(20), UnaryOperator.identity());
    }

    /**
     * @param callTimeout how long the bot waits for an answer to a Bot API call
     * @param services changes what the bot gets from the core (e.g. a store that fails)
     */
    TelegramHarness(
            MockWebServer gateway, Duration albumDebounce, Duration callTimeout, UnaryOperator<ChatServices> services) {
        this(gateway, albumDebounce, callTimeout, services, AccessPolicy.OPEN);
    }

    /** @param access who may use the bot */
    TelegramHarness(MockWebServer gateway, AccessPolicy access) {
        this(gateway, Duration.ofMillis(400), Duration.ofSeconds(20), UnaryOperator.identity(), access);
    }

    TelegramHarness(
            MockWebServer gateway,
            Duration albumDebounce,
            Duration callTimeout,
            UnaryOperator<ChatServices> services,
            AccessPolicy access) {
        core = new CoreHarness(gateway, access);
        sleeper = core.sleeper;
        conversations = core.conversations;
        jobs = core.jobs;
        var pacer = new SendPacer(System::nanoTime, sleeper, (chat, nanos) -> slots.add(new Slot(chat, nanos)));
        bot = new TelegramBot(
                new TelegramSettings(TOKEN, HttpUrl.get(telegram.apiUrl()), albumDebounce, Duration.ZERO),
                http,
                services.apply(core.services),
                sleeper,
                callTimeout,
                pacer);
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

    /** The slots the pacer gave for one chat, in order. */
    List<Long> slotsOf(long chat) {
        return slots.stream().filter(s -> s.chat() == chat).map(Slot::nanos).toList();
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

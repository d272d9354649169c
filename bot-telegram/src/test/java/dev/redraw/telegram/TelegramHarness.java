package dev.redraw.telegram;

import dev.redraw.core.access.AccessPolicy;
import dev.redraw.core.job.ResultDelivery;
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

    /** A slot the send pacer gave: the chat, the slot's time on the pacer's clock, and how many messages it counts. */
    record Slot(long chat, long nanos, int messages) {}

    final FakeTelegram telegram;
    final CoreHarness core;
    final Providers.RecordingSleeper sleeper;
    final JdbcConversationStore conversations;
    final JdbcJobStore jobs;
    /** Every slot the send pacer gave, in order; the pacer runs on the real clock and the recording sleeper. */
    final List<Slot> slots = new CopyOnWriteArrayList<>();

    private final OkHttpClient http = new OkHttpClient();
    private final TelegramBot bot;
    /** Whether this life of the bot made the fake Telegram, and so closes it; a restarted one does not. */
    private final boolean first;

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

    /** @param imagesPerDay how many images each user may make in 24 hours */
    TelegramHarness(MockWebServer gateway, int imagesPerDay) {
        this(
                new FakeTelegram(TOKEN).start(),
                new CoreHarness(gateway, AccessPolicy.OPEN, imagesPerDay),
                Duration.ofMillis(400),
                Duration.ofSeconds(20),
                UnaryOperator.identity(),
                true);
    }

    TelegramHarness(
            MockWebServer gateway,
            Duration albumDebounce,
            Duration callTimeout,
            UnaryOperator<ChatServices> services,
            AccessPolicy access) {
        this(
                new FakeTelegram(TOKEN).start(),
                new CoreHarness(gateway, access),
                albumDebounce,
                callTimeout,
                services,
                true);
    }

    /** @param access who may use the bot, each user making {@code imagesPerDay} images in 24 hours */
    TelegramHarness(MockWebServer gateway, AccessPolicy access, int imagesPerDay) {
        this(
                new FakeTelegram(TOKEN).start(),
                new CoreHarness(gateway, access, imagesPerDay),
                Duration.ofMillis(400),
                Duration.ofSeconds(20),
                UnaryOperator.identity(),
                true);
    }

    /**
     * A second instance of the bot, on a fake Telegram of its own, over this one's database: what
     * one decides in the database the other must find there. Close it before this one.
     */
    TelegramHarness secondInstance(MockWebServer gateway, AccessPolicy access, int imagesPerDay) {
        return new TelegramHarness(
                new FakeTelegram(TOKEN).numberingUpdatesFrom(1_000_000).start(),
                CoreHarness.instance(core.database, gateway, "second", access, imagesPerDay),
                Duration.ofMillis(400),
                Duration.ofSeconds(20),
                UnaryOperator.identity(),
                true);
    }

    /** The bot over the core with {@link CoreHarness#TEXT_ONLY_MODEL} as well ({@link CoreHarness#withOpenAiGateway}). */
    static TelegramHarness withOpenAiGateway(MockWebServer gateway) {
        return new TelegramHarness(
                new FakeTelegram(TOKEN).start(),
                CoreHarness.withOpenAiGateway(gateway),
                Duration.ofMillis(400),
                Duration.ofSeconds(20),
                UnaryOperator.identity(),
                true);
    }

    private TelegramHarness(
            FakeTelegram telegram,
            CoreHarness core,
            Duration albumDebounce,
            Duration callTimeout,
            UnaryOperator<ChatServices> services,
            boolean first) {
        this.telegram = telegram;
        this.core = core;
        this.first = first;
        sleeper = core.sleeper;
        conversations = core.conversations;
        jobs = core.jobs;
        var pacer = new SendPacer(
                System::nanoTime, sleeper, (chat, nanos, messages) -> slots.add(new Slot(chat, nanos, messages)));
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

    /**
     * Dies at once, as a crash would: the job runner records and posts nothing more, polling stops,
     * and the Bot API calls under way are cut off. The fake Telegram and the database stay for
     * {@link #restart}.
     */
    void kill() throws Exception {
        core.halt();
        http.dispatcher().cancelAll();
        bot.close();
    }

    /**
     * The next life of the bot, over this one's fake Telegram and database, its runner started (so
     * it picks up what this one left) but not polling yet. Close it before this one. Failed posts
     * are tried again after 100 ms doubling to 1 s.
     */
    TelegramHarness restart(MockWebServer gateway) {
        return new TelegramHarness(
                telegram,
                CoreHarness.over(
                        core.database,
                        gateway,
                        new ResultDelivery.Backoff(Duration.ofMillis(100), Duration.ofSeconds(1))),
                Duration.ofMillis(400),
                Duration.ofSeconds(20),
                UnaryOperator.identity(),
                false);
    }

    boolean idle() throws InterruptedException {
        return core.idle();
    }

    /** The slots the pacer gave for one chat, with how many messages each counted, in order. */
    List<Slot> grantsOf(long chat) {
        return slots.stream().filter(s -> s.chat() == chat).toList();
    }

    /** The slots the pacer gave for one chat, in order. */
    List<Long> slotsOf(long chat) {
        return slots.stream().filter(s -> s.chat() == chat).map(Slot::nanos).toList();
    }

    @Override
    public void close() throws Exception {
        bot.close();
        core.close();
        if (first) {
            telegram.close();
        }
        // As the application does on shutdown: the dispatcher's threads would linger for a minute.
        http.dispatcher().executorService().shutdown();
    }
}

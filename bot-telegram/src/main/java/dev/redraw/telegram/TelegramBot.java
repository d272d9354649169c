package dev.redraw.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.StartupException;
import dev.redraw.core.job.PlatformEvents;
import dev.redraw.core.job.ProgressThrottle;
import dev.redraw.core.provider.Sleeper;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.text.Messages;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * The Telegram bot: long polling through the TelegramBots library against the configured Bot API
 * base, updates handed to the core, results delivered back. Register it with the platform events
 * before the job runner starts, so results of jobs from before a restart find it.
 */
public final class TelegramBot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramBot.class);

    private final TelegramSettings settings;
    private final OkHttpClient http;
    private final TelegramApi api;
    private final Delivery delivery;
    private final ChatServices parts;
    private final StatusMessages statuses = new StatusMessages();
    /** How long one long poll waits for updates. */
    static final int LONG_POLL_SECONDS = 50;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("telegram-albums").daemon().factory());
    /** Runs the long poll; the library's default thread would keep the JVM alive after {@link #close}. */
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("telegram-polling").daemon().factory());

    private TelegramBotsLongPollingApplication polling;

    public TelegramBot(TelegramSettings settings, OkHttpClient http, ChatServices parts, Sleeper sleeper) {
        this.settings = settings;
        // Long polls wait up to 50 s for updates, and uploads may be 50 MB: the defaults are too short.
        this.http = http.newBuilder()
                .readTimeout(java.time.Duration.ofSeconds(75))
                .writeTimeout(java.time.Duration.ofSeconds(120))
                .build();
        this.parts = parts;
        this.api =
                new TelegramApi(new OkHttpTelegramClient(this.http, settings.token(), settings.telegramUrl()), sleeper);
        this.delivery =
                new Delivery(api, parts, statuses, new ProgressThrottle(parts.clock(), settings.statusInterval()));
    }

    /** Registers the bot's delivery; do this before the job runner starts. */
    public void register(PlatformEvents events) {
        events.register(UpdateHandler.PLATFORM, delivery);
    }

    /** Checks the token, announces the commands, and starts long polling. */
    public void start() throws TelegramApiException {
        User me = whoAmI();
        var bot = new UpdateHandler.Bot(me.getId(), me.getUserName());
        api.execute(new DeleteWebhook());
        api.execute(SetMyCommands.builder().commands(commandList()).build());
        var replies = new Replies(api);
        var commands = new Commands(bot, api, replies, parts, statuses, delivery.posting());
        // The handler needs the album collector and the callbacks need the handler's language lookup.
        var handler = new UpdateHandler[1];
        var callbacks = new CallbackHandler(api, parts, delivery, commands, user -> handler[0].texts(user));
        var albums = new AlbumCollector(settings.albumDebounce(), timer, items -> handler[0].album(items));
        handler[0] = new UpdateHandler(
                bot,
                parts,
                new TelegramFiles(api, http, settings),
                replies,
                commands,
                callbacks,
                albums,
                delivery.posting());
        // Counts the answered long polls, which tell the album collector when an album is complete.
        OkHttpClient pollingHttp = http.newBuilder()
                .addInterceptor(chain -> {
                    Response response = chain.proceed(chain.request());
                    if (response.isSuccessful()
                            && chain.request()
                                    .url()
                                    .encodedPath()
                                    .toLowerCase(Locale.ROOT)
                                    .endsWith("/getupdates")) {
                        albums.pollAnswered();
                    }
                    return response;
                })
                .build();
        polling = new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> pollingHttp, () -> poller);
        polling.registerBot(
                settings.token(),
                settings::telegramUrl,
                // The library passes the last update id it received; asking from the next one confirms it.
                lastReceived -> GetUpdates.builder()
                        .offset(lastReceived + 1)
                        .limit(100)
                        .timeout(albums.beforePoll() ? 0 : LONG_POLL_SECONDS)
                        .build(),
                updates -> updates.forEach(handler[0]::handle));
        LOG.info("Telegram bot @{} is polling {}", me.getUserName(), settings.apiUrl());
    }

    /** The bot's own user; failing that, a one-line reason naming the setting to check. */
    private User whoAmI() {
        try {
            return api.execute(new GetMe());
        } catch (TelegramApiRequestException e) {
            if (e.getErrorCode() != null && e.getErrorCode() == 401) {
                throw new StartupException("telegram.token: Telegram did not accept the token (TELEGRAM_BOT_TOKEN)");
            }
            throw new StartupException("telegram.api-url: the Bot API at " + settings.apiUrl()
                    + " answered getMe with an error (" + e.getErrorCode() + ")");
        } catch (TelegramApiException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StartupException("telegram.api-url: cannot reach the Bot API at " + settings.apiUrl() + " ("
                    + cause.getClass().getSimpleName() + ")");
        }
    }

    private static List<BotCommand> commandList() {
        return Messages.forLanguage("en").commandMenu().entrySet().stream()
                .map(entry -> new BotCommand(entry.getKey(), entry.getValue()))
                .toList();
    }

    @Override
    public void close() throws Exception {
        if (polling != null) {
            polling.close();
        }
        timer.shutdownNow();
        poller.shutdownNow();
    }
}

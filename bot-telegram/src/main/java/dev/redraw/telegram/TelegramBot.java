package dev.redraw.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.StartupException;
import dev.redraw.core.job.PlatformEvents;
import dev.redraw.core.job.ProgressThrottle;
import dev.redraw.core.provider.Sleeper;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.ResultButtons;
import dev.redraw.core.telemetry.ThrottleCounter;
import dev.redraw.core.text.Messages;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * The Telegram bot: long polling of its own ({@link UpdatePoller}) against the configured Bot API
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
    private final TelegramGallery gallery;
    /** How often gallery posts of forgotten results are looked for, besides after each /forget. */
    private static final Duration GALLERY_SWEEP = Duration.ofMinutes(10);

    private java.util.concurrent.ScheduledFuture<?> gallerySweeps;
    private final ChatAdmins chatAdmins;
    private final StatusMessages statuses = new StatusMessages();
    /** How long one long poll waits for updates. */
    static final int LONG_POLL_SECONDS = 50;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("telegram-albums").daemon().factory());
    /** Each chat's updates in order, chats side by side. */
    private final ChatLanes lanes = new ChatLanes();

    private volatile UpdatePoller poller;
    private volatile String username;
    /** Webhook mode: what Telegram posts to, and the lanes the updates are handled on. */
    private final Optional<TelegramWebhook> webhook;

    private volatile SharedLanes sharedLanes;

    public TelegramBot(TelegramSettings settings, OkHttpClient http, ChatServices parts, Sleeper sleeper) {
        this(settings, http, parts, sleeper, CALL_TIMEOUT, SendPacer.real(sleeper));
    }

    /**
     * @param callTimeout how long a Bot API call may wait for Telegram's answer
     * @param pacer keeps sends within Telegram's flood limits
     */
    TelegramBot(
            TelegramSettings settings,
            OkHttpClient http,
            ChatServices parts,
            Sleeper sleeper,
            Duration callTimeout,
            SendPacer pacer) {
        this.settings = settings;
        // Uploads may be 50 MB: the default write timeout is too short.
        this.http = http.newBuilder()
                .addInterceptor(new ThrottleCounter(UpdateHandler.PLATFORM, parts.telemetry()))
                .readTimeout(callTimeout)
                .writeTimeout(Duration.ofSeconds(120))
                .build();
        this.parts = parts;
        this.api = new TelegramApi(
                new OkHttpTelegramClient(this.http, settings.token(), settings.telegramUrl()), sleeper, pacer);
        this.gallery = new TelegramGallery(api, this::username);
        this.chatAdmins = new ChatAdmins(api);
        this.delivery = new Delivery(
                api,
                parts,
                statuses,
                new ProgressThrottle(parts.clock(), settings.statusInterval()),
                job -> Thread.ofVirtual()
                        .name("gallery-share")
                        .start(() -> parts.gallery().autoShare(job, false, gallery)));
        this.webhook = settings.webhook().map(hook -> new TelegramWebhook(hook.secret(), parts.updates()));
    }

    /**
     * In webhook mode, what the embedded HTTP server hands the webhook's requests to: serve it at the
     * path of the webhook URL before {@link #start}, which registers the URL with Telegram.
     */
    public Optional<TelegramWebhook> webhook() {
        return webhook;
    }

    /**
     * Why the bot is not taking updates from Telegram now, for a readiness check; empty while it is:
     * polling and its last poll answered, or its webhook registered and open.
     */
    public Optional<String> notConnected() {
        if (settings.webhook().isPresent()) {
            return sharedLanes == null ? Optional.of("its webhook is not registered yet") : Optional.empty();
        }
        UpdatePoller polling = poller;
        if (polling == null) {
            return Optional.of("not connected yet");
        }
        return polling.failing().map(why -> "polling fails: " + why);
    }

    /** Registers the bot's delivery; do this before the job runner starts. */
    public void register(PlatformEvents events) {
        events.register(UpdateHandler.PLATFORM, delivery);
    }

    /**
     * Checks the token, announces the commands, and starts long polling, or in webhook mode opens the
     * webhook and registers it with Telegram.
     */
    public void start() throws TelegramApiException {
        User me = whoAmI();
        username = me.getUserName();
        var bot = new UpdateHandler.Bot(me.getId(), me.getUserName());
        if (settings.webhook().isEmpty()) {
            api.execute(new DeleteWebhook());
        }
        announceCommands();
        if (gallerySweeps == null) {
            // Gallery posts whose authors forgot them: those a failed or late post left behind too.
            gallerySweeps = timer.scheduleWithFixedDelay(
                    this::sweepGallery, 0, GALLERY_SWEEP.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        }
        var replies = new Replies(api);
        var languages = new UserLanguages(parts);
        var requests = new ImageRequests(
                parts, new TelegramFiles(api, http, settings), replies, delivery.posting(), chatAdmins);
        var settingsMenu = new SettingsMenu(parts.preferences());
        var albumRequests = new AlbumRequests(bot, requests, replies);
        // A complete album is a request of its chat: it waits for the chat's earlier updates, and
        // downloads its images on the chat's lane, not on the album timer.
        var albums = new AlbumCollector(
                settings.albumDebounce(),
                timer,
                items -> lanes.submit("chat:" + items.getFirst().getChatId(), () -> albumRequests.handle(items)));
        var handler = new UpdateHandler(
                bot,
                parts,
                languages,
                replies,
                commands(bot, requests, settingsMenu),
                buttons(languages, replies, settingsMenu),
                albums,
                requests);
        if (settings.webhook().isPresent()) {
            var hook = settings.webhook().get();
            if (sharedLanes != null) {
                // A start tried again: the earlier try's lanes go before new ones take over.
                webhook.orElseThrow().shut();
                sharedLanes.close(Duration.ZERO);
                sharedLanes = null;
            }
            // Registered first: a URL Telegram refuses stops the start before anything runs.
            registerWebhook(hook);
            sharedLanes = new SharedLanes(
                    parts.updates(),
                    hook.holder(),
                    hook.lease(),
                    settings.albumDebounce(),
                    parts.clock(),
                    handler::handle,
                    items -> handler.handleAlbum(items, albumRequests::handle));
            sharedLanes.start();
            webhook.orElseThrow().open(sharedLanes);
            LOG.info("Telegram bot @{} takes updates at its webhook {}", me.getUserName(), hook.url());
            return;
        }
        poller = new UpdatePoller(
                http, method("getUpdates"), LONG_POLL_SECONDS, lanes, albums, handler::handle, parts.updates());
        poller.start();
        LOG.info("Telegram bot @{} is polling {}", me.getUserName(), settings.apiUrl());
    }

    /** Takes down, in the background, the gallery posts of results their authors forgot. */
    private void sweepGallery() {
        Thread.ofVirtual().name("gallery-sweep").start(() -> parts.gallery().sweep(UpdateHandler.PLATFORM, gallery));
    }

    /** The bot's user name, without the {@code @}, once it has started. */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    private HttpUrl method(String name) {
        return settings.apiUrl()
                .newBuilder()
                .addPathSegment("bot" + settings.token())
                .addPathSegment(name)
                .build();
    }

    /**
     * Registers the webhook with its secret token; Telegram refusing it (a URL it cannot use) stops
     * the start with one line naming the setting.
     */
    private void registerWebhook(TelegramSettings.Webhook hook) {
        var body = new ObjectMapper().createObjectNode();
        body.put("url", hook.url());
        body.put("secret_token", hook.secret());
        body.put("drop_pending_updates", false);
        Request request = new Request.Builder()
                .url(method("setWebhook"))
                .post(RequestBody.create(body.toString(), MediaType.get("application/json")))
                .build();
        try (Response response = http.newCall(request).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            JsonNode answer = text.isBlank() ? null : new ObjectMapper().readTree(text);
            if (response.isSuccessful() && answer != null && answer.path("ok").asBoolean(false)) {
                return;
            }
            // The status and Telegram's description only: the request's URL holds the token.
            if (response.code() >= 500 || response.code() == 429) {
                throw new StartupException("telegram.api-url: the Bot API at " + settings.apiUrl()
                        + " answered setWebhook with an error (" + response.code() + ")");
            }
            throw new StartupException("telegram.webhook-url: Telegram refused the webhook " + hook.url() + " (HTTP "
                    + response.code()
                    + (answer == null ? "" : ": " + answer.path("description").asText("")) + ")");
        } catch (IOException e) {
            throw new StartupException("telegram.api-url: cannot reach the Bot API at " + settings.apiUrl()
                    + " to register the webhook (" + e.getClass().getSimpleName() + ")");
        }
    }

    private TelegramCommands commands(UpdateHandler.Bot bot, ImageRequests requests, SettingsMenu settingsMenu) {
        return new TelegramCommands(
                List.of(
                        new StartCommand(bot, api, parts, chatAdmins),
                        new HelpCommand(bot),
                        new ImagineCommand(requests),
                        new EditCommand(bot, requests),
                        new SettingsCommand(parts, settingsMenu),
                        new UsageCommand(parts),
                        new CancelCommand(parts, statuses, delivery.posting()),
                        new ForgetCommand(),
                        new RemixCommand(chatAdmins, parts),
                        new GalleryCommand(bot, api, chatAdmins, parts),
                        new AutoShareCommand(chatAdmins, parts),
                        new TreeCommand(bot, parts, new Replies(api)),
                        new AdministrationCommand(parts.admin(), bot)),
                new UnknownCommand());
    }

    private TelegramButtons buttons(UserLanguages languages, Replies replies, SettingsMenu settingsMenu) {
        var posting = delivery.posting();
        return new TelegramButtons(
                languages,
                replies,
                List.of(
                        new ResultButton(ResultButtons.REROLL, parts, posting, chatAdmins, new RerollResult(parts)),
                        new ResultButton(ResultButtons.EDIT, parts, posting, chatAdmins, new EditResult(parts)),
                        new ResultButton(
                                ResultButtons.ORIGINAL, parts, posting, chatAdmins, new ShowOriginals(api, parts)),
                        new ShareButton(parts, posting, gallery),
                        new SettingsButtons(parts, settingsMenu),
                        new ForgetButtons(parts, this::sweepGallery),
                        new CancelButtons(parts)));
    }

    /** The command menu in each language the bot speaks: English by default, Chinese for {@code zh} users. */
    private void announceCommands() throws TelegramApiException {
        for (Messages texts : List.of(Messages.forLanguage("en"), Messages.forLanguage("zh"))) {
            var commands = SetMyCommands.builder().commands(commandList(texts));
            if (!texts.menuLanguageCode().isEmpty()) {
                commands.languageCode(texts.menuLanguageCode());
            }
            api.execute(commands.build());
        }
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

    private static List<BotCommand> commandList(Messages texts) {
        return texts.commandMenu().entrySet().stream()
                .map(entry -> new BotCommand(entry.getKey(), entry.getValue()))
                .toList();
    }

    /**
     * Stops polling, then lets the updates under way finish (a message posted is linked to its turn
     * before its handler ends) for up to {@link #HANDLERS_GRACE}. Results the job runner is posting
     * are its own to finish: stop it with {@code JobRunner.shutdown} before closing the bot, which
     * waits for posts under way; the API client stays usable for them.
     */
    @Override
    public void close() throws Exception {
        if (poller != null) {
            poller.stop();
        }
        webhook.ifPresent(TelegramWebhook::shut);
        if (sharedLanes != null) {
            sharedLanes.close(HANDLERS_GRACE);
        }
        try {
            lanes.close(HANDLERS_GRACE);
        } finally {
            timer.shutdownNow();
        }
    }

    /** How long a stop waits for updates being handled. */
    static final Duration HANDLERS_GRACE = Duration.ofSeconds(10);

    /** Telegram answers calls within seconds; uploads of 50 MB need the write side's time, not this. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(75);
}

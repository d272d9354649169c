package dev.redraw.app;

import dev.redraw.app.config.RedrawConfig;
import dev.redraw.app.http.TelegramWebhookRoute;
import dev.redraw.core.StartupException;
import dev.redraw.core.admin.Administration;
import dev.redraw.core.admin.ConfigReloader;
import dev.redraw.core.job.StatusRecords;
import dev.redraw.core.provider.Sleeper;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.Generate;
import dev.redraw.discord.DiscordBot;
import dev.redraw.discord.DiscordSettings;
import dev.redraw.discord.DiscordUnavailableException;
import dev.redraw.telegram.TelegramBot;
import dev.redraw.telegram.TelegramSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import okhttp3.HttpUrl;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** Builds the chat platform adapters from the configuration and registers them with the runner. */
final class Platforms {

    /** Albums arrive item by item; this long after the last one the album is complete. */
    static final Duration ALBUM_DEBOUNCE = Duration.ofMillis(1500);
    /** Telegram allows about one message edit per second per chat; status edits stay well below. */
    static final Duration STATUS_INTERVAL = Duration.ofSeconds(3);

    private Platforms() {}

    /** Discord allows about five edits per five seconds on one response; progress stays well below. */
    static final Duration PROGRESS_INTERVAL = Duration.ofMillis(1500);

    /** What the chat adapters need of the core; administrators' reloads go to {@code reload}. */
    static ChatServices services(Application app, ConfigReloader reload) {
        return ChatServices.of(
                app.desk(),
                app.generation(),
                app.conversations(),
                app.images(),
                new Generate(app.desk(), app.generation(), app.intake(), app.images(), app.settings(), app.bulkheads()),
                app.settings(),
                new StatusRecords(app.desk().jobs()),
                app.clock(),
                app.metrics(),
                new Administration(
                        app.desk().access(),
                        app.desk().quotas(),
                        app.desk().jobs(),
                        app.conversations(),
                        app.generation()::circuitStates,
                        reload,
                        app.clock()),
                app.trees(),
                app.community());
    }

    static DiscordBot discord(RedrawConfig config, Application app, ConfigReloader reload) {
        var discord = config.discord();
        var bot = new DiscordBot(
                new DiscordSettings(
                        discord.token().orElseThrow().value(),
                        discord.restUrl().toString(),
                        discord.gatewayUrl().toString(),
                        discord.messageContent(),
                        discord.commandGuild(),
                        PROGRESS_INTERVAL,
                        discord.shardTotal(),
                        discord.shardIds()),
                services(app, reload));
        bot.register(app.events());
        app.readiness().platform("discord", bot::notConnected);
        return bot;
    }

    static TelegramBot telegram(RedrawConfig config, Application app, ConfigReloader reload) {
        var bot = new TelegramBot(telegramSettings(config), app.http(), services(app, reload), Sleeper.REAL);
        app.telegramStarts().nameFrom(bot::username);
        bot.register(app.events());
        app.readiness().platform("telegram", bot::notConnected);
        // Served before the bot starts, which registers the URL with Telegram.
        bot.webhook()
                .ifPresent(webhook -> new TelegramWebhookRoute(webhook)
                        .register(
                                app.web().orElseThrow(),
                                config.telegram().webhookUrl().orElseThrow().getRawPath()));
        return bot;
    }

    static TelegramSettings telegramSettings(RedrawConfig config) {
        var telegram = config.telegram();
        Optional<TelegramSettings.Webhook> webhook = telegram.webhook()
                ? Optional.of(new TelegramSettings.Webhook(
                        telegram.webhookUrl().orElseThrow().toString(),
                        telegram.webhookSecret().orElseThrow().value(),
                        config.jobs().instance() + "/" + PROCESS_TOKEN,
                        config.jobs().lease()))
                : Optional.empty();
        return new TelegramSettings(
                telegram.token().orElseThrow().value(),
                HttpUrl.get(telegram.apiUrl().toString()),
                ALBUM_DEBOUNCE,
                STATUS_INTERVAL,
                webhook);
    }

    /** This process among others of the same instance name (a restart), as the leases it holds name it. */
    private static final String PROCESS_TOKEN = Long.toHexString(new java.security.SecureRandom().nextLong());

    /** A start-up failure the platform gave for good: it refused the token, or the webhook URL. */
    private static final Pattern TOKEN_REFUSED =
            Pattern.compile("^([a-z]+\\.token|telegram\\.webhook-url): .*", Pattern.DOTALL);

    /**
     * Why the Telegram Bot API could not be used at start, when waiting may help: the bot's own
     * check of the Bot API failed for any reason but a refused token (no answer, or an error answer
     * such as a 502 from a Bot API that is restarting), or a later start-up call got no answer, too
     * many requests or a server error. A refused token, or a later call the Bot API refused, is
     * final.
     */
    static Optional<String> telegramUnreachable(Exception failure, RedrawConfig config) {
        String token = config.telegram().token().orElseThrow().value();
        return describeTelegram(
                        failure,
                        "telegram.api-url: the Bot API at " + config.telegram().apiUrl())
                // file and method URLs hold the token: it must not reach the log through a message
                .map(reason -> token.isEmpty() ? reason : reason.replace(token, "***"));
    }

    private static Optional<String> describeTelegram(Exception failure, String where) {
        return switch (failure) {
            case StartupException refused
            when TOKEN_REFUSED.matcher(refused.getMessage()).matches() -> Optional.empty();
            case StartupException other -> Optional.of(other.getMessage());
            case TelegramApiRequestException answered when !serverSide(answered.getErrorCode()) -> Optional.empty();
            case TelegramApiRequestException answered ->
                Optional.of(where + " answered with an error (" + answered.getErrorCode() + ")");
            case TelegramApiException unanswered ->
                Optional.of(where + " cannot be reached (" + cause(unanswered) + ")");
            default -> Optional.empty();
        };
    }

    /** Why Discord could not be reached at start, when waiting may help: no answer, or a server error. */
    static Optional<String> discordUnreachable(Exception failure, RedrawConfig config) {
        String where = "discord.rest-url: Discord at " + config.discord().restUrl();
        return switch (failure) {
            case DiscordUnavailableException down
            when down.status() == 0 -> Optional.of(where + " cannot be reached (" + cause(down) + ")");
            case DiscordUnavailableException down ->
                Optional.of(where + " answered with an error (" + down.status() + ")");
            case ErrorResponseException unanswered
            when unanswered.getCause() instanceof IOException ->
                Optional.of(where + " cannot be reached (" + cause(unanswered) + ")");
            case ErrorResponseException answered
            when answered.isServerError() ->
                Optional.of(where + " answered with an error (" + answered.getErrorCode() + ")");
            case UncheckedIOException unanswered ->
                Optional.of(where + " cannot be reached (" + cause(unanswered) + ")");
            default -> Optional.empty();
        };
    }

    /** Too many requests, or a server error. */
    private static boolean serverSide(Integer status) {
        return status != null && (status == 429 || status >= 500);
    }

    /**
     * The first I/O failure among the causes (else the innermost cause): its type and first line,
     * which names the host and port, never the token (URLs are not in these).
     */
    private static String cause(Throwable failure) {
        Throwable shown = failure;
        while (!(shown instanceof IOException) && shown.getCause() != null && shown.getCause() != shown) {
            shown = shown.getCause();
        }
        String message = shown.getMessage() == null
                ? ""
                : ": " + shown.getMessage().lines().findFirst().orElse("");
        return shown.getClass().getSimpleName() + message;
    }
}

package dev.redraw.app;

import dev.redraw.app.config.RedrawConfig;
import dev.redraw.core.job.StatusRecords;
import dev.redraw.core.provider.Sleeper;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.Generate;
import dev.redraw.core.request.ResultActions;
import dev.redraw.core.request.ResultPosts;
import dev.redraw.discord.DiscordBot;
import dev.redraw.discord.DiscordSettings;
import dev.redraw.telegram.TelegramBot;
import dev.redraw.telegram.TelegramSettings;
import java.time.Duration;
import okhttp3.HttpUrl;

/** Builds the chat platform adapters from the configuration and registers them with the runner. */
final class Platforms {

    /** Albums arrive item by item; this long after the last one the album is complete. */
    static final Duration ALBUM_DEBOUNCE = Duration.ofMillis(1500);
    /** Telegram allows about one message edit per second per chat; status edits stay well below. */
    static final Duration STATUS_INTERVAL = Duration.ofSeconds(3);

    private Platforms() {}

    /** Discord allows about five edits per five seconds on one response; progress stays well below. */
    static final Duration PROGRESS_INTERVAL = Duration.ofMillis(1500);

    /** What the chat adapters need of the core. */
    static ChatServices services(Application app) {
        return new ChatServices(
                app.desk(),
                app.generation(),
                app.conversations(),
                app.images(),
                new Generate(app.desk(), app.generation(), app.intake(), app.images(), app.settings(), app.bulkheads()),
                app.settings(),
                new StatusRecords(app.desk().jobs()),
                new ResultActions(app.conversations(), app.settings()),
                new ResultPosts(app.conversations(), app.images(), app.settings()),
                app.clock());
    }

    static DiscordBot discord(RedrawConfig config, Application app) {
        var discord = config.discord();
        var bot = new DiscordBot(
                new DiscordSettings(
                        discord.token().orElseThrow().value(),
                        discord.restUrl().toString(),
                        discord.gatewayUrl().toString(),
                        discord.messageContent(),
                        discord.commandGuild(),
                        PROGRESS_INTERVAL),
                services(app));
        bot.register(app.events());
        return bot;
    }

    static TelegramBot telegram(RedrawConfig config, Application app) {
        var bot = new TelegramBot(telegramSettings(config), app.http(), services(app), Sleeper.REAL);
        bot.register(app.events());
        return bot;
    }

    static TelegramSettings telegramSettings(RedrawConfig config) {
        var telegram = config.telegram();
        return new TelegramSettings(
                telegram.token().orElseThrow().value(),
                HttpUrl.get(telegram.apiUrl().toString()),
                ALBUM_DEBOUNCE,
                STATUS_INTERVAL);
    }
}

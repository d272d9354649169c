package dev.redraw.app.config;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * The Telegram side of the bot.
 *
 * @param enabled whether to start the Telegram bot ({@code telegram.enabled})
 * @param token the bot token, read from the environment ({@code telegram.token})
 * @param apiUrl the Bot API endpoint; a self-hosted Bot API server can replace the public one
 */
public record TelegramConfig(boolean enabled, Optional<Secret> token, URI apiUrl) {

    public static final String DEFAULT_TOKEN_VARIABLE = "TELEGRAM_BOT_TOKEN";
    public static final URI DEFAULT_API_URL = URI.create("https://api.telegram.org");

    public TelegramConfig {
        Values.requirePlatformToken(enabled, token);
        Values.requireUrl(apiUrl, "api-url", Set.of("http", "https"), "an http or https URL");
    }

    /** A disabled Telegram section with the default endpoint. */
    public static TelegramConfig disabled() {
        return new TelegramConfig(false, Optional.empty(), DEFAULT_API_URL);
    }
}

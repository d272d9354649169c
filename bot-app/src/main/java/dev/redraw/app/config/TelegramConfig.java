package dev.redraw.app.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Telegram side of the bot.
 *
 * @param enabled whether to start the Telegram bot ({@code telegram.enabled})
 * @param token the bot token, read from the environment ({@code telegram.token})
 * @param apiUrl the Bot API endpoint; a self-hosted Bot API server can replace the public one
 * @param mode long polling, or a webhook Telegram posts updates to ({@code telegram.mode})
 * @param webhookUrl the public URL registered with Telegram in webhook mode ({@code telegram.webhook-url})
 * @param webhookSecret the token Telegram sends with each webhook request ({@code telegram.webhook-secret})
 */
public record TelegramConfig(
        boolean enabled,
        Optional<Secret> token,
        URI apiUrl,
        TelegramMode mode,
        Optional<URI> webhookUrl,
        Optional<Secret> webhookSecret) {

    public static final String DEFAULT_TOKEN_VARIABLE = "TELEGRAM_BOT_TOKEN";
    public static final String DEFAULT_WEBHOOK_SECRET_VARIABLE = "TELEGRAM_WEBHOOK_SECRET";
    public static final URI DEFAULT_API_URL = URI.create("https://api.telegram.org");
    /** What Telegram accepts as a secret token: 1 to 256 of these characters. */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    public TelegramConfig {
        Values.requirePlatformToken(enabled, token);
        Values.requireUrl(apiUrl, "api-url", Set.of("http", "https"), "an http or https URL");
        Values.require(mode, "mode");
        Values.require(webhookUrl, "webhook-url");
        Values.require(webhookSecret, "webhook-secret");
        webhookUrl.ifPresent(TelegramConfig::requireWebhookUrl);
        if (enabled && mode == TelegramMode.WEBHOOK) {
            if (webhookUrl.isEmpty()) {
                throw ConfigException.at("webhook-url", "required because mode is webhook");
            }
            if (webhookSecret.isEmpty()) {
                throw ConfigException.at(
                        "webhook-secret",
                        DEFAULT_WEBHOOK_SECRET_VARIABLE + " (or the variable named here) is not set; it is required"
                                + " because mode is webhook");
            }
        }
        webhookSecret.ifPresent(secret -> {
            if (!SECRET.matcher(secret.value()).matches()) {
                throw ConfigException.at(
                        "webhook-secret", "must be 1 to 256 letters, digits, '_' or '-' (what Telegram accepts)");
            }
        });
    }

    /** Long polling. */
    public TelegramConfig(boolean enabled, Optional<Secret> token, URI apiUrl) {
        this(enabled, token, apiUrl, TelegramMode.POLLING, Optional.empty(), Optional.empty());
    }

    /** A disabled Telegram section with the default endpoint. */
    public static TelegramConfig disabled() {
        return new TelegramConfig(false, Optional.empty(), DEFAULT_API_URL);
    }

    /** Whether updates come to the webhook. */
    public boolean webhook() {
        return enabled && mode == TelegramMode.WEBHOOK;
    }

    /** An absolute http(s) URL with a path of its own, which the bot's HTTP server serves. */
    private static void requireWebhookUrl(URI url) {
        Values.requireUrl(url, "webhook-url", Set.of("http", "https"), "an absolute https URL");
        String path = url.getRawPath();
        if (path == null || path.length() < 2 || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw ConfigException.at(
                    "webhook-url",
                    "'" + url + "' needs a path of its own (such as /telegram/webhook) and no query or fragment");
        }
        if (path.startsWith(dev.redraw.core.link.ImageLinks.PATH_PREFIX)) {
            throw ConfigException.at(
                    "webhook-url",
                    "'" + url + "': the path " + dev.redraw.core.link.ImageLinks.PATH_PREFIX + " serves image links");
        }
    }

    @JsonCreator
    static TelegramConfig read(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("token") SecretText token,
            @JsonProperty("api-url") URI apiUrl,
            @JsonProperty("mode") TelegramMode mode,
            @JsonProperty("webhook-url") URI webhookUrl,
            @JsonProperty("webhook-secret") SecretText webhookSecret,
            @JacksonInject(ConfigBinding.ENV) Map<String, String> env) {
        boolean on = Boolean.TRUE.equals(enabled);
        return new TelegramConfig(
                on,
                SecretText.platformToken(token, on, "telegram", DEFAULT_TOKEN_VARIABLE, env),
                Objects.requireNonNullElse(apiUrl, DEFAULT_API_URL),
                Objects.requireNonNullElse(mode, TelegramMode.POLLING),
                Optional.ofNullable(webhookUrl),
                SecretText.orVariable(webhookSecret, "webhook-secret", DEFAULT_WEBHOOK_SECRET_VARIABLE)
                        .resolve(env));
    }
}

package dev.redraw.app.config;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * The Discord side of the bot.
 *
 * @param enabled whether to start the Discord bot ({@code discord.enabled})
 * @param token the bot token, read from the environment ({@code discord.token})
 * @param restUrl the REST API base; overridable so tests and proxies can stand in for Discord
 * @param gatewayUrl the websocket gateway
 * @param messageContent whether to use the privileged MESSAGE_CONTENT intent ({@code discord.message-content})
 * @param commandGuild registers the commands in this server only, for fast testing ({@code discord.command-guild})
 */
public record DiscordConfig(
        boolean enabled,
        Optional<Secret> token,
        URI restUrl,
        URI gatewayUrl,
        boolean messageContent,
        java.util.OptionalLong commandGuild) {

    public static final String DEFAULT_TOKEN_VARIABLE = "DISCORD_TOKEN";
    public static final URI DEFAULT_REST_URL = URI.create("https://discord.com/api/v10/");
    public static final URI DEFAULT_GATEWAY_URL = URI.create("wss://gateway.discord.gg/");

    public DiscordConfig {
        Values.requirePlatformToken(enabled, token);
        Values.requireUrl(restUrl, "rest-url", Set.of("http", "https"), "an http or https URL");
        Values.requireUrl(gatewayUrl, "gateway-url", Set.of("ws", "wss"), "a ws or wss URL");
    }

    /** A disabled Discord section with the default endpoints. */
    public static DiscordConfig disabled() {
        return new DiscordConfig(
                false, Optional.empty(), DEFAULT_REST_URL, DEFAULT_GATEWAY_URL, false, java.util.OptionalLong.empty());
    }
}

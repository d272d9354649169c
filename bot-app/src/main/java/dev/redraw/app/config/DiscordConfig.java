package dev.redraw.app.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
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
 * @param shardTotal how many shards the bot runs as, over every instance ({@code discord.shard-total}); empty
 *     for as many as Discord recommends
 * @param shardIds the shards this instance runs ({@code discord.shard-ids}); empty for all of them
 */
public record DiscordConfig(
        boolean enabled,
        Optional<Secret> token,
        URI restUrl,
        URI gatewayUrl,
        boolean messageContent,
        java.util.OptionalLong commandGuild,
        OptionalInt shardTotal,
        List<Integer> shardIds) {

    public static final String DEFAULT_TOKEN_VARIABLE = "DISCORD_TOKEN";
    public static final URI DEFAULT_REST_URL = URI.create("https://discord.com/api/v10/");
    public static final URI DEFAULT_GATEWAY_URL = URI.create("wss://gateway.discord.gg/");

    public DiscordConfig {
        Values.requirePlatformToken(enabled, token);
        Values.requireUrl(restUrl, "rest-url", Set.of("http", "https"), "an http or https URL");
        Values.requireUrl(gatewayUrl, "gateway-url", Set.of("ws", "wss"), "a ws or wss URL");
        Values.require(shardTotal, "shard-total");
        shardTotal.ifPresent(total -> Values.requireRange(total, "shard-total", 1, MAX_SHARDS));
        shardIds = List.copyOf(shardIds);
        if (!shardIds.isEmpty() && shardTotal.isEmpty()) {
            throw ConfigException.at("shard-ids", "needs shard-total, the number of shards over every instance");
        }
        for (int id : shardIds) {
            if (id < 0 || id >= shardTotal.orElse(1)) {
                throw ConfigException.at(
                        "shard-ids",
                        "shard " + id + " does not exist: shards are numbered 0 to " + (shardTotal.orElse(1) - 1)
                                + " (shard-total " + shardTotal.orElse(1) + ")");
            }
        }
        if (new java.util.HashSet<>(shardIds).size() != shardIds.size()) {
            throw ConfigException.at("shard-ids", "names a shard twice: " + shardIds);
        }
    }

    /** The most shards taken: Discord's largest bots run a few thousand. */
    public static final int MAX_SHARDS = 100_000;

    public DiscordConfig(
            boolean enabled,
            Optional<Secret> token,
            URI restUrl,
            URI gatewayUrl,
            boolean messageContent,
            java.util.OptionalLong commandGuild) {
        this(enabled, token, restUrl, gatewayUrl, messageContent, commandGuild, OptionalInt.empty(), List.of());
    }

    /** A disabled Discord section with the default endpoints. */
    public static DiscordConfig disabled() {
        return new DiscordConfig(
                false, Optional.empty(), DEFAULT_REST_URL, DEFAULT_GATEWAY_URL, false, java.util.OptionalLong.empty());
    }

    @JsonCreator
    static DiscordConfig read(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("token") SecretText token,
            @JsonProperty("rest-url") URI restUrl,
            @JsonProperty("gateway-url") URI gatewayUrl,
            @JsonProperty("message-content") Boolean messageContent,
            @JsonProperty("command-guild") String commandGuild,
            @JsonProperty("shard-total") Integer shardTotal,
            @JsonProperty("shard-ids") List<Integer> shardIds,
            @JacksonInject(ConfigBinding.ENV) Map<String, String> env) {
        boolean on = Boolean.TRUE.equals(enabled);
        return new DiscordConfig(
                on,
                SecretText.platformToken(token, on, "discord", DEFAULT_TOKEN_VARIABLE, env),
                Objects.requireNonNullElse(restUrl, DEFAULT_REST_URL),
                Objects.requireNonNullElse(gatewayUrl, DEFAULT_GATEWAY_URL),
                Boolean.TRUE.equals(messageContent),
                commandGuild(commandGuild),
                shardTotal == null ? OptionalInt.empty() : OptionalInt.of(shardTotal),
                Objects.requireNonNullElse(shardIds, List.of()));
    }

    private static java.util.OptionalLong commandGuild(String id) {
        if (id == null) {
            return java.util.OptionalLong.empty();
        }
        try {
            if (id.matches("\\d{1,20}")) {
                return java.util.OptionalLong.of(Long.parseLong(id));
            }
        } catch (NumberFormatException e) {
            // more than a long holds: not an id either
        }
        throw ConfigException.at("command-guild", "'" + id + "' is not a Discord server id");
    }
}

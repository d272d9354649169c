package dev.redraw.discord;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How the bot reaches Discord.
 *
 * @param restUrl the REST base ending in {@code /api/v10/}: Discord's own, a REST proxy, or a fake in tests
 * @param gatewayUrl the gateway WebSocket URL
 * @param messageContent whether the privileged MESSAGE_CONTENT intent is used (plain-text replies need it)
 * @param commandGuild registers the commands in this server only (instant, for testing) instead of globally
 * @param progressInterval the least time between two edits of a response showing progress
 * @param shardTotal the shards over every instance; empty for as many as Discord recommends
 * @param shardIds the shards this instance runs; empty for every one
 */
public record DiscordSettings(
        String token,
        String restUrl,
        String gatewayUrl,
        boolean messageContent,
        OptionalLong commandGuild,
        Duration progressInterval,
        OptionalInt shardTotal,
        List<Integer> shardIds) {

    public DiscordSettings {
        shardIds = List.copyOf(shardIds);
    }

    /** One instance running every shard Discord recommends. */
    public DiscordSettings(
            String token,
            String restUrl,
            String gatewayUrl,
            boolean messageContent,
            OptionalLong commandGuild,
            Duration progressInterval) {
        this(
                token,
                restUrl,
                gatewayUrl,
                messageContent,
                commandGuild,
                progressInterval,
                OptionalInt.empty(),
                List.of());
    }

    @Override
    public String toString() {
        return "DiscordSettings[restUrl=" + restUrl + ", gatewayUrl=" + gatewayUrl + ", shardTotal=" + shardTotal
                + ", shardIds=" + shardIds + "]";
    }
}

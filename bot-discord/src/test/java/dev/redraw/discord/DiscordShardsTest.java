package dev.redraw.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.redraw.core.job.DeliveryState;
import dev.redraw.core.job.RunnerLimits;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.OnEachDatabase;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.testing.CoreHarness;
import dev.redraw.core.testing.HoldingGateway;
import dev.redraw.core.testing.TestImages;
import dev.redraw.discord.fake.FakeDiscord;
import dev.redraw.discord.fake.FakeDiscord.Reply;
import dev.redraw.discord.fake.FakeDiscord.ReplyKind;
import java.awt.Color;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bot as two shards run by two instances over one database: the guild is served on shard 1,
 * direct messages on shard 0. Each instance's listener gets its shard's events; a result is posted
 * by the instance running the shard of its chat, whichever instance ran the job.
 */
class DiscordShardsTest extends OnEachDatabase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @StartStop
    final MockWebServer gateway = new MockWebServer();

    private final HoldingGateway upstream = new HoldingGateway(TestImages.png(32, 32, Color.ORANGE));
    private final FakeDiscord discord = new FakeDiscord().start();
    private final Database database;
    private CoreHarness dmCore;
    private CoreHarness guildCore;
    private DiscordBot dmShard;
    private DiscordBot guildShard;

    DiscordShardsTest(TestDatabase.Engine engine) {
        super(engine);
        database = engine.open();
    }

    private static DiscordSettings shard(FakeDiscord discord, int id) {
        return new DiscordSettings(
                discord.token(),
                discord.restUrl(),
                discord.gatewayUrl(),
                true,
                OptionalLong.empty(),
                Duration.ZERO,
                OptionalInt.of(2),
                List.of(id));
    }

    /** Starts the instance running shard 0 (direct messages) and the one running shard 1 (the guild). */
    private void start() throws Exception {
        start(RunnerLimits.DEFAULTS);
    }

    private void start(RunnerLimits guildLimits) throws Exception {
        start(guildLimits, true);
    }

    /** With {@code dmRunner} false, the instance running shard 0 takes no job until its runner is started. */
    private void start(RunnerLimits guildLimits, boolean dmRunner) throws Exception {
        gateway.setDispatcher(upstream);
        dmCore = CoreHarness.instance(database, gateway, "shard-0");
        guildCore = CoreHarness.instance(database, gateway, "shard-1", guildLimits);
        dmShard = new DiscordBot(shard(discord, 0), dmCore.services);
        guildShard = new DiscordBot(shard(discord, 1), guildCore.services);
        dmShard.register(dmCore.events);
        guildShard.register(guildCore.events);
        if (dmRunner) {
            dmCore.startRunner();
        }
        guildCore.startRunner();
        dmShard.start();
        guildShard.start();
    }

    @AfterEach
    void stop() throws Exception {
        upstream.release();
        for (var bot : new DiscordBot[] {guildShard, dmShard}) {
            if (bot != null) {
                bot.close();
            }
        }
        for (var core : new CoreHarness[] {guildCore, dmCore}) {
            if (core != null) {
                core.close();
            }
        }
        discord.close();
        database.close();
    }

    private void assertPostedOnce(FakeDiscord.Interaction... interactions) {
        for (var interaction : interactions) {
            assertThat(discord.replies(interaction.token()).stream()
                            .filter(r -> r.kind() == ReplyKind.EDIT_ORIGINAL
                                    && !r.files().isEmpty()))
                    .as("the result is posted once")
                    .hasSize(1);
        }
    }

    private Reply result(FakeDiscord.Interaction interaction) {
        return await().atMost(WAIT)
                .until(
                        () -> discord.replies(interaction.token()).stream()
                                .filter(r -> r.kind() == ReplyKind.EDIT_ORIGINAL
                                        && !r.files().isEmpty())
                                .findFirst()
                                .orElse(null),
                        reply -> reply != null);
    }

    @Test
    void eachInstanceServesItsShardAndCommandsWorkOnBoth() throws Exception {
        start();
        assertThat(discord.readyShards()).isEqualTo(Set.of(0, 1));
        assertThat(discord.shardOf(FakeDiscord.GUILD_ID)).isEqualTo(1);

        var inGuild = discord.slashCommand(
                FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "imagine", Map.of("prompt", "a fox"), List.of(), "en-US");
        var inDm = discord.slashCommand(
                FakeDiscord.BOB, FakeDiscord.BOB_DM, "imagine", Map.of("prompt", "an owl"), List.of(), "en-US");

        Reply guildResult = result(inGuild);
        Reply dmResult = result(inDm);
        assertThat(guildResult.files()).hasSize(1);
        assertThat(dmResult.files()).hasSize(1);
        assertThat(dmCore.idle()).isTrue();
        assertThat(guildCore.idle()).isTrue();
        assertThat(upstream.requests()).isEqualTo(2);
        assertPostedOnce(inGuild, inDm);
    }

    @Test
    void aGuildJobRunByTheOtherInstanceIsPostedByTheInstanceRunningTheGuildsShard() throws Exception {
        // The guild's instance runs one job at a time; the first one's upstream answer is held. The
        // other instance's runner starts once the guild's has taken that job: otherwise, woken by the
        // same new job, it could take it first.
        start(new RunnerLimits(1, 16, 2, 2), false);
        upstream.hold(1);
        var first = discord.slashCommand(
                FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "imagine", Map.of("prompt", "a fox"), List.of(), "en-US");
        await().atMost(WAIT).until(() -> upstream.requests() == 1);
        dmCore.startRunner();
        // The guild's instance is full: the other instance runs the second job.
        var second = discord.slashCommand(
                FakeDiscord.BOB, FakeDiscord.CHANNEL_ID, "imagine", Map.of("prompt", "an owl"), List.of(), "en-US");

        // Posted while the guild's instance still holds its one job: the other instance ran it.
        Reply posted = result(second);
        assertThat(posted.files()).hasSize(1);
        assertThat(upstream.requests()).isEqualTo(2);
        assertThat(dmCore.idle()).isTrue();
        upstream.release();
        result(first);
        assertThat(guildCore.idle()).isTrue();
        assertPostedOnce(first, second);
        List<Long> guildJobs = List.of(1L, 2L);
        for (long id : guildJobs) {
            assertThat(guildCore.jobs.find(id).orElseThrow().delivery()).isEqualTo(DeliveryState.DELIVERED);
        }
    }
}

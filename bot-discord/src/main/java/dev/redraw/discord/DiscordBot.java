package dev.redraw.discord;

import dev.redraw.core.StartupException;
import dev.redraw.core.job.PlatformEvents;
import dev.redraw.core.job.ProgressThrottle;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.telemetry.ThrottleCounter;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord bot on JDA: minimal intents and caches (no member cache), REST and gateway at the
 * configured URLs, commands registered on start. It runs the shards the configuration gives this
 * instance (all of them by default, as many as Discord recommends); results of chats on a shard
 * another instance runs are left to that instance. Register its delivery with the platform events
 * before the job runner starts; results the runner posts before the bot is connected are retried
 * until it is.
 *
 * <p>Listeners run on virtual threads (JDA's event pool), one per event, never on the gateway's
 * reading thread: one user's downloads and decoding hold up nobody else's events.
 */
public final class DiscordBot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordBot.class);

    private final DiscordSettings settings;
    private final DiscordDelivery delivery;
    private final DiscordListener listener;
    private final OkHttpClient downloads;
    private final ChatServices core;
    private final Responses responses;
    private final LostRequests lost;
    /** Requests an earlier run deferred and lost before they became jobs; answered once connected. */
    private volatile List<Responses.Awaited> unanswered = List.of();

    private volatile ShardManager shards;
    private final DiscordGallery gallery = new DiscordGallery(() -> shards);
    /** How often gallery posts of forgotten results are looked for, besides after each /forget. */
    private static final java.time.Duration GALLERY_SWEEP = java.time.Duration.ofMinutes(10);

    private volatile Thread gallerySweeps;
    private volatile boolean started;

    /** How often the start looks whether the shard manager has built every shard. */
    private static final java.time.Duration SHARD_BUILD_POLL = java.time.Duration.ofMillis(50);

    /** How long a stop waits for each shard to close its connection. */
    private static final java.time.Duration SHUTDOWN_WAIT = java.time.Duration.ofSeconds(10);

    public DiscordBot(DiscordSettings settings, ChatServices core) {
        this(settings, core, Pacing.DISCORD);
    }

    DiscordBot(DiscordSettings settings, ChatServices core, Pacing pacing) {
        this.settings = settings;
        this.core = core;
        this.responses = new Responses(core.statuses());
        this.lost = new LostRequests(responses, core.preferences());
        this.delivery = new DiscordDelivery(
                responses,
                core,
                new ProgressThrottle(core.clock(), settings.progressInterval()),
                pacing,
                new ShardPlan(settings.shardTotal(), settings.shardIds()),
                (job, privately) -> Thread.ofVirtual()
                        .name("gallery-share")
                        .start(() -> core.gallery().autoShare(job, privately, gallery)));
        this.downloads = downloadClient();
        this.listener =
                new DiscordListener(core, responses, downloads, settings.messageContent(), gallery, this::sweepGallery);
    }

    /** Takes down, in the background, the gallery posts of results their authors forgot. */
    private void sweepGallery() {
        Thread.ofVirtual().name("gallery-sweep").start(() -> core.gallery().sweep(DiscordDelivery.PLATFORM, gallery));
    }

    /**
     * Attachments all come from one CDN host: OkHttp's default of five downloads per host would make
     * users queue behind each other's images.
     */
    /**
     * JDA's REST client as JDA makes its own (up to 25 requests at once per host, idle connections
     * kept 10 s), with Discord's 429 answers counted.
     */
    private OkHttpClient.Builder restClient() {
        var dispatcher = new okhttp3.Dispatcher();
        dispatcher.setMaxRequestsPerHost(25);
        return new OkHttpClient.Builder()
                .connectionPool(new okhttp3.ConnectionPool(5, 10, java.util.concurrent.TimeUnit.SECONDS))
                .dispatcher(dispatcher)
                .addInterceptor(new ThrottleCounter(DiscordDelivery.PLATFORM, core.telemetry()));
    }

    private static OkHttpClient downloadClient() {
        var dispatcher = new Dispatcher(Executors.newVirtualThreadPerTaskExecutor());
        dispatcher.setMaxRequests(256);
        dispatcher.setMaxRequestsPerHost(256);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(30, TimeUnit.SECONDS)
                .build();
    }

    /**
     * Registers the bot's delivery, and takes up the responses an earlier run deferred and did not
     * answer: those of jobs for the jobs the runner resumes, the others to be answered once
     * connected. Do this before the job runner starts.
     */
    public void register(PlatformEvents events) {
        events.register(DiscordDelivery.PLATFORM, delivery);
        try {
            unanswered = responses.takeUp(core.clock().instant());
        } catch (RuntimeException e) {
            LOG.warn("the responses an earlier run left could not be read: {}", e.getMessage());
        }
    }

    /**
     * Why the bot is not connected to Discord now, for a readiness check; empty while every shard
     * of this instance is connected.
     */
    public java.util.Optional<String> notConnected() {
        ShardManager running = shards;
        if (running == null || !started) {
            return java.util.Optional.of("not connected yet");
        }
        List<String> down = running.getShardCache().stream()
                .filter(shard -> shard.getStatus() != net.dv8tion.jda.api.JDA.Status.CONNECTED)
                .map(shard -> "shard " + shard.getShardInfo().getShardId() + " is "
                        + shard.getStatus().name().toLowerCase(java.util.Locale.ROOT))
                .sorted()
                .toList();
        return down.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join(", ", down));
    }

    /**
     * Connects this instance's shards ({@code shardIds} of {@code shardTotal}, or every shard Discord
     * recommends), waits until each is ready, then answers what an earlier run left and registers
     * the commands.
     */
    public void start() throws InterruptedException {
        checkToken();
        EnumSet<GatewayIntent> intents = EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES);
        if (settings.messageContent()) {
            intents.add(GatewayIntent.MESSAGE_CONTENT);
        }
        try {
            var builder = DefaultShardManagerBuilder.createLight(settings.token(), intents)
                    .setRestConfig(new RestConfig().setBaseUrl(settings.restUrl()))
                    .setSessionController(new GatewaySessions(settings.gatewayUrl()))
                    .setCompression(Compression.NONE)
                    .setHttpClientBuilder(restClient())
                    .setMemberCachePolicy(MemberCachePolicy.NONE)
                    .setEventPool(Executors.newVirtualThreadPerTaskExecutor(), true)
                    .setShardsTotal(settings.shardTotal().orElse(-1))
                    .addEventListeners(listener);
            if (!settings.shardIds().isEmpty()) {
                builder.setShards(settings.shardIds());
            }
            shards = builder.build();
            // The manager builds the first shard before it returns, the others on a thread of its own.
            int expected = settings.shardIds().isEmpty()
                    ? shards.getShardsTotal()
                    : settings.shardIds().size();
            // Discord lets a bot log in about one shard per five seconds (per concurrency bucket).
            long deadline = System.nanoTime()
                    + java.time.Duration.ofSeconds(30L + 10L * expected).toNanos();
            while (shards.getShards().size() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new StartupException("discord.shard-ids: only "
                            + shards.getShards().size() + " of " + expected + " shards could be started");
                }
                Thread.sleep(SHARD_BUILD_POLL.toMillis());
            }
            for (JDA shard : shards.getShards()) {
                shard.awaitReady();
            }
        } catch (InvalidTokenException e) {
            throw new StartupException("discord.token: Discord did not accept the token (DISCORD_TOKEN)");
        }
        delivery.attach(shards);
        started = true;
        if (gallerySweeps == null) {
            // Gallery posts whose authors forgot them: those a failed or late post left behind too.
            gallerySweeps = Thread.ofVirtual().name("gallery-sweeps").start(() -> {
                try {
                    while (true) {
                        core.gallery().sweep(DiscordDelivery.PLATFORM, gallery);
                        Thread.sleep(GALLERY_SWEEP);
                    }
                } catch (InterruptedException stopped) {
                    // closed
                }
            });
        }
        JDA first = shards.getShards().stream()
                .min(java.util.Comparator.comparingInt(
                        shard -> shard.getShardInfo().getShardId()))
                .orElseThrow();
        List<Responses.Awaited> left = unanswered;
        unanswered = List.of();
        if (!left.isEmpty()) {
            Thread.ofVirtual().name("discord-lost-requests").start(() -> lost.answer(first, left));
        }
        var commands = CommandDefinitions.all(CommandDefinitions.imageLimit(core.generation()));
        if (settings.commandGuild().isPresent()) {
            var guild = shards.getGuildById(settings.commandGuild().getAsLong());
            if (guild != null) {
                guild.updateCommands().addCommands(commands).complete();
            } else {
                LOG.warn(
                        "discord.command-guild: the bot is not in server {} on this instance's shards; its commands"
                                + " are not registered there",
                        settings.commandGuild().getAsLong());
            }
        } else {
            first.updateCommands().addCommands(commands).complete();
        }
        LOG.info(
                "Discord bot {} is connected on shards {} of {}",
                first.getSelfUser().getName(),
                shards.getShards().stream()
                        .map(shard -> shard.getShardInfo().getShardId())
                        .sorted()
                        .toList(),
                shards.getShardsTotal());
    }

    /**
     * Asks Discord who the bot is before any shard connects, as the shards log in on threads of
     * their own: a refused token stops the start with one line naming the setting; no answer, or a
     * server error, is a {@link DiscordUnavailableException}, which the start may wait out.
     */
    private void checkToken() {
        var request = new okhttp3.Request.Builder()
                .url(okhttp3.HttpUrl.get(settings.restUrl())
                        .newBuilder()
                        .addPathSegments("users/@me")
                        .build())
                .header("Authorization", "Bot " + settings.token())
                .build();
        try (var response = downloads.newCall(request).execute()) {
            if (response.code() == 401) {
                throw new StartupException("discord.token: Discord did not accept the token (DISCORD_TOKEN)");
            }
            if (response.code() >= 500 || response.code() == 429) {
                throw new DiscordUnavailableException(
                        response.code(), "Discord answered HTTP " + response.code() + " to users/@me", null);
            }
            if (!response.isSuccessful()) {
                throw new StartupException("discord.rest-url: Discord at " + settings.restUrl() + " answered HTTP "
                        + response.code() + " when asked who the bot is");
            }
        } catch (java.io.IOException e) {
            throw new DiscordUnavailableException(0, e.getMessage(), e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (gallerySweeps != null) {
            gallerySweeps.interrupt();
        }
        delivery.detach();
        if (shards != null) {
            List<JDA> running = shards.getShards();
            running.forEach(JDA::shutdown);
            for (JDA shard : running) {
                // A shard waiting to reconnect may never report its end: it is cut off then.
                if (!shard.awaitShutdown(SHUTDOWN_WAIT)) {
                    shard.shutdownNow();
                }
            }
            shards.shutdown();
        }
        downloads.dispatcher().executorService().shutdown();
    }

    /** Drops the connection at once, as a crash would. */
    void kill() {
        delivery.detach();
        if (shards != null) {
            shards.getShards().forEach(JDA::shutdownNow);
            shards.shutdown();
        }
        downloads.dispatcher().executorService().shutdownNow();
    }
}

package dev.redraw.discord;

import dev.redraw.core.StartupException;
import dev.redraw.core.job.PlatformEvents;
import dev.redraw.core.job.ProgressThrottle;
import dev.redraw.core.request.ChatServices;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord bot on JDA: minimal intents and caches (no member cache), REST and gateway at the
 * configured URLs, commands registered on start. Register its delivery with the platform events
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

    private JDA jda;

    public DiscordBot(DiscordSettings settings, ChatServices core) {
        this(settings, core, Pacing.DISCORD);
    }

    DiscordBot(DiscordSettings settings, ChatServices core, Pacing pacing) {
        this.settings = settings;
        this.core = core;
        this.responses = new Responses(core.statuses());
        this.lost = new LostRequests(responses, core.preferences());
        this.delivery = new DiscordDelivery(
                responses, core, new ProgressThrottle(core.clock(), settings.progressInterval()), pacing);
        this.downloads = downloadClient();
        this.listener = new DiscordListener(core, responses, downloads, settings.messageContent());
    }

    /**
     * Attachments all come from one CDN host: OkHttp's default of five downloads per host would make
     * users queue behind each other's images.
     */
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

    public void start() throws InterruptedException {
        EnumSet<GatewayIntent> intents = EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES);
        if (settings.messageContent()) {
            intents.add(GatewayIntent.MESSAGE_CONTENT);
        }
        try {
            jda = JDABuilder.createLight(settings.token(), intents)
                    .setRestConfig(new RestConfig().setBaseUrl(settings.restUrl()))
                    .setSessionController(new GatewaySessions(settings.gatewayUrl()))
                    .setCompression(Compression.NONE)
                    .setMemberCachePolicy(MemberCachePolicy.NONE)
                    .setEventPool(Executors.newVirtualThreadPerTaskExecutor(), true)
                    .addEventListeners(listener)
                    .build()
                    .awaitReady();
        } catch (InvalidTokenException e) {
            throw new StartupException("discord.token: Discord did not accept the token (DISCORD_TOKEN)");
        }
        delivery.attach(jda);
        List<Responses.Awaited> left = unanswered;
        unanswered = List.of();
        if (!left.isEmpty()) {
            JDA connected = jda;
            Thread.ofVirtual().name("discord-lost-requests").start(() -> lost.answer(connected, left));
        }
        var commands = CommandDefinitions.all(CommandDefinitions.imageLimit(core.generation()));
        if (settings.commandGuild().isPresent()) {
            jda.getGuildById(settings.commandGuild().getAsLong())
                    .updateCommands()
                    .addCommands(commands)
                    .complete();
        } else {
            jda.updateCommands().addCommands(commands).complete();
        }
        LOG.info("Discord bot {} is connected", jda.getSelfUser().getName());
    }

    @Override
    public void close() throws InterruptedException {
        delivery.detach();
        if (jda != null) {
            jda.shutdown();
            jda.awaitShutdown();
        }
        downloads.dispatcher().executorService().shutdown();
    }

    /** Drops the connection at once, as a crash would. */
    void kill() {
        delivery.detach();
        if (jda != null) {
            jda.shutdownNow();
        }
        downloads.dispatcher().executorService().shutdownNow();
    }
}

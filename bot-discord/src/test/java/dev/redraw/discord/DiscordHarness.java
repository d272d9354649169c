package dev.redraw.discord;

import static org.awaitility.Awaitility.await;

import dev.redraw.core.access.AccessPolicy;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.testing.CoreHarness;
import dev.redraw.discord.fake.FakeDiscord;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import mockwebserver3.MockWebServer;

/** The bot on the real JDA, pointed at a fake Discord, over the core as production wires it. */
final class DiscordHarness implements AutoCloseable {

    static final String MODEL = CoreHarness.MODEL;

    final FakeDiscord discord = new FakeDiscord().start();
    final CoreHarness core;
    private final DiscordBot bot;

    DiscordHarness(MockWebServer gateway) throws Exception {
        this(gateway, AccessPolicy.OPEN);
    }

    /** @param access who may use the bot */
    DiscordHarness(MockWebServer gateway, AccessPolicy access) throws Exception {
        this(gateway, access, UnaryOperator.identity());
    }

    /** @param services what the bot gets of the core's services, such as stores that fail on demand */
    DiscordHarness(MockWebServer gateway, UnaryOperator<ChatServices> services) throws Exception {
        this(gateway, AccessPolicy.OPEN, services);
    }

    private DiscordHarness(MockWebServer gateway, AccessPolicy access, UnaryOperator<ChatServices> services)
            throws Exception {
        this(gateway, access, services, true);
    }

    /** @param readsMessages whether the bot has the message-content intent */
    DiscordHarness(MockWebServer gateway, boolean readsMessages) throws Exception {
        this(gateway, AccessPolicy.OPEN, UnaryOperator.identity(), readsMessages);
    }

    private DiscordHarness(
            MockWebServer gateway, AccessPolicy access, UnaryOperator<ChatServices> services, boolean readsMessages)
            throws Exception {
        this(new CoreHarness(gateway, access), services, readsMessages);
    }

    /** The bot over the core with {@link CoreHarness#TASK_MODEL} as well ({@link CoreHarness#withTaskGateway}). */
    static DiscordHarness withTaskGateway(MockWebServer gateway) throws Exception {
        return new DiscordHarness(CoreHarness.withTaskGateway(gateway), UnaryOperator.identity(), true);
    }

    /** The bot over the core with {@link CoreHarness#TEXT_ONLY_MODEL} as well ({@link CoreHarness#withOpenAiGateway}). */
    static DiscordHarness withOpenAiGateway(MockWebServer gateway) throws Exception {
        return new DiscordHarness(CoreHarness.withOpenAiGateway(gateway), UnaryOperator.identity(), true);
    }

    private DiscordHarness(CoreHarness core, UnaryOperator<ChatServices> services, boolean readsMessages)
            throws Exception {
        this.core = core;
        bot = new DiscordBot(settings(discord, readsMessages), services.apply(core.services));
        bot.register(core.events);
        core.startRunner();
        bot.start();
    }

    /** Settings pointing the bot at {@code discord}, with the message-content intent. */
    static DiscordSettings settings(FakeDiscord discord) {
        return settings(discord, true);
    }

    private static DiscordSettings settings(FakeDiscord discord, boolean readsMessages) {
        return new DiscordSettings(
                discord.token(),
                discord.restUrl(),
                discord.gatewayUrl(),
                readsMessages,
                OptionalLong.empty(),
                Duration.ZERO);
    }

    /** The id of the message showing a result, once the bot has linked it to the result's turn. */
    long messageShowing(FakeDiscord.Reply result) {
        long turn = Long.parseLong(result.button("r:").substring(2));
        return Long.parseLong(await().atMost(Duration.ofSeconds(20))
                .until(() -> core.conversations.links(turn), links -> !links.isEmpty())
                .getFirst()
                .messageId());
    }

    @Override
    public void close() throws Exception {
        bot.close();
        core.close();
        discord.close();
    }
}

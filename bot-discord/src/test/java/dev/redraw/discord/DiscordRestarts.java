package dev.redraw.discord;

import dev.redraw.core.job.JobRunner;
import dev.redraw.core.job.ResultDelivery;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcJobStore;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.testing.CoreHarness;
import dev.redraw.discord.fake.FakeDiscord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;

/**
 * The bot and the core as production wires them, over one database and one fake Discord, started
 * as often as a test likes: a {@link Run} can be killed (JDA dropped, the runner halted without
 * recording anything, as a crash would) and a new one started over what it left. Failed posts are
 * retried after 100 ms doubling to 1 s.
 */
final class DiscordRestarts implements AutoCloseable {

    static final String MODEL = CoreHarness.MODEL;
    private static final ResultDelivery.Backoff RETRIES =
            new ResultDelivery.Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    final FakeDiscord discord = new FakeDiscord().start();
    final Database database = TestDatabase.open();
    final JdbcJobStore jobs;
    final JdbcConversationStore conversations;
    private final MockWebServer gateway;
    private final Pacing pacing;
    private final List<Run> runs = new ArrayList<>();

    DiscordRestarts(MockWebServer gateway, Pacing pacing) {
        this.gateway = gateway;
        this.pacing = pacing;
        this.conversations = new JdbcConversationStore(database.dataSource(), Clock.systemUTC());
        this.jobs = new JdbcJobStore(database.dataSource(), Clock.systemUTC(), conversations);
    }

    /** A new run of the bot over the same database, registered but not started. */
    Run run() {
        Run run = new Run();
        runs.add(run);
        return run;
    }

    /** One life of the bot process. */
    final class Run {
        final CoreHarness core = CoreHarness.over(database, gateway, RETRIES);
        final JobRunner runner = core.runner;
        final DiscordBot bot;

        private Run() {
            bot = new DiscordBot(DiscordHarness.settings(discord), core.services, pacing);
            bot.register(core.events);
        }

        /** Starts the runner, then connects the bot, as the application does. */
        Run start() throws InterruptedException {
            runner.start();
            bot.start();
            return this;
        }

        /** Dies at once: nothing more is posted or recorded. */
        void kill() {
            core.halt();
            bot.kill();
        }

        void stop() throws InterruptedException {
            core.close();
            bot.close();
        }
    }

    @Override
    public void close() throws Exception {
        for (Run run : runs) {
            run.stop();
        }
        database.close();
        discord.close();
    }
}

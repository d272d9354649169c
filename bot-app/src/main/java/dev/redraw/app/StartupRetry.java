package dev.redraw.app;

import dev.redraw.core.provider.Sleeper;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a platform at start, trying again with doubling waits while it cannot be reached (the
 * network or the platform is down, or not up yet), so the bot comes up by itself once it can. A
 * failure that waiting does not fix, such as a refused token, ends the start at once.
 */
final class StartupRetry {

    private static final Logger LOG = LoggerFactory.getLogger(StartupRetry.class);

    static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final Duration firstWait;
    private final Duration maxWait;
    private final Sleeper sleeper;

    StartupRetry(Duration firstWait, Duration maxWait, Sleeper sleeper) {
        this.firstWait = firstWait;
        this.maxWait = maxWait;
        this.sleeper = sleeper;
    }

    /**
     * Runs {@code step} until it succeeds. After each failure that {@code unreachable} describes
     * (one line, naming the setting), logs that line with the try's number and the wait, waits and
     * tries again; any other failure is thrown as it was.
     */
    void connect(String platform, Launcher.Connect step, Function<Exception, Optional<String>> unreachable)
            throws Exception {
        Duration wait = firstWait;
        for (int attempt = 1; ; attempt++) {
            try {
                step.run();
                if (attempt > 1) {
                    LOG.info("{} connected on try {}", platform, attempt);
                }
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                Optional<String> reason = unreachable.apply(e);
                if (reason.isEmpty()) {
                    throw e;
                }
                LOG.warn("{}; try {} failed, trying again in {} s", reason.get(), attempt, wait.toSeconds());
                sleeper.sleep(wait);
                wait = wait.multipliedBy(2).compareTo(maxWait) > 0 ? maxWait : wait.multipliedBy(2);
            }
        }
    }
}

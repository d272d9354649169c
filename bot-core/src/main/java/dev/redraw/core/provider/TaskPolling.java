package dev.redraw.core.provider;

import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * Polls an asynchronous upstream task until it ends: waits grow by half each time up to a maximum,
 * progress is reported when it changes, and after the maximum wait it gives up with a clear message.
 */
public final class TaskPolling {

    private final ProviderSettings.Polling polling;
    private final Sleeper sleeper;

    public TaskPolling(ProviderSettings.Polling polling, Sleeper sleeper) {
        this.polling = polling;
        this.sleeper = sleeper;
    }

    /** One look at the task. */
    @FunctionalInterface
    public interface Check {
        Status check();
    }

    /** What a look found. */
    public sealed interface Status {
        record Running(OptionalInt progress) implements Status {}

        record Done(Outcome outcome) implements Status {}
    }

    public Outcome until(JobContext context, Check check) {
        long deadline = System.nanoTime() + polling.maxWait().toNanos();
        Duration wait = polling.firstInterval();
        int shown = -1;
        while (true) {
            if (context.cancelled()) {
                return ProviderCall.CANCELLED;
            }
            switch (check.check()) {
                case Status.Done done -> {
                    return done.outcome();
                }
                case Status.Running running -> {
                    int progress = running.progress().orElse(-1);
                    if (progress > shown) {
                        shown = progress;
                        context.progress(progress);
                    }
                }
            }
            if (System.nanoTime() + wait.toNanos() > deadline) {
                return new Outcome.Failed(
                        false,
                        Cause.of(Cause.Kind.TASK_TIMEOUT, (polling.maxWait().toMillis() + 999) / 1000));
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome.Failed(true, Cause.of(Cause.Kind.INTERRUPTED));
            }
            Duration next = wait.plus(wait.dividedBy(2));
            wait = next.compareTo(polling.maxInterval()) > 0 ? polling.maxInterval() : next;
        }
    }
}

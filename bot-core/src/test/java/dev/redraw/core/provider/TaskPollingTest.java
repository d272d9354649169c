package dev.redraw.core.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.testing.Providers;
import dev.redraw.core.testing.RecordingContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TaskPollingTest {

    private final Providers.RecordingSleeper sleeper = new Providers.RecordingSleeper();
    private final RecordingContext context = new RecordingContext();

    private static TaskPolling.Status running(int percent) {
        return new TaskPolling.Status.Running(OptionalInt.of(percent));
    }

    @Test
    void pollsWithGrowingWaitsAndReportsProgressOnceEach() {
        var answers = new ArrayDeque<TaskPolling.Status>(List.of(
                running(0),
                running(30),
                running(30),
                running(80),
                new TaskPolling.Status.Done(new Outcome.TextOnly("done"))));
        var polling = new TaskPolling(
                new ProviderSettings.Polling(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofMinutes(1)),
                sleeper);

        Outcome outcome = polling.until(context, answers::remove);

        assertThat(outcome).isEqualTo(new Outcome.TextOnly("done"));
        assertThat(context.progress).containsExactly(0, 30, 80);
        assertThat(sleeper.waits)
                .containsExactly(
                        Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(4));
    }

    @Test
    void givesUpAfterTheMaximumWaitWithAClearMessage() {
        var polling = new TaskPolling(
                new ProviderSettings.Polling(Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(50)),
                duration -> Thread.sleep(duration));

        Outcome outcome = polling.until(context, () -> running(10));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, failed -> {
            assertThat(failed.transientFailure()).isFalse();
            assertThat(failed.cause()).contains(Cause.of(Cause.Kind.TASK_TIMEOUT, 1));
        });
    }
}

package dev.redraw.telegram;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * One job's status-message calls, run in order on their own virtual thread so that the job never
 * waits for them: the result is posted as soon as it is ready, and the status message is cleaned
 * up afterwards.
 */
final class StatusLane {

    private static final Executor STEPS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("telegram-status").factory());

    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private volatile boolean finished;

    /** Runs {@code step} after the steps before it, unless the lane has finished by then. */
    synchronized void then(Runnable step) {
        tail = tail.thenRunAsync(
                () -> {
                    if (!finished) {
                        step.run();
                    }
                },
                STEPS);
    }

    /** Drops the steps not started yet and runs {@code last} after the one under way. */
    synchronized CompletableFuture<Void> finish(Runnable last) {
        finished = true;
        tail = tail.thenRunAsync(last, STEPS);
        return tail;
    }
}

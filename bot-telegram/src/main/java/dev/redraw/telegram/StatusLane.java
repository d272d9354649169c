package dev.redraw.telegram;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One job's status-message calls, run in order on their own virtual thread so that the job never
 * waits for them: the result is posted as soon as it is ready, and the status message is cleaned
 * up afterwards. Edits waiting for their turn are coalesced: only the newest is made, so a chat's
 * send pacing never builds a queue of stale progress edits. Its sends are status messages to the
 * {@link SendPacer}: they wait behind results and answers, and one still waiting when the lane
 * finishes is not sent at all.
 */
final class StatusLane {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StatusLane.class);

    private static final Executor STEPS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("telegram-status").factory());

    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private final AtomicReference<Runnable> latestEdit = new AtomicReference<>();
    private volatile boolean finished;
    /** What the status message shows, as far as this lane knows; null until it is posted. */
    private volatile String shown;

    /** Runs {@code step} after the steps before it, unless the lane has finished by then. */
    synchronized void then(Runnable step) {
        tail = tail.thenRunAsync(
                () -> {
                    if (!finished) {
                        SendPacer.asStatus(() -> !finished, () -> safely(step));
                    }
                },
                STEPS);
    }

    /** The status message now shows {@code text}. */
    void shown(String text) {
        shown = text;
    }

    /** Whether the status message already shows {@code text}: editing it to the same would be refused. */
    boolean shows(String text) {
        return text.equals(shown);
    }

    /** Like {@link #then} for an edit, replacing an edit that has not started yet. */
    void edit(Runnable step) {
        if (latestEdit.getAndSet(step) == null) {
            then(() -> {
                Runnable newest = latestEdit.getAndSet(null);
                if (newest != null) {
                    newest.run();
                }
            });
        }
    }

    /** Drops the steps not started yet and runs {@code last} after the one under way. */
    synchronized CompletableFuture<Void> finish(Runnable last) {
        finished = true;
        tail = tail.thenRunAsync(() -> safely(last), STEPS);
        return tail;
    }

    /** A failing step is logged and skipped; it never stops the steps after it, such as the final clean-up. */
    private static void safely(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.warn("a status message step failed: {}", e.toString());
        }
    }
}

package dev.redraw.core.testing;

import dev.redraw.core.generation.JobContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A job context that writes down the providers chosen and the task ids and progress they report,
 * and whose cancellation the test fires.
 */
public final class RecordingContext implements JobContext {

    public final List<String> providers = new CopyOnWriteArrayList<>();
    public final List<String> acceptedTasks = new CopyOnWriteArrayList<>();
    public final List<Integer> progress = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> cancellation = new CompletableFuture<>();

    @Override
    public void providerChosen(String provider) {
        providers.add(provider);
    }

    @Override
    public boolean cancelled() {
        return cancellation.isDone();
    }

    @Override
    public void taskAccepted(String taskId) {
        acceptedTasks.add(taskId);
    }

    /** Runs at once when already cancelled, as the runner's context does. */
    @Override
    public Registration onCancel(Runnable action) {
        cancellation.thenRun(action);
        return () -> {};
    }

    @Override
    public void progress(int percent) {
        progress.add(percent);
    }

    public void cancel() {
        cancellation.complete(null);
    }
}

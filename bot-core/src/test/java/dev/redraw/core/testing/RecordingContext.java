package dev.redraw.core.testing;

import dev.redraw.core.generation.JobContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job context that writes down the providers chosen and the task ids and progress they report,
 * and whose cancellation the test fires.
 */
public final class RecordingContext implements JobContext {

    public final List<String> providers = new CopyOnWriteArrayList<>();
    public final List<String> acceptedTasks = new CopyOnWriteArrayList<>();
    public final List<Integer> progress = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> cancellation = new CompletableFuture<>();
    private final AtomicInteger registered = new AtomicInteger();

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
        registered.incrementAndGet();
        return registered::decrementAndGet;
    }

    @Override
    public void progress(int percent) {
        progress.add(percent);
    }

    public void cancel() {
        cancellation.complete(null);
    }

    /** Cancel actions registered and not yet closed: each holds a call, its request and its images. */
    public int openRegistrations() {
        return registered.get();
    }
}

package dev.redraw.core.provider.task;

import dev.redraw.core.generation.JobContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A job context that writes down the task ids and progress a provider reports; never cancelled. */
public final class RecordingContext implements JobContext {

    public final List<String> acceptedTasks = new CopyOnWriteArrayList<>();
    public final List<Integer> progress = new CopyOnWriteArrayList<>();

    @Override
    public void taskAccepted(String taskId) {
        acceptedTasks.add(taskId);
    }

    @Override
    public void progress(int percent) {
        progress.add(percent);
    }

    @Override
    public boolean cancelled() {
        return false;
    }

    @Override
    public void onCancel(Runnable action) {}
}

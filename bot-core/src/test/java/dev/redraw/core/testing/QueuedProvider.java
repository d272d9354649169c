package dev.redraw.core.testing;

import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.generation.ImageProvider;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;

/** A provider whose answers the test queues and whose requests it reads back. */
public class QueuedProvider implements ImageProvider {

    public final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();
    private final BlockingDeque<Outcome> answers = new LinkedBlockingDeque<>();
    private final String name;

    public QueuedProvider(String name) {
        this.name = name;
    }

    public QueuedProvider() {
        this("fake");
    }

    public void answer(Outcome... outcomes) {
        answers.addAll(List.of(outcomes));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Outcome generate(GenerationRequest request, JobContext context) {
        requests.add(request);
        Outcome next = answers.poll();
        return next != null ? next : new Outcome.Failed(false, "no answer queued");
    }
}

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
public final class QueuedProvider implements ImageProvider {

    public final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();
    private final BlockingDeque<Outcome> answers = new LinkedBlockingDeque<>();

    public void answer(Outcome outcome) {
        answers.add(outcome);
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Outcome generate(GenerationRequest request, JobContext context) {
        requests.add(request);
        Outcome next = answers.poll();
        return next != null ? next : new Outcome.Failed(false, "no answer queued");
    }
}

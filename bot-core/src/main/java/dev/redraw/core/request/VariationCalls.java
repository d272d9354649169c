package dev.redraw.core.request;

import dev.redraw.core.generation.GeneratedImage;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobStore;
import dev.redraw.core.provider.ProviderCall;
import dev.redraw.core.provider.routing.ProviderRouter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A request for several images to a model that makes one a call: that many calls side by side,
 * within the same job, each routed on its own (retries and fail-over included). Each call ("slot")
 * records its upstream task apart, so after a restart the tasks already submitted are resumed and
 * only the calls that had none are made anew. The images of the calls that worked are kept when
 * others failed; only when none made an image is a failure the answer.
 */
final class VariationCalls {

    private final ProviderRouter router;
    private final JobStore jobs;

    VariationCalls(ProviderRouter router, JobStore jobs) {
        this.router = Objects.requireNonNull(router, "router");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    /** Makes {@code job}'s images; the images come in slot order. */
    Outcome run(Job job, GenerationRequest request, JobContext context) {
        Map<Integer, JobStore.UpstreamTask> tasks = jobs.variationTasks(job.id());
        GenerationRequest one = request.single();
        Progress progress = new Progress(job.variations(), context);
        List<Outcome> outcomes = new ArrayList<>();
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Outcome>> pending = new ArrayList<>();
            for (int slot = 0; slot < job.variations(); slot++) {
                Slot slotContext = new Slot(job.id(), slot, context, progress);
                Optional<JobStore.UpstreamTask> task = Optional.ofNullable(tasks.get(slot));
                int finished = slot;
                pending.add(calls.submit(() -> {
                    try {
                        return task.isPresent()
                                ? router.resume(
                                        task.get().provider(),
                                        job.model(),
                                        task.get().taskId(),
                                        slotContext)
                                : router.generate(one, slotContext);
                    } finally {
                        // A call that is over, made or failed, no longer holds the job's progress back.
                        progress.report(finished, 100);
                    }
                }));
            }
            // A call that throws (a storage hiccup recording its task, say) fails alone: the images
            // the other calls made, already paid for, are kept. Only when no call made any is the
            // first such failure the job's.
            RuntimeException firstFailure = null;
            for (Future<Outcome> call : pending) {
                try {
                    outcomes.add(call.get());
                } catch (InterruptedException e) {
                    calls.shutdownNow();
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while making variations", e);
                } catch (ExecutionException e) {
                    RuntimeException failure = e.getCause() instanceof RuntimeException runtime
                            ? runtime
                            : new IllegalStateException(e.getCause());
                    firstFailure = firstFailure == null ? failure : firstFailure;
                }
            }
            boolean made = outcomes.stream().anyMatch(Outcome.Images.class::isInstance);
            if (firstFailure != null && !made && !context.cancelled()) {
                throw firstFailure;
            }
        }
        return context.cancelled() ? ProviderCall.CANCELLED : merged(outcomes);
    }

    /** The images of every call that made some, in call order; else the first call's outcome. */
    static Outcome merged(List<Outcome> outcomes) {
        List<GeneratedImage> images = new ArrayList<>();
        Optional<String> text = Optional.empty();
        for (Outcome outcome : outcomes) {
            if (outcome instanceof Outcome.Images made) {
                images.addAll(made.images());
                text = text.or(made::text);
            }
        }
        return images.isEmpty() ? outcomes.getFirst() : new Outcome.Images(images, text);
    }

    /** The job's progress: that of its slowest call. */
    private static final class Progress {
        private final int[] percents;
        private final JobContext job;
        private int reported = -1;

        Progress(int slots, JobContext job) {
            this.percents = new int[slots];
            this.job = job;
        }

        synchronized void report(int slot, int percent) {
            percents[slot] = Math.max(percents[slot], percent);
            int slowest = Arrays.stream(percents).min().orElse(0);
            if (slowest > reported) {
                reported = slowest;
                job.progress(slowest);
            }
        }
    }

    /**
     * One call's view of the job: cancelling the job cancels it, and the task it submits is
     * recorded for its slot, with the provider it was submitted to.
     */
    private final class Slot implements JobContext {
        private final long jobId;
        private final int slot;
        private final JobContext job;
        private final Progress progress;
        private volatile String provider = "";

        Slot(long jobId, int slot, JobContext job, Progress progress) {
            this.jobId = jobId;
            this.slot = slot;
            this.job = job;
            this.progress = progress;
        }

        @Override
        public void providerChosen(String provider) {
            this.provider = provider;
        }

        @Override
        public void taskAccepted(String taskId) {
            jobs.recordVariationTask(jobId, slot, provider, taskId);
        }

        @Override
        public void progress(int percent) {
            progress.report(slot, percent);
        }

        @Override
        public boolean cancelled() {
            return job.cancelled();
        }

        @Override
        public Registration onCancel(Runnable action) {
            return job.onCancel(action);
        }
    }
}

package dev.redraw.core.job;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a start does with the jobs an earlier run left: finished results not surely posted go to
 * {@link ResultDelivery}; queued jobs are queued again; jobs with an upstream task poll it again;
 * calls a restart cut off are tried again while attempts allow, else the user is told. Jobs of a
 * platform that is not running stay as they are until it runs again.
 */
final class JobRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(JobRecovery.class);

    /** For finishing a job that may not run again: no limit holds that back. */
    private static final RunnerLimits UNLIMITED =
            new RunnerLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 1);

    private final JobStore store;
    private final JobEvents events;
    private final ResultDelivery delivery;
    private final RunnerLimits limits;
    private final RunnerTiming timing;

    JobRecovery(JobStore store, JobEvents events, ResultDelivery delivery, RunnerLimits limits, RunnerTiming timing) {
        this.store = store;
        this.events = events;
        this.delivery = delivery;
        this.limits = limits;
        this.timing = timing;
    }

    /**
     * @param atStart whether this is the runner's start, which also picks up what this instance's
     *     earlier run held and the results it had not surely posted; later calls pick up jobs other
     *     instances accepted, or left behind when their leases ran out
     */
    void recover(JobRunner runner, boolean atStart) {
        // Both lists are read before anything runs, so a job finishing meanwhile is not seen twice.
        List<Job> unfinished = store.claimable(atStart).stream()
                .filter(events::handles)
                .filter(job -> !runner.knows(job.id()))
                .toList();
        List<Job> undelivered = atStart ? store.undelivered() : List.of();
        if (atStart && (!unfinished.isEmpty() || !undelivered.isEmpty())) {
            LOG.info(
                    "picking up what an earlier run left: jobs {} unfinished, results of jobs {} not surely posted",
                    unfinished.stream().map(Job::id).toList(),
                    undelivered.stream().map(Job::id).toList());
        }
        undelivered.stream().filter(events::handles).forEach(delivery::recover);
        unfinished.forEach(job -> recover(runner, job, atStart));
    }

    private void recover(JobRunner runner, Job job, boolean atStart) {
        if (job.status() == JobStatus.QUEUED) {
            if (atStart) {
                runner.enqueue(job);
            } else {
                runner.adopt(job);
            }
            return;
        }
        if (!atStart) {
            LOG.info("job {}: its instance stopped renewing its lease; taking it over", job.id());
        }
        if (job.upstreamTaskId().isPresent() || !store.variationTasks(job.id()).isEmpty()) {
            // A job of several images made by calls side by side resumes the tasks it has and
            // makes anew only the calls that had none yet.
            LOG.info("job {}: resuming upstream task after a restart", job.id());
            runner.resume(job);
        } else if (job.attempts() < limits.maxAttempts()) {
            LOG.info("job {}: its call was cut off by a restart; trying again", job.id());
            // Its claim takes the running row over, only if it is still free to take.
            if (atStart) {
                runner.enqueue(job);
            } else {
                runner.adopt(job);
            }
        } else {
            LOG.warn("job {}: cut off by a restart after {} attempt(s); reporting it", job.id(), job.attempts());
            store.claim(job.id(), timing.lease(), UNLIMITED, false)
                    .ifPresent(held -> delivery.deliver(runner.ended(
                            store.finish(
                                    job.id(), Optional.empty(), OutcomeKind.INTERRUPTED, "", OutcomeDetails.NONE, 0),
                            0)));
        }
    }
}

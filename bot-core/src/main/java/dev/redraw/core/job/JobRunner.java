package dev.redraw.core.job;

import dev.redraw.core.generation.Execution;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.provider.Sleeper;
import dev.redraw.core.telemetry.Telemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules jobs: bounded concurrency (in total, per provider, per user), users served fairly.
 * Finished results go to {@link ResultDelivery}, which posts them on threads of its own: a job's
 * slot is free again once its outcome is stored, not once it is posted. On start {@link
 * JobRecovery} picks up whatever an earlier run left.
 */
public final class JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    /** How long a stop at least waits for results being posted once the running jobs are done. */
    static final Duration DELIVERY_DRAIN = Duration.ofSeconds(15);

    private final JobStore store;
    private final Executor executor;
    private final JobEvents events;
    private final RunnerLimits limits;
    private final ExecutorService threads;
    private final ResultDelivery delivery;
    private final RunnerTiming timing;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final FairQueue queue = new FairQueue();
    private final Map<Long, Running> running = new HashMap<>();
    private final Map<String, Integer> runningPerProvider = new HashMap<>();
    private final Map<String, Integer> runningPerUser = new HashMap<>();
    /** Jobs a limit held back that other instances' jobs filled: queued again at the next poll. */
    private final List<Job> deferred = new ArrayList<>();
    /** How many {@link Place}s are kept for jobs being stored; guarded by lock. */
    private int placed;
    /** Jobs claimed as they were stored, running here once {@link #enqueue}d; guarded by lock. */
    private final java.util.Set<Long> claimedAtAdmission = new java.util.HashSet<>();

    private boolean accepting = true;
    private Thread poller;
    private volatile boolean halted;

    /** Runs one job's generation; the generation service in production. */
    @FunctionalInterface
    public interface Executor {
        Execution execute(Job job, JobContext context);
    }

    private final Telemetry telemetry;
    /** Guarded by lock. */
    private long finishedJobs;

    public JobRunner(
            JobStore store, Executor executor, JobEvents events, RunnerLimits limits, ExecutorService threads) {
        this(store, executor, events, limits, RunnerTiming.DEFAULTS, threads);
    }

    public JobRunner(
            JobStore store,
            Executor executor,
            JobEvents events,
            RunnerLimits limits,
            RunnerTiming timing,
            ExecutorService threads) {
        this(
                store,
                executor,
                events,
                limits,
                timing,
                threads,
                new ResultDelivery(store, events, ResultDelivery.Backoff.DEFAULT, Sleeper.REAL),
                Telemetry.NONE);
    }

    /** @param telemetry told of every job that ends, with its outcome and how long it ran */
    public JobRunner(
            JobStore store,
            Executor executor,
            JobEvents events,
            RunnerLimits limits,
            RunnerTiming timing,
            ExecutorService threads,
            ResultDelivery delivery,
            Telemetry telemetry) {
        this.telemetry = Telemetry.safe(telemetry);
        this.store = store;
        this.executor = executor;
        this.events = events;
        this.limits = limits;
        this.timing = timing;
        this.threads = threads;
        this.delivery = delivery;
    }

    /** Picks up what an earlier run left behind (see {@link JobRecovery}), then starts running queued jobs. */
    public void start() {
        try {
            store.register(timing.poll());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
        new JobRecovery(store, events, delivery, limits, timing).recover(this, true);
        dispatch();
        poller = Thread.ofVirtual().name("job-poller").start(this::poll);
    }

    /**
     * Every {@link RunnerTiming#poll}: renews the leases of the jobs running here, queues again the
     * jobs a limit held back, and picks up jobs other instances accepted, or left behind when they
     * died.
     */
    private void poll() {
        try {
            pollUntilStopped();
        } finally {
            store.stopAwaiting();
        }
    }

    private void pollUntilStopped() {
        while (!halted && !Thread.currentThread().isInterrupted()) {
            try {
                store.awaitNewJobs(timing.poll());
            } catch (InterruptedException e) {
                return;
            }
            try {
                boolean shared = store.shared();
                if (shared) {
                    store.renewLeases(timing.lease(), locked(() -> List.copyOf(running.keySet())));
                    cancelRequestedElsewhere();
                }
                lock.lock();
                try {
                    if (!accepting) {
                        continue;
                    }
                    deferred.forEach(queue::add);
                    deferred.clear();
                } finally {
                    lock.unlock();
                }
                if (shared) {
                    new JobRecovery(store, events, delivery, limits, timing).recover(this, false);
                    postOrphanedResults();
                }
                dispatch();
            } catch (RuntimeException e) {
                LOG.warn("looking for jobs failed; trying again in {}: {}", timing.poll(), e.getMessage());
            } catch (Error e) {
                // Without this loop the leases run out and other instances take every job over.
                LOG.error("looking for jobs failed badly; this instance's jobs will be taken over", e);
                throw e;
            }
        }
    }

    /**
     * Posts the results that an instance finished and then died before posting (it stopped marking
     * itself alive for a lease), or handed off as it could not post them, if this instance runs
     * their platform and reaches their chat; one instance takes each.
     */
    private void postOrphanedResults() {
        for (Job job : store.orphanedResults(timing.lease())) {
            if (events.handles(job) && !events.servedElsewhere(job) && store.takeResult(job.id(), timing.lease())) {
                LOG.info("job {}: its instance stopped before posting its result; posting it here", job.id());
                delivery.recover(job);
            }
        }
    }

    /** Whether the job is queued, held back or running here. */
    boolean knows(long jobId) {
        return locked(() -> running.containsKey(jobId)
                || queue.contains(jobId)
                || deferred.stream().anyMatch(job -> job.id() == jobId));
    }

    /** Queues a job another instance accepted: its user already heard where it stands. */
    void adopt(Job job) {
        lock.lock();
        try {
            if (!accepting || knows(job.id())) {
                return;
            }
            queue.add(job);
        } finally {
            lock.unlock();
        }
    }

    /** Runs a job an earlier run left RUNNING with an upstream task: it polls the task again. */
    void resume(Job job) {
        lock.lock();
        try {
            reserve(job);
        } finally {
            lock.unlock();
        }
        threads.execute(() -> run(job, true, false));
    }

    /**
     * A platform (re)connected: results waiting to be tried again are posted now instead of after
     * their back-off.
     */
    public void platformConnected() {
        delivery.retryNow();
    }

    /** Whether new jobs are taken; false once shutting down. */
    public boolean isAccepting() {
        return locked(() -> accepting);
    }

    /**
     * Keeps a place for a job of {@code userKey} at {@code provider} that is about to be stored,
     * when it could start at once: this runner has room under its limits, the user has no job
     * waiting before it, and no queued job that could start would be overtaken. The job is then
     * claimed in the transaction that stores it ({@link JobStore.Admission#acceptStarting}), one
     * write where a separate claim would be another, and starts when {@link #enqueue}d. Empty when
     * it has to queue.
     */
    public Optional<Place> place(String userKey, String provider) {
        lock.lock();
        try {
            if (!accepting
                    || queue.users().contains(userKey)
                    || deferred.stream().anyMatch(job -> job.userKey().equals(userKey))
                    || queue.anyStartable(this::canStart)
                    || running.size() + placed >= limits.maxConcurrent()
                    || runningPerProvider.getOrDefault(provider, 0) >= limits.maxPerProvider()
                    || runningPerUser.getOrDefault(userKey, 0) >= limits.maxPerUser()) {
                return Optional.empty();
            }
            placed++;
            runningPerProvider.merge(provider, 1, Integer::sum);
            runningPerUser.merge(userKey, 1, Integer::sum);
            return Optional.of(new Place(userKey, provider));
        } finally {
            lock.unlock();
        }
    }

    /**
     * A place {@link #place} kept for a job being stored. The job takes it once stored RUNNING
     * ({@link #taken}); closing it gives it back otherwise (the request was refused, the database
     * failed, or the limits of other instances' jobs left it queued).
     */
    public final class Place implements AutoCloseable {
        private final String userKey;
        private final String provider;
        /** Guarded by lock. */
        private boolean kept = true;

        private Place(String userKey, String provider) {
            this.userKey = userKey;
            this.provider = provider;
        }

        /** How the job is claimed as it is stored. */
        public JobStore.StartNow start() {
            return new JobStore.StartNow(timing.lease(), limits);
        }

        /** {@code job} was stored RUNNING under this instance's lease: it runs once enqueued. */
        public void taken(Job job) {
            if (!job.userKey().equals(userKey) || !job.provider().equals(provider)) {
                throw new IllegalArgumentException("job " + job.id() + " is not the one this place was kept for");
            }
            lock.lock();
            try {
                if (!kept) {
                    throw new IllegalStateException("the place was given back");
                }
                kept = false;
                placed--;
                running.put(job.id(), new Running(job, new Context(job)));
                claimedAtAdmission.add(job.id());
                // Served now, as a job taken from the queue is: the fair order counts it.
                queue.served(userKey);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!kept) {
                    return;
                }
                kept = false;
                placed--;
                uncount(userKey, provider);
                idle.signalAll();
            } finally {
                lock.unlock();
            }
            // Others may have queued behind the place meanwhile.
            dispatch();
        }
    }

    /**
     * Queues an accepted job and tells its user where it stands: starting at once, or waiting
     * behind others. The user hears that before the job's start is announced. A job claimed as it
     * was stored (see {@link #place}) starts now.
     */
    public void enqueue(Job job) {
        List<Job> starting;
        QueueState state;
        boolean claimed;
        lock.lock();
        try {
            claimed = claimedAtAdmission.remove(job.id());
            if (!accepting) {
                if (claimed) {
                    unreserve(job);
                    unclaim(job);
                    return;
                }
                // Stays QUEUED in the database; the next start runs it.
                LOG.info("job {}: left queued for the next start, as this one is stopping", job.id());
                return;
            }
            // Found by this runner's own look for new jobs first: queued once all the same.
            if (!claimed && !knows(job.id())) {
                queue.add(job);
            }
            starting = take();
            state = running.containsKey(job.id())
                    ? new QueueState.StartsNow()
                    : new QueueState.Waiting(queue.ahead(job));
        } finally {
            lock.unlock();
        }
        try (var log = JobLog.of(job)) {
            LOG.info(
                    "job {}: queued for {} on {} ({})",
                    job.id(),
                    job.model(),
                    job.origin().platform(),
                    state instanceof QueueState.Waiting waiting ? waiting.ahead() + " ahead" : "starts now");
        }
        try {
            events.accepted(job, state);
        } finally {
            // Slots taken are always used, whatever the platform did with the news.
            if (claimed) {
                launch(job, true);
            }
            launch(starting);
        }
    }

    /**
     * Gives back the claim of a job that was claimed as it was stored and will not run here (this
     * runner is stopping): queued again, with no attempt counted, for another instance or the next
     * start. If that cannot be written, the job stays RUNNING under this run's lease, and the next
     * start (or another instance, once the lease runs out) takes it over as one cut off.
     */
    private void unclaim(Job job) {
        try {
            store.unclaim(job.id());
            LOG.info("job {}: queued again for the next start, as this one is stopping", job.id());
        } catch (RuntimeException e) {
            LOG.warn("job {}: left for the next start, as this one is stopping: {}", job.id(), e.getMessage());
        }
    }

    /**
     * Cancels a user's queued or running job.
     *
     * @param admin whether the requester may cancel anyone's job
     */
    public CancelResult cancel(long jobId, String userKey, boolean admin) {
        CancelResult result = cancelling(jobId, userKey, admin);
        LOG.info(
                "job {}: cancel asked by {}{}: {}",
                jobId,
                userKey,
                admin ? " (admin)" : "",
                result.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        return result;
    }

    private CancelResult cancelling(long jobId, String userKey, boolean admin) {
        Job queued;
        lock.lock();
        try {
            Running active = running.get(jobId);
            if (active != null) {
                if (!admin && !active.job().userKey().equals(userKey)) {
                    return CancelResult.NOT_YOURS;
                }
                active.context().cancel();
                return CancelResult.CANCELLING;
            }
            Optional<Job> candidate = queue.remove(jobId);
            if (candidate.isEmpty()) {
                candidate = deferred.stream().filter(job -> job.id() == jobId).findFirst();
                candidate.ifPresent(deferred::remove);
            }
            if (candidate.isPresent() && !admin && !candidate.get().userKey().equals(userKey)) {
                queue.add(candidate.get());
                return CancelResult.NOT_YOURS;
            }
            queued = candidate.orElse(null);
            idle.signalAll();
        } finally {
            lock.unlock();
        }
        Optional<Job> stored = queued != null
                ? Optional.of(queued)
                : store.find(jobId).filter(job -> admin || job.userKey().equals(userKey));
        if (stored.isEmpty()) {
            return CancelResult.NOT_FOUND;
        }
        if (stored.get().status().finished()) {
            return CancelResult.ALREADY_FINISHED;
        }
        // Queued here, or by another instance that has not started it: it ends now. Running on
        // another instance: that instance cancels it at its next poll.
        if (stored.get().status() == JobStatus.QUEUED) {
            try {
                deliver(ended(
                        store.finish(jobId, Optional.empty(), OutcomeKind.CANCELLED, "", OutcomeDetails.NONE, 0), 0));
                return CancelResult.CANCELLED;
            } catch (LeaseLostException startedMeanwhile) {
                // An instance claimed it between the read and the finish: ask it.
            }
        }
        return store.requestCancel(jobId) ? CancelResult.CANCELLING : CancelResult.ALREADY_FINISHED;
    }

    /** A job cancelled here that this runner did not get: it ends if queued, else its holder is asked. */
    private void cancelElsewhere(long jobId) {
        lock.lock();
        try {
            deferred.removeIf(job -> job.id() == jobId);
        } finally {
            lock.unlock();
        }
        try {
            Optional<Job> stored = store.find(jobId);
            if (stored.isPresent() && stored.get().status() == JobStatus.QUEUED) {
                deliver(ended(
                        store.finish(jobId, Optional.empty(), OutcomeKind.CANCELLED, "", OutcomeDetails.NONE, 0), 0));
            } else {
                store.requestCancel(jobId);
            }
        } catch (LeaseLostException startedMeanwhile) {
            store.requestCancel(jobId);
        } catch (RuntimeException e) {
            LOG.warn("job {}: the cancel could not be passed on: {}", jobId, e.getMessage());
        }
    }

    /** Cancels the jobs running here that a press on another instance asked to cancel. */
    private void cancelRequestedElsewhere() {
        List<Long> asked = store.cancelRequested();
        if (asked.isEmpty()) {
            return;
        }
        List<Context> contexts = new ArrayList<>();
        lock.lock();
        try {
            for (long jobId : asked) {
                Running active = running.get(jobId);
                if (active != null && !active.context().isCancelled()) {
                    contexts.add(active.context());
                }
            }
        } finally {
            lock.unlock();
        }
        contexts.forEach(Context::cancel);
    }

    /** What a cancel request did. */
    public enum CancelResult {
        CANCELLED,
        CANCELLING,
        ALREADY_FINISHED,
        NOT_YOURS,
        NOT_FOUND
    }

    /**
     * Stops taking jobs, lets running ones finish for up to {@code grace}, and leaves the rest in
     * the database for the next start.
     *
     * @return whether every running job finished within the grace period
     */
    public boolean shutdown(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        lock.lock();
        try {
            accepting = false;
            // A place kept for a job being stored is taken or given back within its admission.
            while (!running.isEmpty() || placed > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                idle.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
        boolean clean = isIdle();
        // Jobs still running are cut off, but a result being posted finishes, with its record: for
        // what is left of the grace period, and at least DELIVERY_DRAIN.
        halted = true;
        delivery.stop(Duration.ofNanos(Math.max(deadline - System.nanoTime(), DELIVERY_DRAIN.toNanos())));
        halt();
        return clean;
    }

    /**
     * Stops at once, as a crash would: nothing more is recorded, so running jobs stay RUNNING in
     * the database for the next start to pick up.
     */
    public void halt() {
        halted = true;
        if (poller != null) {
            poller.interrupt();
        }
        delivery.halt();
        lock.lock();
        try {
            accepting = false;
        } finally {
            lock.unlock();
        }
        threads.shutdownNow();
    }

    /**
     * Waits until nothing is queued, running or being posted, up to {@code timeout}. (A job hands
     * its result to the delivery before it stops running, so once none runs, every result to post
     * is under way or waiting out a back-off.)
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!(running.isEmpty() && placed == 0 && queue.size() == 0 && deferred.isEmpty())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
        return delivery.awaitQuiet(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /** No job runs, none is queued, and no result is being posted. */
    public boolean isIdleNow() {
        return locked(() -> running.isEmpty() && placed == 0 && queue.size() == 0 && deferred.isEmpty())
                && delivery.isQuiet();
    }

    private boolean isIdle() {
        lock.lock();
        try {
            return running.isEmpty() && placed == 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts every queued job the limits allow, fairest first. With other instances on the
     * database, when each queued user was last served counts their starts there too.
     */
    private void dispatch() {
        Map<String, Long> elsewhere = servedElsewhere();
        List<Job> starting;
        lock.lock();
        try {
            queue.servedElsewhere(elsewhere);
            starting = take();
        } finally {
            lock.unlock();
        }
        launch(starting);
    }

    /** When the users queued here last had a job started by any instance; empty on a database of its own. */
    private Map<String, Long> servedElsewhere() {
        try {
            if (!store.shared()) {
                return Map.of();
            }
            java.util.Set<String> users = locked(queue::users);
            if (users.isEmpty()) {
                return Map.of();
            }
            Map<String, Long> times = new java.util.HashMap<>();
            store.lastStarted(users).forEach((user, at) -> times.put(user, at.toEpochMilli()));
            return times;
        } catch (RuntimeException e) {
            // The order falls back to this instance's own; the limits still hold in the database.
            LOG.debug("when users were last served elsewhere could not be read: {}", e.getMessage());
            return Map.of();
        }
    }

    /** Takes the queued jobs the limits allow to start now, fairest first, and reserves their slots. Guarded by lock. */
    private List<Job> take() {
        List<Job> starting = new ArrayList<>();
        while (accepting && running.size() + placed < limits.maxConcurrent()) {
            Optional<Job> next = queue.poll(this::canStart);
            if (next.isEmpty()) {
                break;
            }
            reserve(next.get());
            starting.add(next.get());
        }
        return starting;
    }

    /** Runs jobs whose slots {@link #take} reserved; a runner halted meanwhile leaves them to the next start. */
    private void launch(List<Job> starting) {
        for (Job job : starting) {
            launch(job, false);
        }
    }

    /** Runs one job whose slot is reserved; {@code claimed}: the job was claimed as it was stored. */
    private void launch(Job job, boolean claimed) {
        try {
            threads.execute(() -> run(job, false, claimed));
        } catch (RejectedExecutionException e) {
            lock.lock();
            try {
                release(job);
            } finally {
                lock.unlock();
            }
        }
    }

    private boolean canStart(Job job) {
        return runningPerProvider.getOrDefault(job.provider(), 0) < limits.maxPerProvider()
                && runningPerUser.getOrDefault(job.userKey(), 0) < limits.maxPerUser();
    }

    private void reserve(Job job) {
        running.put(job.id(), new Running(job, new Context(job)));
        runningPerProvider.merge(job.provider(), 1, Integer::sum);
        runningPerUser.merge(job.userKey(), 1, Integer::sum);
    }

    private void release(Job job) {
        finishedJobs++;
        unreserve(job);
    }

    /** Gives back the slot {@link #reserve} took, without counting the job as run. Guarded by lock. */
    private void unreserve(Job job) {
        running.remove(job.id());
        uncount(job.userKey(), job.provider());
    }

    /** Takes one job of the user's and the provider's counts. Guarded by lock. */
    private void uncount(String userKey, String provider) {
        if (runningPerProvider.merge(provider, -1, Integer::sum) == 0) {
            runningPerProvider.remove(provider);
        }
        if (runningPerUser.merge(userKey, -1, Integer::sum) == 0) {
            runningPerUser.remove(userKey);
            queue.forget(userKey);
        }
        idle.signalAll();
    }

    /** @param claimedAlready the job was claimed as it was stored (see {@link #place}) */
    private void run(Job queued, boolean resumed, boolean claimedAlready) {
        Context context;
        lock.lock();
        try {
            context = running.get(queued.id()).context();
        } finally {
            lock.unlock();
        }
        try (var log = JobLog.of(queued)) {
            Optional<Job> claimed = claimedAlready ? Optional.of(queued) : claim(queued, resumed);
            if (claimed.isEmpty() && context.isCancelled()) {
                // Cancelled while it waited for its claim: the cancel goes where the job is.
                cancelElsewhere(queued.id());
            }
            if (claimed.isPresent()) {
                Optional<Job> finished = execute(claimed.get(), context);
                // Posting is apart from finishing: nothing that happens while posting rewrites the
                // outcome, and the post, on the delivery's own thread, does not keep the slot.
                finished.ifPresent(this::deliver);
            }
        } finally {
            lock.lock();
            try {
                release(queued);
            } finally {
                lock.unlock();
            }
            dispatch();
        }
    }

    /**
     * Takes the job in the database for this instance. When a limit that other instances' jobs
     * filled holds it back, it waits for the next poll; when another instance has it, it is theirs.
     */
    private Optional<Job> claim(Job queued, boolean resumed) {
        try {
            Optional<Job> claimed = store.claim(queued.id(), timing.lease(), limits, !resumed);
            if (claimed.isEmpty()
                    && store.find(queued.id())
                            .filter(job -> job.status() == JobStatus.QUEUED)
                            .isPresent()) {
                lock.lock();
                try {
                    deferred.add(queued);
                } finally {
                    lock.unlock();
                }
            }
            return claimed;
        } catch (RuntimeException e) {
            if (!halted) {
                LOG.warn("job {}: could not be started, trying again shortly: {}", queued.id(), e.getMessage());
                lock.lock();
                try {
                    deferred.add(queued);
                } finally {
                    lock.unlock();
                }
            }
            return Optional.empty();
        }
    }

    /** Runs the job and records its outcome; empty when the runner halted meanwhile or lost the job. */
    private Optional<Job> execute(Job job, Context context) {
        Job queued = job;
        long started = System.nanoTime();
        try {
            events.started(job);
            Execution execution = executor.execute(job, context);
            if (halted) {
                return Optional.empty();
            }
            OutcomeKind kind = context.isCancelled() ? OutcomeKind.CANCELLED : OutcomeKind.of(execution.outcome());
            boolean cancelled = kind == OutcomeKind.CANCELLED;
            Job finished = store.finish(
                    job.id(),
                    cancelled ? List.of() : execution.modelTurns(),
                    kind,
                    cancelled ? "" : execution.modelText(),
                    cancelled ? OutcomeDetails.NONE : OutcomeDetails.of(execution.outcome()),
                    cancelled ? 0 : execution.chargedImages(),
                    delivery.postsHere(job));
            logOutcome(finished, execution.outcome());
            return Optional.of(ended(finished, started));
        } catch (LeaseLostException e) {
            LOG.warn("job {}: {}; what this instance made of it is dropped", queued.id(), e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            if (halted) {
                return Optional.empty();
            }
            LOG.error("job {} failed inside the bot", queued.id(), e);
            // If the database is what failed, this fails too: the job stays RUNNING and the next
            // start tries it again.
            try {
                return Optional.of(ended(
                        store.finish(
                                queued.id(),
                                Optional.empty(),
                                OutcomeKind.FAILED,
                                "",
                                OutcomeDetails.internalError(),
                                0),
                        started));
            } catch (LeaseLostException lost) {
                return Optional.empty();
            }
        }
    }

    /**
     * Tells telemetry that {@code job} ended, having run since {@code startedNanos} ({@link
     * System#nanoTime()}; 0 for a job that never started); returns the job.
     */
    Job ended(Job job, long startedNanos) {
        telemetry.jobFinished(
                job.provider(),
                job.model(),
                job.outcome().orElse(OutcomeKind.FAILED).name().toLowerCase(java.util.Locale.ROOT),
                startedNanos == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - startedNanos));
        return job;
    }

    private static void logOutcome(Job job, Outcome outcome) {
        JobLog.update(job);
        if (job.outcome().filter(kind -> kind == OutcomeKind.CANCELLED).isPresent()) {
            LOG.info("job {} cancelled after {} attempt(s)", job.id(), job.attempts());
            return;
        }
        LOG.info(
                "job {} {} after {} attempt(s): {}",
                job.id(),
                job.status(),
                job.attempts(),
                outcome.getClass().getSimpleName());
    }

    private void deliver(Job job) {
        if (!halted) {
            delivery.deliver(job);
        }
    }

    /** How many jobs ran to an end (of any kind) since the runner was made. */
    public long finishedJobs() {
        return locked(() -> finishedJobs);
    }

    private <T> T locked(java.util.function.Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    /** Jobs running now, for reports. */
    public List<Job> runningJobs() {
        lock.lock();
        try {
            return running.values().stream().map(Running::job).toList();
        } finally {
            lock.unlock();
        }
    }

    private record Running(Job job, Context context) {}

    /** The runner's side of {@link JobContext}: records task ids and progress, and carries cancellation. */
    private final class Context implements JobContext {
        private final Job job;
        private volatile String provider;
        private final List<Runnable> onCancel = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean cancelled;

        Context(Job job) {
            this.job = job;
            this.provider = job.provider();
        }

        @Override
        public void providerChosen(String provider) {
            if (!provider.equals(this.provider)) {
                this.provider = provider;
                store.recordProvider(job.id(), provider);
            }
        }

        @Override
        public void taskAccepted(String taskId) {
            store.recordTaskId(job.id(), taskId);
        }

        @Override
        public void progress(int percent) {
            store.recordProgress(job.id(), percent);
            events.progress(job, percent);
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }

        boolean isCancelled() {
            return cancelled;
        }

        @Override
        public Registration onCancel(Runnable action) {
            onCancel.add(action);
            if (cancelled) {
                action.run();
            }
            return () -> onCancel.remove(action);
        }

        void cancel() {
            cancelled = true;
            onCancel.forEach(Runnable::run);
        }
    }
}

package dev.redraw.core.job;

import dev.redraw.core.conversation.NewTurn;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Turn;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Persistence of jobs and of the usage they record. */
public interface JobStore extends UsageCounts {

    /** Stores the user turn and the job that answers it in one transaction. */
    Accepted accept(NewTurn userTurn, NewJob job);

    /**
     * Decides on a request and stores it if admitted, in one transaction that every other admission
     * waits for, in this process and in every other instance on the same database: what {@code
     * decision} counts through {@link Admission#usage()} cannot change before what it accepts is
     * stored, so two requests for a user's last image accept one.
     */
    <T> T admit(Function<Admission, T> decision);

    /**
     * Runs {@code work} on counts read on one connection, each by a query of its own (not one
     * snapshot): a look at the usage outside an admission, which holds nothing, so the counts may
     * change as soon as it returns.
     */
    default <T> T counting(Function<UsageCounts, T> work) {
        return work.apply(this);
    }

    /** One admission's view: the counts as they stand, and the store of the accepted request. */
    interface Admission {
        UsageCounts usage();

        Accepted accept(NewTurn userTurn, NewJob job);

        /**
         * Like {@link #accept}, and takes the job for this instance in the same transaction, as
         * {@link JobStore#claim} would, when the limits across instances let it start now: the job
         * comes back RUNNING under this instance's lease then, else QUEUED.
         */
        default Accepted acceptStarting(NewTurn userTurn, NewJob job, StartNow start) {
            return accept(userTurn, job);
        }

        /** The job a platform message in a chat became, when it became one before. */
        Optional<Job> acceptedFor(Origin origin, String requestMessageId);
    }

    Optional<Job> find(long jobId);

    /**
     * Each provider's jobs on every instance: waiting and running now, and those that finished
     * since {@code since}, made (images or an answer) or failed on the provider's side (an error,
     * a refused key, a rate limit or a used-up quota, an interruption). Refused prompts and
     * cancelled jobs are neither.
     */
    List<ProviderActivity> providerActivity(Instant since);

    /** What one provider's jobs are doing; see {@link #providerActivity}. */
    record ProviderActivity(String provider, int queued, int running, int made, int failed) {}

    /** Queued and running jobs, oldest first: what a restart must pick up. */
    List<Job> unfinished();

    /**
     * Finished jobs whose result has not (or not surely) reached the user, oldest first: those this
     * instance's name finished, and those no instance held (cancelled before they started).
     */
    List<Job> undelivered();

    /** The job starts an attempt: RUNNING, one more attempt, started now. */
    Job markRunning(long jobId);

    /**
     * Takes the job for this instance (see {@link #instance()}) for {@code lease}, if it may run
     * now: it is queued, or running under a lease that ran out (its instance died) or that this
     * instance held before a restart; and its user and its provider are under {@code limits}
     * counting every instance's jobs with a live lease. Claims are counted one at a time across
     * instances; the job's row is taken with {@code FOR UPDATE SKIP LOCKED}, so a claim never waits
     * for a row another transaction holds. Empty when it may not run now, or another instance has it
     * or is changing it.
     *
     * @param newAttempt whether this counts as one more attempt (not when an upstream task is
     *     resumed)
     */
    Optional<Job> claim(long jobId, java.time.Duration lease, RunnerLimits limits, boolean newAttempt);

    /**
     * Gives back a claim this instance made as the job was stored ({@link
     * Admission#acceptStarting}) when the job will not run here after all: queued again, its
     * attempt not counted, for any instance to take. Nothing when the job is no longer held by this
     * instance's current lease.
     */
    void unclaim(long jobId);

    /**
     * Moves the leases of the jobs this process runs ({@code running}) {@code lease} ahead of now,
     * and marks this process as alive under its name.
     */
    void renewLeases(java.time.Duration lease, java.util.Collection<Long> running);

    /**
     * Whether other processes may use this database too. When none can (an embedded H2 file, which
     * one process holds), there are no other instances' jobs to look for, leases to keep or cancels to
     * pass on, and the runner spares the database that work.
     */
    default boolean shared() {
        return true;
    }

    /**
     * Finished jobs whose result is not surely posted and whose instance has not marked itself
     * alive for {@code deadAfter}, or which their instance handed off: results another instance may
     * take over (see {@link #takeResult}).
     */
    List<Job> orphanedResults(java.time.Duration deadAfter);

    /**
     * Takes the result of a job of {@link #orphanedResults} for this instance to post; false when it
     * is no longer orphaned (another instance took it, or its own came back).
     */
    boolean takeResult(long jobId, java.time.Duration deadAfter);

    /**
     * When each of {@code userKeys} ({@link Job#userKey}) last had a job started, by any instance,
     * within the last hour; users with none are left out.
     */
    default Map<String, Instant> lastStarted(java.util.Collection<String> userKeys) {
        return Map.of();
    }

    /**
     * Leaves a finished job's result, which this instance cannot post (it does not run the
     * connection its chat is served on, such as a Discord shard), for an instance that can: it is
     * one of {@link #orphanedResults} from now on. False when this instance no longer held it.
     */
    boolean handOff(long jobId);

    /** Lets go of whatever {@link #awaitNewJobs} holds open; the runner stopped. */
    default void stopAwaiting() {}

    /** Asks the instance running the job to cancel it; false when it is not running. */
    boolean requestCancel(long jobId);

    /** The jobs this instance runs that another instance was asked to cancel. */
    List<Long> cancelRequested();

    /**
     * Takes this instance's name ({@link #instance()}) for this process. When another process holds
     * it and is alive (its mark moves within two {@code beat}s), the start is refused with a {@link
     * dev.redraw.core.StartupException} naming {@code jobs.instance}: two instances of one name would
     * take each other's jobs for their own. A process that held it and died is replaced.
     */
    void register(java.time.Duration beat) throws InterruptedException;

    /** The name this instance holds leases under ({@code jobs.instance}). */
    String instance();

    /**
     * Waits up to {@code max} for a job to be accepted, by any instance: on PostgreSQL a
     * notification wakes the caller as soon as the accepting transaction commits; elsewhere it waits
     * {@code max}.
     */
    void awaitNewJobs(java.time.Duration max) throws InterruptedException;

    /**
     * Jobs any instance may pick up now: queued ones, and running ones whose lease ran out, oldest
     * first; jobs this instance holds are left out unless {@code includeOwn} (a start picks up what
     * its earlier run held).
     */
    List<Job> claimable(boolean includeOwn);

    void recordTaskId(long jobId, String taskId);

    /** The provider now serving the job, after a fail-over; a task id it reports belongs to it. */
    void recordProvider(long jobId, String provider);

    void recordProgress(long jobId, int percent);

    /**
     * Finishes a job in one transaction: stores the model turn if there is one, the outcome, and
     * the charged images in the daily usage.
     *
     * @param modelText the model's own words, when it answered with some; else empty
     * @param details the outcome's facts, from which each platform says it in the user's language
     */
    default Job finish(
            long jobId,
            Optional<NewTurn> modelTurn,
            OutcomeKind outcome,
            String modelText,
            OutcomeDetails details,
            int chargedImages) {
        return finish(jobId, modelTurn.map(List::of).orElse(List.of()), outcome, modelText, details, chargedImages);
    }

    /**
     * Finishes a job in one transaction: stores its model turns in order (one per image of a request
     * for several, all siblings under the request; the first becomes {@link Job#modelTurnId}), the
     * outcome, and the charged images in the daily usage and the charges ledger (one entry for the
     * job, of {@code chargedImages} images).
     */
    default Job finish(
            long jobId,
            List<NewTurn> modelTurns,
            OutcomeKind outcome,
            String modelText,
            OutcomeDetails details,
            int chargedImages) {
        return finish(jobId, modelTurns, outcome, modelText, details, chargedImages, false);
    }

    /**
     * Like {@link #finish(long, List, OutcomeKind, String, OutcomeDetails, int)}; with {@code
     * delivering}, the same transaction also records the intent to post the result ({@link
     * #markDelivering}), for an instance that posts it at once: one write where there were two.
     */
    Job finish(
            long jobId,
            List<NewTurn> modelTurns,
            OutcomeKind outcome,
            String modelText,
            OutcomeDetails details,
            int chargedImages,
            boolean delivering);

    /**
     * Records the upstream task of one of the calls a job makes side by side for several images
     * ({@code slot}, from 0), with the provider that holds it, so a restart resumes it.
     */
    void recordVariationTask(long jobId, int slot, String provider, String taskId);

    /** The upstream tasks recorded with {@link #recordVariationTask}, by slot. */
    Map<Integer, UpstreamTask> variationTasks(long jobId);

    /** Records the intent to post the result, before posting it. */
    void markDelivering(long jobId);

    /**
     * Records the result as posted, and drops the job's status message record with it: until then a
     * restart may need it to post the result again in the same place.
     */
    void markDelivered(long jobId, Optional<String> messageId);

    /**
     * The platform refused the result for good (the bot left the chat): it is not tried again. The
     * status message record is dropped too.
     */
    void markUndeliverable(long jobId);

    /** The message showing the job's state, or none once it is gone. */
    void recordStatusMessage(long jobId, Optional<String> messageId);

    /**
     * Records {@code messageId} as the job's status message only while the job has not finished, in
     * one statement with that check: a finish sees either the record or no record, never one written
     * after it. False when the job had finished: its result is posted without this message, whichever
     * instance posts it.
     */
    boolean recordStatusMessageWhileUnfinished(long jobId, String messageId);

    /**
     * A platform was promised an answer to a request that is not a job yet (Discord's deferred
     * response): kept, with {@code address}, what it takes to answer it (a credential, never
     * logged), until {@link #closeRequest}, so that a start after a crash can still answer it.
     * Opening a request again replaces it.
     */
    void openRequest(String platform, String requestId, String userId, String address);

    /** The request was answered, or can be no more: its record goes. */
    void closeRequest(String platform, String requestId);

    /** The requests still open on a platform, oldest first, each with the job made for it, if any. */
    List<OpenRequest> openRequests(String platform);

    /** A user's queued and running jobs. */
    int activeJobs(String platform, String userId);

    /** The queued and running jobs {@code origin}'s user asked for in {@code origin}'s chat, oldest first. */
    List<Job> activeIn(Origin origin);

    /** Daily usage from {@code from} on, for one user or (empty) everyone. */
    List<UsageRow> usage(LocalDate from, Optional<UserRef> user);

    /** A user turn and the job stored with it. */
    record Accepted(Turn userTurn, Job job) {}

    /**
     * How a job accepted with {@link Admission#acceptStarting} is claimed: for {@code lease}, if the
     * jobs running on every instance leave room under {@code limits}.
     */
    record StartNow(java.time.Duration lease, RunnerLimits limits) {}

    /** An upstream task one call of a job submitted, at {@code provider}. */
    record UpstreamTask(String provider, String taskId) {}

    /** Images charged by one finished job. */
    record Charge(Instant at, int images) {}

    record UserRef(String platform, String userId) {}

    /** Images made by one user in one chat with one model on one UTC day. */
    record UsageRow(
            String platform, String userId, String chatId, String model, LocalDate day, int images, int requests) {}
}

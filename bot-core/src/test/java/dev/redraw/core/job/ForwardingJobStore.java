package dev.redraw.core.job;

import dev.redraw.core.conversation.NewTurn;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A job store that passes every call on, for tests that make one call fail. */
class ForwardingJobStore implements JobStore {

    private final JobStore target;

    ForwardingJobStore(JobStore target) {
        this.target = target;
    }

    @Override
    public <T> T admit(java.util.function.Function<Admission, T> decision) {
        return target.admit(decision);
    }

    @Override
    public void unclaim(long jobId) {
        target.unclaim(jobId);
    }

    @Override
    public Optional<Job> claim(long jobId, java.time.Duration lease, RunnerLimits limits, boolean newAttempt) {
        return target.claim(jobId, lease, limits, newAttempt);
    }

    @Override
    public void renewLeases(java.time.Duration lease, java.util.Collection<Long> running) {
        target.renewLeases(lease, running);
    }

    @Override
    public boolean requestCancel(long jobId) {
        return target.requestCancel(jobId);
    }

    @Override
    public List<Long> cancelRequested() {
        return target.cancelRequested();
    }

    @Override
    public void register(java.time.Duration beat) throws InterruptedException {
        target.register(beat);
    }

    @Override
    public List<Job> orphanedResults(java.time.Duration deadAfter) {
        return target.orphanedResults(deadAfter);
    }

    @Override
    public boolean takeResult(long jobId, java.time.Duration deadAfter) {
        return target.takeResult(jobId, deadAfter);
    }

    @Override
    public boolean shared() {
        return target.shared();
    }

    @Override
    public String instance() {
        return target.instance();
    }

    @Override
    public void awaitNewJobs(java.time.Duration max) throws InterruptedException {
        target.awaitNewJobs(max);
    }

    @Override
    public List<Job> claimable(boolean includeOwn) {
        return target.claimable(includeOwn);
    }

    @Override
    public Accepted accept(NewTurn userTurn, NewJob job) {
        return target.accept(userTurn, job);
    }

    @Override
    public Optional<Job> find(long jobId) {
        return target.find(jobId);
    }

    @Override
    public List<Job> unfinished() {
        return target.unfinished();
    }

    @Override
    public List<Job> undelivered() {
        return target.undelivered();
    }

    @Override
    public Job markRunning(long jobId) {
        return target.markRunning(jobId);
    }

    @Override
    public void recordTaskId(long jobId, String taskId) {
        target.recordTaskId(jobId, taskId);
    }

    @Override
    public void recordProvider(long jobId, String provider) {
        target.recordProvider(jobId, provider);
    }

    @Override
    public void recordProgress(long jobId, int percent) {
        target.recordProgress(jobId, percent);
    }

    @Override
    public Job finish(
            long jobId,
            List<NewTurn> modelTurns,
            OutcomeKind outcome,
            String modelText,
            OutcomeDetails details,
            int chargedImages,
            boolean delivering) {
        return target.finish(jobId, modelTurns, outcome, modelText, details, chargedImages, delivering);
    }

    @Override
    public void recordVariationTask(long jobId, int slot, String provider, String taskId) {
        target.recordVariationTask(jobId, slot, provider, taskId);
    }

    @Override
    public Map<Integer, UpstreamTask> variationTasks(long jobId) {
        return target.variationTasks(jobId);
    }

    @Override
    public int activeImages(String platform, String userId) {
        return target.activeImages(platform, userId);
    }

    @Override
    public int activeImages() {
        return target.activeImages();
    }

    @Override
    public <T> T counting(java.util.function.Function<UsageCounts, T> work) {
        return target.counting(work);
    }

    @Override
    public void markDelivering(long jobId) {
        target.markDelivering(jobId);
    }

    @Override
    public void markDelivered(long jobId, Optional<String> messageId) {
        target.markDelivered(jobId, messageId);
    }

    @Override
    public void markUndeliverable(long jobId) {
        target.markUndeliverable(jobId);
    }

    @Override
    public void recordStatusMessage(long jobId, Optional<String> messageId) {
        target.recordStatusMessage(jobId, messageId);
    }

    @Override
    public boolean recordStatusMessageWhileUnfinished(long jobId, String messageId) {
        return target.recordStatusMessageWhileUnfinished(jobId, messageId);
    }

    @Override
    public List<Charge> chargesSince(String platform, String userId, Instant since) {
        return target.chargesSince(platform, userId, since);
    }

    @Override
    public long imagesSince(String platform, String userId, Instant since) {
        return target.imagesSince(platform, userId, since);
    }

    @Override
    public long imagesSince(Instant since) {
        return target.imagesSince(since);
    }

    @Override
    public int activeJobs(String platform, String userId) {
        return target.activeJobs(platform, userId);
    }

    @Override
    public List<Job> activeIn(dev.redraw.core.conversation.Origin origin) {
        return target.activeIn(origin);
    }

    @Override
    public List<UsageRow> usage(LocalDate from, Optional<UserRef> user) {
        return target.usage(from, user);
    }

    @Override
    public void openRequest(String platform, String requestId, String userId, String address) {
        target.openRequest(platform, requestId, userId, address);
    }

    @Override
    public void closeRequest(String platform, String requestId) {
        target.closeRequest(platform, requestId);
    }

    @Override
    public List<OpenRequest> openRequests(String platform) {
        return target.openRequests(platform);
    }

    @Override
    public boolean handOff(long jobId) {
        return target.handOff(jobId);
    }

    @Override
    public java.util.Map<String, java.time.Instant> lastStarted(java.util.Collection<String> userKeys) {
        return target.lastStarted(userKeys);
    }

    @Override
    public List<ProviderActivity> providerActivity(java.time.Instant since) {
        return target.providerActivity(since);
    }

    @Override
    public List<Grant> grantsSince(String platform, String userId, java.time.Instant since) {
        return target.grantsSince(platform, userId, since);
    }
}

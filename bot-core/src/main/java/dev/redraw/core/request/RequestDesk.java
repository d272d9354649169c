package dev.redraw.core.request;

import dev.redraw.core.access.AccessPolicy;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.generation.GenerateCommand;
import dev.redraw.core.generation.GenerationService;
import dev.redraw.core.generation.Submission;
import dev.redraw.core.job.JobRunner;
import dev.redraw.core.job.JobStore;
import dev.redraw.core.quota.Quotas;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Where every platform hands in requests: access rules and quotas are checked before anything is
 * stored, then the request is stored with its job and queued. Also cancels jobs and reports usage.
 */
public record RequestDesk(
        AccessPolicy access,
        Quotas quotas,
        GenerationService generation,
        JobRunner runner,
        JobStore jobs,
        Clock clock) {

    /** How many days an administrator's usage report covers. */
    static final int REPORT_DAYS = 7;

    static final String RESTARTING = "The bot is restarting and takes no new requests; send it again in a minute.";

    /**
     * Checks, stores and queues a request. Submissions are taken one at a time so two requests of
     * one user cannot both slip under the same quota.
     */
    public synchronized Submission submit(GenerateCommand command, Optional<String> requestMessageId) {
        if (!runner.isAccepting()) {
            return new Submission.Refused(RESTARTING);
        }
        Origin origin = command.origin();
        Optional<String> refusal = access.refusal(origin).or(() -> quotas.refusal(origin, access.isAdmin(origin)));
        if (refusal.isPresent()) {
            return new Submission.Refused(refusal.get());
        }
        Submission submission = generation.submit(command, requestMessageId);
        if (submission instanceof Submission.Accepted accepted) {
            runner.enqueue(accepted.job());
        }
        return submission;
    }

    public JobRunner.CancelResult cancel(long jobId, Origin requester) {
        return runner.cancel(jobId, requester.userKey(), access.isAdmin(requester));
    }

    /** The requester's own use of their quota; administrators also get everyone's recent usage. */
    public UsageReport usage(Origin requester) {
        var status = quotas.status(requester, clock.instant());
        boolean admin = access.isAdmin(requester);
        var rows = admin
                ? jobs.usage(
                        LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(REPORT_DAYS - 1),
                        Optional.empty())
                : java.util.List.<JobStore.UsageRow>of();
        return new UsageReport(status, admin, rows, clock.instant());
    }

    public boolean isAdmin(Origin origin) {
        return access.isAdmin(origin);
    }
}

package dev.redraw.core.request;

import dev.redraw.core.access.AccessPolicy;
import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.generation.GenerateCommand;
import dev.redraw.core.job.JobRunner;
import dev.redraw.core.job.JobStore;
import dev.redraw.core.quota.Quotas;
import dev.redraw.core.refusal.Refusal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Where every platform hands in requests: access rules and quotas are checked before anything is
 * stored, then the request is stored with its job and queued. Also cancels jobs and reports usage.
 */
public record RequestDesk(
        ConversationStore conversations,
        AccessPolicy access,
        Quotas quotas,
        GenerationService generation,
        JobRunner runner,
        JobStore jobs,
        Clock clock) {

    /** How many days an administrator's usage report covers. */
    static final int REPORT_DAYS = 7;

    /**
     * Checks, stores and queues a request. Submissions are taken one at a time so two requests of
     * one user cannot both slip under the same quota.
     */
    public synchronized Submission submit(GenerateCommand command, Optional<String> requestMessageId) {
        Optional<Refusal> refusal = admission(command.origin());
        if (refusal.isPresent()) {
            return new Submission.Refused(refusal.get());
        }
        Submission submission = generation.submit(command, requestMessageId);
        if (submission instanceof Submission.Accepted accepted) {
            runner.enqueue(accepted.job());
        }
        return submission;
    }

    /**
     * Why {@code origin} may not hand in a request now (the bot is restarting, the access rules keep
     * them out, their quota is used up); empty when they may. Checked before anything of theirs is
     * downloaded, and again by {@link #submit} when the request is stored.
     */
    public Optional<Refusal> admission(Origin origin) {
        if (!runner.isAccepting()) {
            return Optional.of(new Refusal.Restarting());
        }
        return access.refusal(origin).or(() -> quotas.refusal(origin, access.isAdmin(origin)));
    }

    /**
     * The same request as the one a model turn answered, asked again by {@code requester}: a new
     * sample on a sibling branch. Who may press Reroll is checked before (see {@link ResultActions}); it
     * counts against the requester's quota.
     */
    public Submission reroll(long modelTurnId, Origin requester, Optional<String> requestMessageId) {
        Optional<Turn> request = conversations
                .find(modelTurnId)
                .flatMap(answer -> answer.parentId().isPresent()
                        ? conversations.find(answer.parentId().getAsLong())
                        : Optional.empty());
        if (request.isEmpty()) {
            return new Submission.Refused(new Refusal.ImageGone());
        }
        Turn asked = request.get();
        return submit(
                new GenerateCommand(
                        requester,
                        asked.parentId(),
                        asked.text(),
                        asked.images(),
                        asked.model(),
                        asked.aspectRatio(),
                        asked.imageSize()),
                requestMessageId);
    }

    /**
     * Deletes a user's conversations and images. Refused while they have requests in progress, so
     * no running job loses its turn.
     */
    public Optional<Refusal> forget(Origin requester) {
        if (jobs.activeJobs(requester.platform(), requester.userId()) > 0) {
            return Optional.of(new Refusal.BusyForgetting());
        }
        conversations.forget(requester.platform(), requester.userId());
        return Optional.empty();
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
        return new UsageReport(status, admin, rows, REPORT_DAYS, clock.instant());
    }

    public boolean isAdmin(Origin origin) {
        return access.isAdmin(origin);
    }
}

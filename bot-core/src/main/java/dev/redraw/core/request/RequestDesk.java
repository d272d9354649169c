package dev.redraw.core.request;

import dev.redraw.core.access.AccessPolicy;
import dev.redraw.core.access.AccessRules;
import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.generation.GenerateCommand;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobRunner;
import dev.redraw.core.job.JobStore;
import dev.redraw.core.quota.Quotas;
import dev.redraw.core.refusal.Refusal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Where every platform hands in requests: access rules and quotas are checked before anything is
 * stored, then the request is stored with its job and queued. Also cancels jobs and reports usage.
 */
public record RequestDesk(
        ConversationStore conversations,
        AccessRules access,
        Quotas quotas,
        GenerationService generation,
        JobRunner runner,
        JobStore jobs,
        Clock clock) {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RequestDesk.class);

    /** A desk whose access rules stay {@code access} for as long as it runs. */
    public RequestDesk(
            ConversationStore conversations,
            AccessPolicy access,
            Quotas quotas,
            GenerationService generation,
            JobRunner runner,
            JobStore jobs,
            Clock clock) {
        this(conversations, new AccessRules(access), quotas, generation, runner, jobs, clock);
    }

    /** How many days an administrator's usage report covers. */
    static final int REPORT_DAYS = 7;

    /** At most this many requests are offered as buttons by a bare /cancel (Discord shows 25 buttons). */
    public static final int MAX_CANCEL_CHOICES = 25;

    /**
     * Checks, stores and queues a request. The quota is counted again where the request is stored,
     * in one admission with it (see {@link JobStore#admit}), so two requests for a user's last image
     * accept one, whichever instances they reach.
     */
    public Submission submit(GenerateCommand command, Optional<String> requestMessageId) {
        return submit(command, requestMessageId, RequestMessage.PRESS);
    }

    /**
     * Like {@link #submit(GenerateCommand, Optional)} for a request a user's message (or a Discord
     * interaction) made: a message handled again after a crash, which had become a job before, is
     * answered by that job, not by a second one.
     */
    public Submission submitOnce(GenerateCommand command, Optional<String> requestMessageId) {
        return submit(command, requestMessageId, RequestMessage.INTERACTION);
    }

    /** Like {@link #submitOnce}, for a request {@code asked} made. */
    Submission submitOnce(GenerateCommand command, Optional<String> requestMessageId, RequestMessage asked) {
        return submit(command, requestMessageId, asked);
    }

    /**
     * Like {@link #submitOnce}, for a request whose {@link #admission} was checked just before, with
     * nothing fetched in between: the access rules are not read again, and the quota is counted
     * again only where the request is stored. Only for callers that checked the admission.
     */
    Submission submitEntered(GenerateCommand command, Optional<String> requestMessageId, RequestMessage asked) {
        return store(command, requestMessageId, asked);
    }

    private Submission submit(GenerateCommand command, Optional<String> requestMessageId, RequestMessage asked) {
        Optional<Refusal> refusal = admission(command.origin(), command.variations());
        if (refusal.isPresent()) {
            return new Submission.Refused(refusal.get());
        }
        return store(command, requestMessageId, asked);
    }

    private Submission store(GenerateCommand command, Optional<String> requestMessageId, RequestMessage asked) {
        Origin origin = command.origin();
        boolean admin = access.isAdmin(origin);
        Submission submission = generation.submit(
                command,
                requestMessageId,
                asked,
                counts -> quotas.refusal(origin, admin, command.variations(), counts),
                runner::place);
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
        return admission(origin, 1);
    }

    /** Like {@link #admission(Origin)}, for a request of {@code images} images, all counted up front. */
    public Optional<Refusal> admission(Origin origin, int images) {
        return entry(origin).or(() -> quotas.refusal(origin, access.isAdmin(origin), images));
    }

    /** Why {@code origin} may not hand in a request now, leaving the quota out: restarting, or the access rules. */
    private Optional<Refusal> entry(Origin origin) {
        if (!runner.isAccepting()) {
            return Optional.of(new Refusal.Restarting());
        }
        Optional<Refusal> denied = access.refusal(origin);
        if (denied.isPresent()) {
            LOG.info(
                    "request from {} in {}:{} refused by the access rules: {}",
                    origin.userKey(),
                    origin.platform(),
                    origin.chatId(),
                    denied.get() instanceof Refusal.NotAllowed notAllowed
                            ? notAllowed.reason().name().toLowerCase(java.util.Locale.ROOT)
                            : denied.get().getClass().getSimpleName());
            return denied;
        }
        return Optional.empty();
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
        Optional<java.time.Instant> expired = conversations.expiredAt(modelTurnId);
        if (expired.isPresent()) {
            return new Submission.Refused(new Refusal.ImageExpired(expired.get()));
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
            LOG.info("forget asked by {}: refused while their requests are in progress", requester.userKey());
            return Optional.of(new Refusal.BusyForgetting());
        }
        conversations.forget(requester.platform(), requester.userId());
        LOG.info("forget asked by {}: their conversations and images are deleted", requester.userKey());
        return Optional.empty();
    }

    /** Cancels job {@code jobId}: the requester's own, or anyone's for an administrator. */
    public JobRunner.CancelResult cancel(long jobId, Origin requester) {
        return runner.cancel(jobId, requester.userKey(), access.isAdmin(requester));
    }

    /**
     * A bare {@code /cancel}: cancels the requester's one request in progress in their chat, or,
     * when they have several there, offers them as choices (see {@link #cancelChosen}).
     */
    public ChatCancel cancelInChat(Origin requester) {
        List<Job> active = jobs.activeIn(requester);
        if (active.isEmpty()) {
            return new ChatCancel.Nothing();
        }
        if (active.size() == 1) {
            long jobId = active.getFirst().id();
            return new ChatCancel.Done(jobId, runner.cancel(jobId, requester.userKey(), false));
        }
        List<CancelChoice> choices = active.stream()
                .limit(MAX_CANCEL_CHOICES)
                .map(job -> new CancelChoice(
                        job.id(),
                        conversations.find(job.userTurnId()).map(Turn::text).orElse("")))
                .toList();
        return new ChatCancel.Choose(active.size(), choices);
    }

    /**
     * One of the choices of {@link #cancelInChat} was picked. Whatever the button said, only the
     * user who asked for job {@code jobId}, in the chat it was asked in, may cancel it this way; to
     * anyone else it is not theirs.
     */
    public JobRunner.CancelResult cancelChosen(long jobId, Origin presser) {
        boolean theirs = jobs.find(jobId)
                .map(Job::origin)
                .filter(owner -> owner.platform().equals(presser.platform())
                        && owner.userId().equals(presser.userId())
                        && owner.chatId().equals(presser.chatId()))
                .isPresent();
        return theirs ? runner.cancel(jobId, presser.userKey(), false) : JobRunner.CancelResult.NOT_YOURS;
    }

    /** The requester's own use of their quota; administrators also get everyone's recent usage. */
    public UsageReport usage(Origin requester) {
        var status = quotas.status(requester, clock.instant());
        boolean admin = access.isAdmin(requester);
        var rows = admin
                ? jobs.usage(
                        LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(REPORT_DAYS - 1),
                        Optional.empty())
                : List.<JobStore.UsageRow>of();
        return new UsageReport(status, admin, rows, REPORT_DAYS, clock.instant());
    }

    public boolean isAdmin(Origin origin) {
        return access.isAdmin(origin);
    }
}

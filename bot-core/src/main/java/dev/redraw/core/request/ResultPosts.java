package dev.redraw.core.request;

import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobAnswers;
import dev.redraw.core.job.OutcomeKind;
import dev.redraw.core.settings.SettingsStore;
import dev.redraw.core.settings.UserSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Delivery's side in the core: what a platform posts for a job, and the record of what it posted.
 * The platform asks for a finished job's {@link ResultPost}, renders and posts it, and records
 * every message it posted, each as soon as it is posted, so a reply to it continues that branch
 * and a later attempt (after a failure or a crash) knows what is already in the chat.
 */
public final class ResultPosts {

    private final ConversationStore conversations;
    private final ImageStore images;
    private final SettingsStore settings;
    private final Gallery gallery;

    public ResultPosts(ConversationStore conversations, ImageStore images, SettingsStore settings, Gallery gallery) {
        this.conversations = Objects.requireNonNull(conversations);
        this.images = Objects.requireNonNull(images);
        this.settings = Objects.requireNonNull(settings);
        this.gallery = Objects.requireNonNull(gallery);
    }

    /** The job owner's language and choices, for the status lines shown while the job waits and runs. */
    public Recipient recipient(Job job) {
        UserSettings user = settings.user(job.origin().platform(), job.origin().userId());
        return new Recipient(user.language(), user.privateResults());
    }

    /**
     * What to post for a finished job. Image bytes are not read here: each is read when the
     * platform uploads it.
     *
     * @throws IllegalArgumentException when the job has not finished
     */
    public ResultPost prepare(Job job) {
        OutcomeKind kind =
                job.outcome().orElseThrow(() -> new IllegalArgumentException("job " + job.id() + " has not finished"));
        Recipient recipient = recipient(job);
        if (kind == OutcomeKind.IMAGES && job.variations() > 1) {
            List<Turn> answers = JobAnswers.of(job, conversations);
            if (!answers.isEmpty()) {
                return variations(job, recipient, answers);
            }
        }
        OptionalLong answerId = kind.succeeded() ? job.modelTurnId() : OptionalLong.empty();
        // The answer and the request it answers, read together.
        Map<Long, Turn> turns = conversations.find(
                answerId.isPresent() ? List.of(answerId.getAsLong(), job.userTurnId()) : List.of(job.userTurnId()));
        Optional<Turn> answer =
                answerId.isPresent() ? Optional.ofNullable(turns.get(answerId.getAsLong())) : Optional.empty();
        ResultPost.Content content;
        List<ResultPost.Button> buttons = List.of();
        if (answer.isPresent() && kind == OutcomeKind.IMAGES) {
            content = new ResultPost.Content.Images(images(answer.get()));
            buttons = ResultPost.Button.under(answer.get().id(), gallery.shareable(job, recipient.privateResults()));
        } else if (answer.isPresent()) {
            content = new ResultPost.Content.Answer(answer.get().text());
        } else {
            content = new ResultPost.Content.Report(kind);
        }
        List<MessageRef> links = answer.map(turn -> links(job, turn.id())).orElse(List.of());
        OptionalLong answerTurnId =
                answer.map(turn -> OptionalLong.of(turn.id())).orElse(OptionalLong.empty());
        return new ResultPost(
                job,
                recipient,
                content,
                caption(job, Optional.ofNullable(turns.get(job.userTurnId()))),
                buttons,
                answerTurnId,
                links,
                Optional.empty());
    }

    /**
     * The result of a request for several images: each image its own answer with its own numbered
     * buttons, in the order they were made; the content holds all the images in that order, the
     * first answer stands for the result, and the links are those of every answer and the shared ones.
     */
    private ResultPost variations(Job job, Recipient recipient, List<Turn> answers) {
        List<ResultPost.Variation> items = new ArrayList<>();
        for (Turn answer : answers) {
            items.add(new ResultPost.Variation(
                    items.size() + 1,
                    answer.id(),
                    images(answer).getFirst(),
                    ResultPost.Button.under(answer.id()),
                    links(job, answer.id())));
        }
        List<MessageRef> shared = onPlatform(job, conversations.sharedLinks(job.userTurnId()));
        var variations = new ResultPost.Variations(job.userTurnId(), items, job.variations(), shared);
        List<MessageRef> links = new ArrayList<>();
        items.forEach(item -> links.addAll(item.links()));
        links.addAll(shared);
        return new ResultPost(
                job,
                recipient,
                new ResultPost.Content.Images(
                        items.stream().map(ResultPost.Variation::image).toList()),
                caption(job),
                variations.buttons().stream()
                        .map(ResultPost.NumberedButton::button)
                        .toList(),
                OptionalLong.of(items.getFirst().turnId()),
                links,
                Optional.of(variations));
    }

    private ResultPost.Caption caption(Job job) {
        return caption(job, conversations.find(job.userTurnId()));
    }

    /** @param asked the job's request turn, when it is still stored */
    private ResultPost.Caption caption(Job job, Optional<Turn> asked) {
        return new ResultPost.Caption(
                asked.map(Turn::text).orElse(""),
                job.model(),
                asked.flatMap(Turn::aspectRatio),
                job.origin().userId(),
                asked.flatMap(request -> remixOf(job, request)));
    }

    /**
     * Whose image a request continued, when it was someone else's: the nearest step before it made
     * by another user of the same platform. A new conversation is nobody's remix, and costs no lookup.
     */
    private Optional<ResultPost.Author> remixOf(Job job, Turn request) {
        if (request.parentId().isEmpty()) {
            return Optional.empty();
        }
        List<Turn> path = conversations.path(request.parentId().getAsLong());
        for (int i = path.size() - 1; i >= 0; i--) {
            Origin author = path.get(i).origin();
            if (author.platform().equals(job.origin().platform())
                    && !author.userId().equals(job.origin().userId())) {
                return Optional.of(
                        new ResultPost.Author(author.userId(), settings.name(author.platform(), author.userId())));
            }
        }
        return Optional.empty();
    }

    /** The messages on the job's platform linked to {@code turnId}. */
    private List<MessageRef> links(Job job, long turnId) {
        return onPlatform(job, conversations.links(turnId));
    }

    private static List<MessageRef> onPlatform(Job job, List<MessageRef> links) {
        return links.stream()
                .filter(link -> link.platform().equals(job.origin().platform()))
                .toList();
    }

    /**
     * The images a turn shows, their bytes read only when asked for: the full-quality files the
     * Original button sends.
     */
    public List<ResultPost.Image> images(Turn turn) {
        return turn.images().stream().map(image -> image(turn.id(), image)).toList();
    }

    private ResultPost.Image image(long turnId, ImageRef ref) {
        return new ResultPost.Image(turnId, ref, images::bytes);
    }

    /**
     * Records a message that shows every image of a request for several at once (Discord's one
     * message with all the images and numbered buttons, Telegram's message of numbered buttons), so
     * a later attempt knows it is posted, its buttons work, and a reply to it is answered with a
     * request to press the ✏️ N of the image to change. Like {@link #record}, a stop waits for it.
     */
    public void recordShared(ResultPost.Variations variations, MessageRef posted) {
        Objects.requireNonNull(variations, "variations");
        Objects.requireNonNull(posted, "posted");
        withInterruptHeld(() -> conversations.linkShared(posted, variations.requestTurnId()));
    }

    /**
     * Records a message the platform posted for turn {@code turnId} (a result's part, or a file
     * sent for it), so a reply to it continues that branch and a later attempt knows it is posted.
     * A thread interrupted now (a stop) would leave the message in the chat without its record:
     * the interrupt is held back until the record is written, and kept for after.
     */
    public void record(long turnId, MessageRef posted) {
        Objects.requireNonNull(posted, "posted");
        withInterruptHeld(() -> conversations.link(posted, turnId));
    }

    /** Runs {@code write} with the thread's interrupt held back until it is done, and kept for after. */
    private static void withInterruptHeld(Runnable write) {
        boolean interrupted = Thread.interrupted();
        try {
            write.run();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

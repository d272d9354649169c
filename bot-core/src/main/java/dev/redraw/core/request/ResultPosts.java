package dev.redraw.core.request;

import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.OutcomeKind;
import dev.redraw.core.settings.SettingsStore;
import dev.redraw.core.settings.UserSettings;
import java.util.List;
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

    public ResultPosts(ConversationStore conversations, ImageStore images, SettingsStore settings) {
        this.conversations = Objects.requireNonNull(conversations);
        this.images = Objects.requireNonNull(images);
        this.settings = Objects.requireNonNull(settings);
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
        Optional<Turn> answer = kind.succeeded() && job.modelTurnId().isPresent()
                ? conversations.find(job.modelTurnId().getAsLong())
                : Optional.empty();
        ResultPost.Content content;
        List<ResultPost.Button> buttons = List.of();
        if (answer.isPresent() && kind == OutcomeKind.IMAGES) {
            content = new ResultPost.Content.Images(images(answer.get()));
            buttons = ResultPost.Button.under(answer.get().id());
        } else if (answer.isPresent()) {
            content = new ResultPost.Content.Answer(answer.get().text());
        } else {
            content = new ResultPost.Content.Report(kind);
        }
        Optional<Turn> asked = conversations.find(job.userTurnId());
        var caption = new ResultPost.Caption(
                asked.map(Turn::text).orElse(""),
                job.model(),
                asked.flatMap(Turn::aspectRatio),
                job.origin().userId());
        List<MessageRef> links = answer.map(turn -> conversations.links(turn.id()).stream()
                        .filter(link -> link.platform().equals(job.origin().platform()))
                        .toList())
                .orElse(List.of());
        OptionalLong answerTurnId =
                answer.map(turn -> OptionalLong.of(turn.id())).orElse(OptionalLong.empty());
        return new ResultPost(job, recipient, content, caption, buttons, answerTurnId, links);
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
     * Records a message the platform posted for turn {@code turnId} (a result's part, or a file
     * sent for it), so a reply to it continues that branch and a later attempt knows it is posted.
     * A thread interrupted now (a stop) would leave the message in the chat without its record:
     * the interrupt is held back until the record is written, and kept for after.
     */
    public void record(long turnId, MessageRef posted) {
        Objects.requireNonNull(posted, "posted");
        boolean interrupted = Thread.interrupted();
        try {
            conversations.link(posted, turnId);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

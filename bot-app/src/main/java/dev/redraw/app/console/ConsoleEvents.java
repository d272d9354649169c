package dev.redraw.app.console;

import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.image.ImageFormat;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobAnswers;
import dev.redraw.core.job.JobEvents;
import dev.redraw.core.job.OutcomeKind;
import dev.redraw.core.job.ProgressThrottle;
import dev.redraw.core.job.QueueState;
import dev.redraw.core.text.Messages;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The console's side of the job runner: prints where jobs stand and delivers results by writing
 * each image under the output folder and announcing it as {@code saved #N <path>}. Image numbers
 * are message links in storage, so they continue across runs and prove delivery after a crash.
 * A request for several images ({@code --n 3}) saves each as its own file with its own number
 * ({@code saved #N <path> (image 2 of 3)}), so {@code /edit N} continues from that image, and says
 * how many could not be made.
 */
record ConsoleEvents(
        ConversationStore conversations, ImageStore images, Path outputDir, PrintStream out, ProgressThrottle throttle)
        implements JobEvents {

    static final String PLATFORM = "console";
    static final String CHAT = "local";
    /** The console speaks English. */
    private static final Messages ENGLISH = Messages.forLanguage("en");

    @Override
    public void accepted(Job job, QueueState state) {
        // A job that starts at once says so when it starts.
        if (state instanceof QueueState.Waiting waiting) {
            out.println(
                    "job " + job.id() + " queued" + (waiting.ahead() == 0 ? "" : " (" + waiting.ahead() + " ahead)"));
        }
    }

    @Override
    public void started(Job job) {
        out.println("job " + job.id() + " generating with " + job.model());
    }

    @Override
    public void progress(Job job, int percent) {
        if (throttle.shouldShow(job.id())) {
            out.println("job " + job.id() + " " + percent + "%");
        }
    }

    /** Synchronized: two jobs finishing together must not take the same image number. */
    @Override
    public synchronized Optional<String> deliver(Job job) throws IOException {
        throttle.done(job.id());
        OutcomeKind kind = job.outcome().orElseThrow();
        if (kind == OutcomeKind.IMAGES && job.variations() > 1) {
            List<Turn> answers = JobAnswers.of(job, conversations);
            if (!answers.isEmpty()) {
                return saveVariations(job, answers);
            }
        }
        Optional<Turn> answer = job.modelTurnId().isPresent()
                ? conversations.find(job.modelTurnId().getAsLong())
                : Optional.empty();
        if (kind == OutcomeKind.IMAGES && answer.isPresent()) {
            return save(answer.get());
        }
        String message = kind.succeeded()
                ? job.outcomeMessage().orElse("")
                : Messages.forLanguage(null).outcome(job);
        // A failure names its job: with several jobs running, the lines of each are interleaved.
        out.println((kind.succeeded() ? "text: " : "error: job " + job.id() + ": ") + ConsoleText.oneLine(message));
        return Optional.empty();
    }

    private Optional<String> save(Turn answer) throws IOException {
        return save(answer, "");
    }

    /**
     * Saves each image of a request for several, in order, skipping those an earlier attempt
     * already saved (they have their number), then says how many could not be made.
     */
    private Optional<String> saveVariations(Job job, List<Turn> answers) throws IOException {
        Optional<String> first = Optional.empty();
        for (int i = 0; i < answers.size(); i++) {
            Turn answer = answers.get(i);
            List<MessageRef> saved = conversations.links(answer.id());
            Optional<String> number = saved.isEmpty()
                    ? save(answer, " (image " + (i + 1) + " of " + job.variations() + ")")
                    : Optional.of(saved.getFirst().messageId());
            first = first.or(() -> number);
        }
        int failed = job.variations() - answers.size();
        if (failed > 0) {
            out.println("warning: job " + job.id() + ": " + ENGLISH.variationsFailed(failed, job.variations()));
        }
        return first;
    }

    private Optional<String> save(Turn answer, String note) throws IOException {
        Files.createDirectories(outputDir);
        Optional<String> first = Optional.empty();
        for (Part part : answer.parts()) {
            switch (part) {
                case Part.Text text -> out.println("text: " + ConsoleText.oneLine(text.text()));
                case Part.Image image -> {
                    long number =
                            conversations.highestMessageNumber(PLATFORM, CHAT).orElse(0) + 1;
                    Path file = outputDir.resolve(number + "." + extension(image.image()));
                    Files.write(file, images.bytes(image.image().sha256()).orElseThrow());
                    conversations.link(imageMessage(number), answer.id());
                    out.println("saved #" + number + " " + file + note);
                    first = first.or(() -> Optional.of(Long.toString(number)));
                }
            }
        }
        return first;
    }

    /**
     * An image answer was delivered when its images got numbers (every image, for a request of
     * several); anything else is printed again.
     */
    @Override
    public DeliveryCheck check(Job job) {
        List<Long> answers = job.variations() > 1 && job.outcome().orElse(null) == OutcomeKind.IMAGES
                ? JobAnswers.of(job, conversations).stream().map(Turn::id).toList()
                : job.modelTurnId().stream().boxed().toList();
        if (answers.isEmpty()) {
            return DeliveryCheck.NOT_DELIVERED;
        }
        List<List<MessageRef>> links =
                answers.stream().map(conversations::links).toList();
        return links.stream().anyMatch(List::isEmpty)
                ? DeliveryCheck.NOT_DELIVERED
                : new DeliveryCheck.Delivered(
                        Optional.of(links.getFirst().getFirst().messageId()));
    }

    static MessageRef imageMessage(long number) {
        return new MessageRef(PLATFORM, CHAT, Long.toString(number));
    }

    private static String extension(ImageRef image) {
        return ImageFormat.fromMimeType(image.mimeType())
                .map(ImageFormat::extension)
                .orElse("img");
    }
}

package dev.redraw.app.console;

import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.generation.GenerateCommand;
import dev.redraw.core.image.ImageIntake;
import dev.redraw.core.image.IntakeResult;
import dev.redraw.core.job.JobEvents;
import dev.redraw.core.job.JobRunner;
import dev.redraw.core.job.ProgressThrottle;
import dev.redraw.core.model.AspectRatios;
import dev.redraw.core.model.ModelCapabilities;
import dev.redraw.core.request.ChatCancel;
import dev.redraw.core.request.GenerationService;
import dev.redraw.core.request.RequestDesk;
import dev.redraw.core.request.Submission;
import dev.redraw.core.text.Flags;
import dev.redraw.core.text.Messages;
import dev.redraw.core.text.TypedNumber;
import dev.redraw.core.tree.Trees;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A terminal chat on the same core, storage and job runner as the bots, so an operator can try a
 * key and prompts without Discord or Telegram. Reads commands line by line (a pipe works as well
 * as a terminal). Requests run as jobs; a command that needs an earlier result ({@code /edit},
 * {@code /history}) waits for the jobs before it, and the end of the input waits for all of them.
 */
public final class ConsoleMode {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleMode.class);
    private static final Origin OPERATOR = new Origin(ConsoleEvents.PLATFORM, ConsoleEvents.CHAT, "operator");
    /** Generous: every job is bounded by its provider's own timeout anyway. */
    private static final Duration WAIT = Duration.ofHours(1);
    /** What {@code /ratio} and {@code /size} take to unset the choice. */
    private static final String DEFAULT = "default";
    /** The ratio some models take to choose the shape themselves. */
    private static final String AUTO = "auto";
    /** The console speaks English. */
    private static final Messages ENGLISH = Messages.forLanguage("en");

    private final RequestDesk desk;
    private final JobRunner runner;
    private final GenerationService generation;
    private final ConversationStore conversations;
    private final ImageStore images;
    private final ImageIntake intake;
    private final Trees trees;
    private final PrintStream out;
    private final ConsoleEvents events;
    private final ConsoleParser parser = new ConsoleParser();
    private Optional<String> model = Optional.empty();
    private Optional<String> ratio = Optional.empty();
    private Optional<String> size = Optional.empty();

    public ConsoleMode(
            RequestDesk desk,
            JobRunner runner,
            GenerationService generation,
            ConversationStore conversations,
            ImageStore images,
            ImageIntake intake,
            Trees trees,
            Path outputDir,
            PrintStream out,
            Clock clock) {
        this.desk = desk;
        this.runner = runner;
        this.generation = generation;
        this.conversations = conversations;
        this.images = images;
        this.intake = intake;
        this.trees = trees;
        this.out = out;
        this.events = new ConsoleEvents(
                conversations, images, outputDir, out, new ProgressThrottle(clock, Duration.ofSeconds(1)));
    }

    /** The platform name and adapter to register with the runner before it starts. */
    public static String platform() {
        return ConsoleEvents.PLATFORM;
    }

    public JobEvents events() {
        return events;
    }

    /** The longest input line taken; prompts are far shorter. */
    static final int MAX_LINE_CHARS = 65_536;

    /** Runs until {@code /quit} or the end of the input, then waits for the jobs still running. */
    public void run(BufferedReader in) throws IOException, InterruptedException {
        out.println("Redraw console. Type a prompt to make an image; /help lists the commands.");
        String line;
        while ((line = nextLine(in)) != null) {
            try {
                if (!handle(parser.parse(line))) {
                    break;
                }
            } catch (IOException | RuntimeException e) {
                // One failed request must not end the session; the details go to the log.
                LOG.error("console command failed: {}", line, e);
                error("the request failed inside the bot (" + e.getClass().getSimpleName() + "); see the log");
            }
        }
        runner.awaitIdle(WAIT);
    }

    /**
     * The next line of input, or null at its end. A line longer than {@link #MAX_LINE_CHARS} is read
     * to its end without being kept, and said to be ignored, so no input can fill the memory.
     */
    private String nextLine(BufferedReader in) throws IOException {
        while (true) {
            var line = new StringBuilder();
            boolean tooLong = false;
            int c;
            while ((c = in.read()) != -1 && c != '\n' && c != '\r') {
                if (line.length() < MAX_LINE_CHARS) {
                    line.append((char) c);
                } else {
                    tooLong = true;
                }
            }
            if (c == '\r') {
                // CR LF, or a lone CR, ends the line as BufferedReader.readLine does.
                in.mark(1);
                if (in.read() != '\n') {
                    in.reset();
                }
            }
            if (tooLong) {
                error(String.format(Locale.ROOT, "a line of more than %,d characters was ignored", MAX_LINE_CHARS));
                if (c == -1) {
                    return null;
                }
                continue;
            }
            if (c == -1 && line.isEmpty()) {
                return null;
            }
            return line.toString();
        }
    }

    private boolean handle(ConsoleCommand command) throws IOException, InterruptedException {
        switch (command) {
            case ConsoleCommand.Prompt prompt -> submit(OptionalLong.empty(), prompt.text(), List.of());
            case ConsoleCommand.Edit edit -> {
                runner.awaitIdle(WAIT);
                OptionalLong turn = conversations.resolve(ConsoleEvents.imageMessage(edit.imageNumber()));
                if (turn.isEmpty()) {
                    error("there is no image #" + edit.imageNumber());
                } else {
                    submit(turn, edit.text(), List.of());
                }
            }
            case ConsoleCommand.WithImages withImages -> {
                Optional<List<ImageRef>> inputs = readImages(withImages.files());
                if (inputs.isPresent()) {
                    submit(OptionalLong.empty(), withImages.text(), inputs.get());
                }
            }
            case ConsoleCommand.SetRatio set -> setRatio(set.ratio());
            case ConsoleCommand.SetModel set -> setModel(set.model());
            case ConsoleCommand.SetSize set -> setSize(set.size());
            case ConsoleCommand.ShowHistory show -> {
                runner.awaitIdle(WAIT);
                showHistory(show.imageNumber());
            }
            case ConsoleCommand.Cancel cancel -> cancelled(cancel.jobId(), desk.cancel(cancel.jobId(), OPERATOR));
            case ConsoleCommand.CancelInProgress ignored -> cancelInProgress();
            case ConsoleCommand.Usage ignored ->
                Messages.forLanguage(null)
                        .usage(desk.usage(OPERATOR))
                        .lines()
                        .filter(line -> !line.isBlank())
                        .forEach(line -> out.println("usage: " + line));
            case ConsoleCommand.Tree tree -> {
                runner.awaitIdle(WAIT);
                tree(tree.imageNumber());
            }
            case ConsoleCommand.Help ignored -> help();
            case ConsoleCommand.Invalid invalid -> error(invalid.message());
            case ConsoleCommand.Empty ignored -> {}
            case ConsoleCommand.Quit ignored -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Submits {@code text} with the session's model, ratio and size, or those {@code --model},
     * {@code --ar} and {@code --size} in the text ask for, and its {@code --quality} and {@code --n}
     * (how many images, each saved with its own number), as on the chat platforms.
     */
    private void submit(OptionalLong parent, String text, List<ImageRef> inputs) {
        Flags.Parsed flags;
        switch (Flags.parse(text)) {
            case Flags.Invalid invalid -> {
                error(ENGLISH.invalidFlag(invalid));
                return;
            }
            case Flags.Parsed parsed -> flags = parsed;
        }
        if (flags.prompt().isBlank()) {
            error("write what to draw beside the options, e.g. a red fox --ar 16:9");
            return;
        }
        int variations = 1;
        if (flags.variations().isPresent()) {
            switch (flags.variations().get()) {
                case TypedNumber.Invalid invalid -> {
                    error(ENGLISH.numberProblem(invalid));
                    return;
                }
                case TypedNumber.Valid valid -> variations = (int) valid.value();
            }
        }
        var command = new GenerateCommand(
                OPERATOR,
                parent,
                flags.prompt(),
                inputs,
                flags.model().or(() -> model),
                flags.ratio().or(() -> ratio),
                flags.size().map(ModelCapabilities::canonicalSize).or(() -> size),
                flags.quality(),
                Optional.empty(),
                variations);
        if (desk.submit(command, Optional.empty()) instanceof Submission.Refused refused) {
            error(Messages.forLanguage(null).reason(refused.refusal()));
        }
    }

    private void cancelInProgress() {
        switch (desk.cancelInChat(OPERATOR)) {
            case ChatCancel.Nothing ignored -> error("no job is in progress");
            case ChatCancel.Done done -> cancelled(done.jobId(), done.result());
            case ChatCancel.Choose choose -> {
                out.println(choose.total() + " jobs are in progress; /cancel N stops one:");
                choose.choices().forEach(choice -> out.println("  job " + choice.jobId() + ": " + choice.prompt()));
            }
        }
    }

    private void cancelled(long jobId, JobRunner.CancelResult result) {
        switch (result) {
            case CANCELLED -> out.println("job " + jobId + " cancelled");
            case CANCELLING -> out.println("job " + jobId + " is being cancelled");
            case ALREADY_FINISHED -> error("job " + jobId + " has already finished");
            case NOT_YOURS, NOT_FOUND -> error("there is no job " + jobId);
        }
    }

    private Optional<List<ImageRef>> readImages(List<Path> files) {
        List<dev.redraw.core.image.NormalizedImage> accepted = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = LocalImageFiles.read(file, LocalImageFiles.MAX_BYTES);
            } catch (LocalImageFiles.Refused e) {
                error(e.getMessage());
                return Optional.empty();
            } catch (IOException e) {
                error("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
                return Optional.empty();
            }
            switch (intake.accept(bytes)) {
                case IntakeResult.Rejected rejected -> {
                    error(file + ": " + ENGLISH.imageProblem(rejected.problem()));
                    return Optional.empty();
                }
                case IntakeResult.Accepted passed -> {
                    passed.notes().forEach(note -> out.println("note: " + file + ": " + ENGLISH.imageNote(note)));
                    accepted.add(passed.image());
                }
            }
        }
        // Stored only once every image passed.
        return Optional.of(accepted.stream().map(image -> image.storeIn(images)).toList());
    }

    /**
     * {@code default} leaves the ratio to the branch, the first image or the default; {@code auto} is
     * a ratio of its own, which the models that take it choose themselves (seed 004's list).
     */
    private void setRatio(String typed) {
        if (typed.equalsIgnoreCase(DEFAULT)) {
            ratio = Optional.empty();
            out.println("ratio: default (the branch's ratio, else the first image's shape, else the default)");
        } else if (typed.equalsIgnoreCase(AUTO)) {
            ratio = Optional.of(AUTO);
            out.println("ratio: auto (the model chooses, where it takes auto)");
        } else if (AspectRatios.value(typed).isEmpty()) {
            error("'" + typed + "' is not a ratio like 16:9 or a size like 1792x1024, nor auto or default");
        } else {
            ratio = Optional.of(typed.strip());
            out.println("ratio: " + ratio.get());
        }
    }

    /** The model checks the size when a request is made, so any model's sizes can be chosen here. */
    private void setSize(String typed) {
        String upper = ModelCapabilities.canonicalSize(typed);
        if (typed.strip().equalsIgnoreCase(DEFAULT)) {
            size = Optional.empty();
            out.println("size: default (the branch's size, else the model's default)");
        } else if (!upper.matches("[124]K")) {
            error("'" + typed + "' is not a size; use 1K, 2K or 4K, or default");
        } else {
            size = Optional.of(upper);
            out.println("size: " + upper);
        }
    }

    private void setModel(String requested) {
        if (!generation.models().contains(requested)) {
            error("unknown model '" + requested + "'; available: " + String.join(", ", generation.models()));
        } else {
            model = Optional.of(requested);
            out.println("model: " + requested);
        }
    }

    private void showHistory(long number) {
        OptionalLong turn = conversations.resolve(ConsoleEvents.imageMessage(number));
        if (turn.isEmpty()) {
            error("there is no image #" + number);
            return;
        }
        for (Turn t : conversations.path(turn.getAsLong())) {
            StringBuilder line = new StringBuilder(t.role() == Role.USER ? "user:" : "model:");
            if (!t.text().isBlank()) {
                line.append(' ').append(ConsoleText.oneLine(t.text()));
            }
            t.images()
                    .forEach(image -> line.append(" [image ")
                            .append(image.width())
                            .append('×')
                            .append(image.height())
                            .append(']'));
            conversations.links(t.id()).stream()
                    .filter(link -> link.platform().equals(ConsoleEvents.PLATFORM))
                    .forEach(link -> line.append(" #").append(link.messageId()));
            t.aspectRatio().ifPresent(r -> line.append(" (").append(r).append(')'));
            out.println(line);
        }
    }

    private void help() {
        out.println("""
                a plain line                 make a new image from that prompt
                /edit N <text>               continue from image #N (an older image starts a new branch)
                /image <file> -- <text>      edit a local image file
                /blend <f1> <f2> ... -- <text>  fuse several local image files
                /ratio 16:9 | 1792x1024 | auto | default
                                             aspect ratio for the next requests (auto: the model
                                             chooses, where it takes auto; default: unset)
                /model <id>                  model for the next requests (any configured model)
                /size 1K|2K|4K | default     output size for the next requests, where the model has sizes
                --ar, --model, --size        in a prompt: for that request only, e.g. a fox --ar 8:1
                --n 2..4                     in a prompt: that many images, each saved with its own
                                             number for /edit
                /history N                   the conversation that led to image #N
                /cancel N                    cancel job N while it is queued or running
                /usage                       images made, per user, chat, model and day
                /tree, /tree N               a link to the web page of the newest conversation's
                                             tree, or of image #N's with the path to it marked
                /quit                        leave (after the running jobs finish)""");
    }

    private void tree(java.util.OptionalLong imageNumber) {
        Optional<String> message = imageNumber.isPresent()
                ? Optional.of(
                        ConsoleEvents.imageMessage(imageNumber.getAsLong()).messageId())
                : Optional.empty();
        switch (trees.link(OPERATOR, message, "en")) {
            case Trees.Asked.Link link -> out.println("tree: " + link.url() + " (until " + link.expiresAt() + ")");
            case Trees.Asked.NoConversation ignored -> error("no image made yet");
            case Trees.Asked.Gone ignored ->
                error(imageNumber.isPresent() ? "there is no image #" + imageNumber.getAsLong() : "no image made yet");
            case Trees.Asked.Unavailable ignored ->
                error("tree pages need server.port and server.public-url in the configuration");
        }
    }

    private void error(String message) {
        out.println("error: " + ConsoleText.oneLine(message));
    }
}

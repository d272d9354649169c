package dev.redraw.app.console;

import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.generation.GenerateCommand;
import dev.redraw.core.generation.GenerationResult;
import dev.redraw.core.generation.GenerationService;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.generation.OutcomeMessages;
import dev.redraw.core.image.ImageFormat;
import dev.redraw.core.image.ImageIntake;
import dev.redraw.core.image.IntakeResult;
import dev.redraw.core.model.AspectRatios;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A terminal chat on the same core and storage as the bots, so an operator can try a key and
 * prompts without Discord or Telegram. Reads commands line by line (a pipe works as well as a
 * terminal); images are numbered from storage, so {@code /edit} works across runs.
 */
public final class ConsoleMode {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleMode.class);

    static final String PLATFORM = "console";
    static final String CHAT = "local";
    private static final Origin OPERATOR = new Origin(PLATFORM, CHAT, "operator");

    private final GenerationService generation;
    private final ConversationStore conversations;
    private final ImageStore images;
    private final ImageIntake intake;
    private final Path outputDir;
    private final PrintStream out;
    private final ConsoleParser parser = new ConsoleParser();
    private Optional<String> model = Optional.empty();
    private Optional<String> ratio = Optional.empty();

    public ConsoleMode(
            GenerationService generation,
            ConversationStore conversations,
            ImageStore images,
            ImageIntake intake,
            Path outputDir,
            PrintStream out) {
        this.generation = generation;
        this.conversations = conversations;
        this.images = images;
        this.intake = intake;
        this.outputDir = outputDir;
        this.out = out;
    }

    /** Runs until {@code /quit} or the end of the input. */
    public void run(BufferedReader in) throws IOException {
        out.println("Redraw console. Type a prompt to make an image; /help lists the commands.");
        String line;
        while ((line = in.readLine()) != null) {
            try {
                if (!handle(parser.parse(line))) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                // One failed request must not end the session; the details go to the log.
                LOG.error("console command failed: {}", line, e);
                error("the request failed inside the bot (" + e.getClass().getSimpleName() + "); see the log");
            }
        }
    }

    private boolean handle(ConsoleCommand command) throws IOException {
        switch (command) {
            case ConsoleCommand.Prompt prompt -> generate(OptionalLong.empty(), prompt.text(), List.of());
            case ConsoleCommand.Edit edit -> {
                OptionalLong turn = conversations.resolve(imageMessage(edit.imageNumber()));
                if (turn.isEmpty()) {
                    error("there is no image #" + edit.imageNumber());
                } else {
                    generate(turn, edit.text(), List.of());
                }
            }
            case ConsoleCommand.WithImages withImages -> {
                Optional<List<ImageRef>> inputs = readImages(withImages.files());
                if (inputs.isPresent()) {
                    generate(OptionalLong.empty(), withImages.text(), inputs.get());
                }
            }
            case ConsoleCommand.SetRatio set -> setRatio(set.ratio());
            case ConsoleCommand.SetModel set -> setModel(set.model());
            case ConsoleCommand.ShowHistory show -> showHistory(show.imageNumber());
            case ConsoleCommand.Help ignored -> help();
            case ConsoleCommand.Invalid invalid -> error(invalid.message());
            case ConsoleCommand.Empty ignored -> {}
            case ConsoleCommand.Quit ignored -> {
                return false;
            }
        }
        return true;
    }

    private void generate(OptionalLong parent, String text, List<ImageRef> inputs) throws IOException {
        GenerationResult result =
                generation.generate(new GenerateCommand(OPERATOR, parent, text, inputs, model, ratio));
        if (result.droppedHistoryImages() > 0) {
            out.println("note: " + result.droppedHistoryImages()
                    + " older image(s) were left out of the history to fit the model's limits");
        }
        switch (result.outcome()) {
            case Outcome.Images ignored -> announce(result.modelTurn().orElseThrow());
            case Outcome.TextOnly textOnly -> out.println("text: " + oneLine(textOnly.text()));
            default -> error(OutcomeMessages.describe(result.outcome()));
        }
    }

    private void announce(Turn modelTurn) throws IOException {
        Files.createDirectories(outputDir);
        for (Part part : modelTurn.parts()) {
            switch (part) {
                case Part.Text text -> out.println("text: " + oneLine(text.text()));
                case Part.Image image -> {
                    long number =
                            conversations.highestMessageNumber(PLATFORM, CHAT).orElse(0) + 1;
                    Path file = outputDir.resolve(number + "." + extension(image.image()));
                    Files.write(file, images.bytes(image.image().sha256()).orElseThrow());
                    conversations.link(imageMessage(number), modelTurn.id());
                    out.println("saved #" + number + " " + file);
                }
            }
        }
    }

    private Optional<List<ImageRef>> readImages(List<Path> files) {
        List<ImageRef> refs = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                error("no such file: " + file);
                return Optional.empty();
            } catch (IOException e) {
                error("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
                return Optional.empty();
            }
            switch (intake.accept(bytes)) {
                case IntakeResult.Rejected rejected -> {
                    error(file + ": " + rejected.message());
                    return Optional.empty();
                }
                case IntakeResult.Accepted accepted -> {
                    accepted.notice().ifPresent(notice -> out.println("note: " + file + ": " + notice));
                    var image = accepted.image();
                    refs.add(images.put(image.bytes(), image.format().mimeType(), image.width(), image.height()));
                }
            }
        }
        return Optional.of(refs);
    }

    private void setRatio(String typed) {
        if (typed.equalsIgnoreCase("auto")) {
            ratio = Optional.empty();
            out.println("ratio: auto (the branch's ratio, else the first image's shape, else the default)");
        } else if (AspectRatios.value(typed).isEmpty()) {
            error("'" + typed + "' is not a ratio like 16:9 or a size like 1792x1024");
        } else {
            ratio = Optional.of(typed.strip());
            out.println("ratio: " + ratio.get());
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
        OptionalLong turn = conversations.resolve(imageMessage(number));
        if (turn.isEmpty()) {
            error("there is no image #" + number);
            return;
        }
        for (Turn t : conversations.path(turn.getAsLong())) {
            StringBuilder line = new StringBuilder(t.role() == Role.USER ? "user:" : "model:");
            if (!t.text().isBlank()) {
                line.append(' ').append(oneLine(t.text()));
            }
            t.images()
                    .forEach(image -> line.append(" [image ")
                            .append(image.width())
                            .append('×')
                            .append(image.height())
                            .append(']'));
            conversations.links(t.id()).stream()
                    .filter(link -> link.platform().equals(PLATFORM))
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
                /ratio 16:9 | auto           aspect ratio for the next requests
                /model <id>                  model for the next requests
                /history N                   the conversation that led to image #N
                /quit                        leave""");
    }

    private void error(String message) {
        out.println("error: " + oneLine(message));
    }

    private static MessageRef imageMessage(long number) {
        return new MessageRef(PLATFORM, CHAT, Long.toString(number));
    }

    private static String extension(ImageRef image) {
        return ImageFormat.fromMimeType(image.mimeType())
                .map(ImageFormat::extension)
                .orElse("img");
    }

    private static String oneLine(String text) {
        return text.strip().replace("\r", "").replace("\n", " / ");
    }
}

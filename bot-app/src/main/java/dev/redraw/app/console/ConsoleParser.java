package dev.redraw.app.console;

import dev.redraw.core.text.Messages;
import dev.redraw.core.text.TypedNumber;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/** Parses console lines; every mistake becomes an {@link ConsoleCommand.Invalid} saying how to write it. */
final class ConsoleParser {

    static final String SEPARATOR = " -- ";

    /** The console speaks English. */
    private static final Messages TEXTS = Messages.forLanguage("en");

    ConsoleCommand parse(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return new ConsoleCommand.Empty();
        }
        if (!trimmed.startsWith("/")) {
            return new ConsoleCommand.Prompt(trimmed);
        }
        int space = trimmed.indexOf(' ');
        String name = space < 0 ? trimmed : trimmed.substring(0, space);
        String rest = space < 0 ? "" : trimmed.substring(space + 1).strip();
        return switch (name) {
            case "/edit" -> edit(rest);
            case "/image" -> withImages(rest, 1, 1, "/image <file> -- <text>");
            case "/blend" -> withImages(rest, 2, Integer.MAX_VALUE, "/blend <file> <file> [...] -- <text>");
            case "/ratio" ->
                rest.isEmpty()
                        ? new ConsoleCommand.Invalid(
                                "usage: /ratio 16:9, /ratio 1792x1024, /ratio auto or /ratio default")
                        : new ConsoleCommand.SetRatio(rest);
            case "/model" ->
                rest.isEmpty() ? new ConsoleCommand.Invalid("usage: /model <id>") : new ConsoleCommand.SetModel(rest);
            case "/size" ->
                rest.isEmpty()
                        ? new ConsoleCommand.Invalid("usage: /size 1K|2K|4K (or /size default)")
                        : new ConsoleCommand.SetSize(rest);
            case "/history" ->
                rest.isEmpty()
                        ? new ConsoleCommand.Invalid("usage: /history N, where N is an image number like 3")
                        : numbered(rest, TypedNumber.Kind.IMAGE, ConsoleCommand.ShowHistory::new);
            case "/cancel" ->
                rest.isEmpty()
                        ? new ConsoleCommand.CancelInProgress()
                        : numbered(rest, TypedNumber.Kind.JOB, ConsoleCommand.Cancel::new);
            case "/usage" -> new ConsoleCommand.Usage();
            case "/tree" ->
                rest.isEmpty()
                        ? new ConsoleCommand.Tree(java.util.OptionalLong.empty())
                        : numbered(
                                rest,
                                TypedNumber.Kind.IMAGE,
                                number -> new ConsoleCommand.Tree(java.util.OptionalLong.of(number)));
            case "/help" -> new ConsoleCommand.Help();
            case "/quit", "/exit" -> new ConsoleCommand.Quit();
            default -> new ConsoleCommand.Invalid("unknown command " + name + "; /help lists the commands");
        };
    }

    private ConsoleCommand edit(String rest) {
        int space = rest.indexOf(' ');
        String text = space < 0 ? "" : rest.substring(space + 1).strip();
        if (text.isEmpty()) {
            return new ConsoleCommand.Invalid("usage: /edit N <text>, where N is an image number like 3");
        }
        return numbered(
                rest.substring(0, space), TypedNumber.Kind.IMAGE, number -> new ConsoleCommand.Edit(number, text));
    }

    /** The command for a typed number, or what is wrong with the number, as the chat platforms say it. */
    private static ConsoleCommand numbered(String typed, TypedNumber.Kind kind, LongFunction<ConsoleCommand> command) {
        return switch (TypedNumber.parse(typed, kind)) {
            case TypedNumber.Valid valid -> command.apply(valid.value());
            case TypedNumber.Invalid invalid -> new ConsoleCommand.Invalid(TEXTS.numberProblem(invalid));
        };
    }

    private ConsoleCommand withImages(String rest, int min, int max, String usage) {
        int separator = rest.indexOf(SEPARATOR);
        if (separator < 0) {
            return new ConsoleCommand.Invalid("usage: " + usage);
        }
        String files = rest.substring(0, separator).strip();
        String text = rest.substring(separator + SEPARATOR.length()).strip();
        List<Path> paths = new ArrayList<>();
        for (String file : files.split("\\s+")) {
            if (!file.isEmpty()) {
                paths.add(Path.of(file));
            }
        }
        if (paths.size() < min || paths.size() > max || text.isEmpty()) {
            return new ConsoleCommand.Invalid("usage: " + usage);
        }
        return new ConsoleCommand.WithImages(paths, text);
    }
}

package dev.redraw.app.console;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Parses console lines; every mistake becomes an {@link ConsoleCommand.Invalid} saying how to write it. */
final class ConsoleParser {

    static final String SEPARATOR = " -- ";

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
                        ? new ConsoleCommand.Invalid("usage: /ratio 16:9 (or /ratio auto)")
                        : new ConsoleCommand.SetRatio(rest);
            case "/model" ->
                rest.isEmpty() ? new ConsoleCommand.Invalid("usage: /model <id>") : new ConsoleCommand.SetModel(rest);
            case "/size" ->
                rest.isEmpty()
                        ? new ConsoleCommand.Invalid("usage: /size 1K|2K|4K (or /size auto)")
                        : new ConsoleCommand.SetSize(rest);
            case "/history" ->
                number(rest)
                        .<ConsoleCommand>map(ConsoleCommand.ShowHistory::new)
                        .orElse(new ConsoleCommand.Invalid("usage: /history N, where N is an image number like 3"));
            case "/cancel" ->
                number(rest)
                        .<ConsoleCommand>map(ConsoleCommand.Cancel::new)
                        .orElse(new ConsoleCommand.Invalid("usage: /cancel N, where N is a job number like 4"));
            case "/usage" -> new ConsoleCommand.Usage();
            case "/help" -> new ConsoleCommand.Help();
            case "/quit", "/exit" -> new ConsoleCommand.Quit();
            default -> new ConsoleCommand.Invalid("unknown command " + name + "; /help lists the commands");
        };
    }

    private ConsoleCommand edit(String rest) {
        int space = rest.indexOf(' ');
        var number = number(space < 0 ? rest : rest.substring(0, space));
        String text = space < 0 ? "" : rest.substring(space + 1).strip();
        if (number.isEmpty() || text.isEmpty()) {
            return new ConsoleCommand.Invalid("usage: /edit N <text>, where N is an image number like 3");
        }
        return new ConsoleCommand.Edit(number.get(), text);
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

    private static java.util.Optional<Long> number(String text) {
        String digits = text.startsWith("#") ? text.substring(1) : text;
        try {
            long n = Long.parseLong(digits);
            return n > 0 ? java.util.Optional.of(n) : java.util.Optional.empty();
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}

package dev.redraw.app.console;

import java.nio.file.Path;
import java.util.List;

/** One line typed at the console, parsed. */
sealed interface ConsoleCommand {

    record Prompt(String text) implements ConsoleCommand {}

    record Edit(long imageNumber, String text) implements ConsoleCommand {}

    record WithImages(List<Path> files, String text) implements ConsoleCommand {}

    record SetRatio(String ratio) implements ConsoleCommand {}

    record SetModel(String model) implements ConsoleCommand {}

    record SetSize(String size) implements ConsoleCommand {}

    record ShowHistory(long imageNumber) implements ConsoleCommand {}

    record Cancel(long jobId) implements ConsoleCommand {}

    /** A bare {@code /cancel}: the job in progress, or the list to pick one from. */
    record CancelInProgress() implements ConsoleCommand {}

    record Usage() implements ConsoleCommand {}

    /** {@code /tree}, or {@code /tree N}: a link to the tree page of the newest conversation, or of image #N. */
    record Tree(java.util.OptionalLong imageNumber) implements ConsoleCommand {}

    record Help() implements ConsoleCommand {}

    record Quit() implements ConsoleCommand {}

    record Empty() implements ConsoleCommand {}

    /** A line that could not be understood; {@code message} says how to write it. */
    record Invalid(String message) implements ConsoleCommand {}
}

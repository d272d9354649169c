package dev.redraw.app.console;

/** Keeps every console message on one line, so each line stays a record a script can read. */
final class ConsoleText {

    private ConsoleText() {}

    static String oneLine(String text) {
        return text.strip().replace("\r", "").replaceAll("\n+", " / ");
    }
}

package dev.redraw.core.text;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fits texts into a chat platform's limits (Telegram's by default; other platforms pass theirs).
 * Lengths are counted in UTF-16 code units, as Telegram and Discord count them, and no cut falls
 * inside a character: not between the halves of a surrogate pair, nor inside an emoji sequence or
 * a letter with combining marks.
 */
public final class ChatText {

    /** The longest Telegram photo caption. */
    public static final int CAPTION_LIMIT = 1024;

    /** The longest Telegram text message. */
    public static final int MESSAGE_LIMIT = 4096;

    /** The largest file a bot may download through the Bot API (20 MB). */
    public static final long DOWNLOAD_LIMIT = 20L * 1024 * 1024;

    /** The mark that stands for the part of a prompt left out. */
    public static final String ELLIPSIS = "…";

    private ChatText() {}

    /**
     * {@code prompt} followed by {@code suffix}, in at most {@link #CAPTION_LIMIT} characters: when
     * both do not fit, the prompt is cut (at a word boundary when one is near) and ends with
     * {@link #ELLIPSIS}. The suffix is kept whole unless it alone is too long.
     */
    public static String caption(String prompt, String suffix) {
        return caption(prompt, suffix, CAPTION_LIMIT);
    }

    public static String caption(String prompt, String suffix, int limit) {
        if (prompt.length() + suffix.length() <= limit) {
            return prompt + suffix;
        }
        if (suffix.length() + ELLIPSIS.length() > limit) {
            return shorten(suffix, limit);
        }
        return shorten(prompt, limit - suffix.length()) + suffix;
    }

    /** The text cut to end with an ellipsis within {@code limit} characters. */
    private static String shorten(String text, int limit) {
        int room = limit - ELLIPSIS.length();
        int cut = lastWordBoundary(text, room - room / 8, room);
        if (cut < 0) {
            cut = lastCharacterBoundary(text, room);
        }
        return text.substring(0, cut).stripTrailing() + ELLIPSIS;
    }

    /**
     * The text in pieces of at most {@link #MESSAGE_LIMIT} characters that, joined, give the text
     * back exactly. A piece ends after a blank line if one is in its second half, else after a line
     * break there, else at a word boundary there (between any two CJK characters counts), else as
     * late as a whole character allows; white space after the cut stays with the piece. An empty
     * text gives no pieces; a piece holds only white space only when the text has more white space
     * in a row than fits into one message, so skip blank pieces when sending.
     */
    public static List<String> split(String text) {
        return split(text, MESSAGE_LIMIT);
    }

    public static List<String> split(String text, int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("limit must be at least 2, was " + limit);
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (text.length() - start > limit) {
            int end = start + limit;
            int cut = cut(text, start, end);
            while (cut < end && Character.isWhitespace(text.charAt(cut))) {
                cut++;
            }
            pieces.add(text.substring(start, cut));
            start = cut;
        }
        if (start < text.length()) {
            pieces.add(text.substring(start));
        }
        return pieces;
    }

    /** Where a piece from {@code start} that may reach {@code end} ends. */
    private static int cut(String text, int start, int end) {
        int earliest = start + (end - start) / 2;
        int paragraph = text.lastIndexOf("\n\n", end - 2);
        if (paragraph >= earliest) {
            return paragraph + 2;
        }
        int line = text.lastIndexOf('\n', end - 1);
        if (line >= earliest) {
            return line + 1;
        }
        int word = lastWordBoundary(text, earliest, end);
        if (word > start) {
            return word;
        }
        int character = lastCharacterBoundary(text, end);
        if (character > start) {
            return character;
        }
        // One character longer than a whole piece: cut it, but never inside a surrogate pair.
        return Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))
                ? end - 1
                : end;
    }

    /**
     * The last place in {@code [from, to]} where a line may wrap and that is also between whole
     * characters, or -1.
     */
    private static int lastWordBoundary(String text, int from, int to) {
        if (to >= text.length()) {
            return text.length();
        }
        BreakIterator lines = BreakIterator.getLineInstance(Locale.ROOT);
        BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
        lines.setText(text);
        characters.setText(text);
        int boundary = lines.isBoundary(to) ? to : lines.preceding(to);
        while (boundary != BreakIterator.DONE && boundary >= from && !characters.isBoundary(boundary)) {
            boundary = lines.preceding(boundary);
        }
        return boundary == BreakIterator.DONE || boundary < from ? -1 : boundary;
    }

    /** The last boundary between whole characters at or before {@code to} (0 when there is none). */
    private static int lastCharacterBoundary(String text, int to) {
        if (to >= text.length()) {
            return text.length();
        }
        BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
        characters.setText(text);
        int boundary = characters.isBoundary(to) ? to : characters.preceding(to);
        return Math.max(0, boundary);
    }
}

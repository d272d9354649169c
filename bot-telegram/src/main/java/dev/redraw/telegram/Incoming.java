package dev.redraw.telegram;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.telegram.telegrambots.meta.api.objects.Document;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;

/** Reading what a user sent: commands, mentions and the image a message carries. */
final class Incoming {

    private Incoming() {}

    /**
     * A leading {@code /command} or {@code /command@bot}, with the rest of the text.
     *
     * @param named whether the command named this bot ({@code /command@bot})
     */
    record Command(String name, String rest, boolean named) {}

    /** What a message's text starts with: no command, one of ours, or one addressed to another bot. */
    sealed interface Leading {
        record NoCommand() implements Leading {}

        record Ours(Command command) implements Leading {}

        /** {@code /command@otherbot}: not the bot's business at all. */
        record OtherBots() implements Leading {}
    }

    /** Parsed from the text itself: the library fills command entities lazily. */
    static Leading leading(String text, String botUsername) {
        if (text == null || !text.startsWith("/")) {
            return new Leading.NoCommand();
        }
        int space = indexOfWhitespace(text);
        String head = space < 0 ? text.substring(1) : text.substring(1, space);
        String rest = space < 0 ? "" : text.substring(space + 1).strip();
        int at = head.indexOf('@');
        boolean named = at >= 0;
        if (named) {
            if (!head.substring(at + 1).equalsIgnoreCase(botUsername)) {
                return new Leading.OtherBots();
            }
            head = head.substring(0, at);
        }
        return head.isEmpty()
                ? new Leading.NoCommand()
                : new Leading.Ours(new Command(head.toLowerCase(Locale.ROOT), rest, named));
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    static boolean mentions(String text, String botUsername) {
        return text != null && text.toLowerCase(Locale.ROOT).contains("@" + botUsername.toLowerCase(Locale.ROOT));
    }

    /** The text without the bot's @mention. */
    static String withoutMention(String text, String botUsername) {
        return text.replaceAll("(?i)@" + java.util.regex.Pattern.quote(botUsername), "")
                .strip();
    }

    /**
     * An image file a message carries: the largest photo size, or a document sent uncompressed.
     *
     * @param name the document's file name; empty for a photo
     */
    record ImageFile(String fileId, Long size, String name) {}

    static Optional<ImageFile> image(Message message) {
        List<PhotoSize> photo = message.getPhoto();
        if (photo != null && !photo.isEmpty()) {
            PhotoSize largest = photo.getLast();
            for (PhotoSize size : photo) {
                if (area(size) > area(largest)) {
                    largest = size;
                }
            }
            return Optional.of(new ImageFile(
                    largest.getFileId(), largest.getFileSize() == null ? null : (long) largest.getFileSize(), ""));
        }
        Document document = message.getDocument();
        if (document != null) {
            // The format is checked from the bytes later; the declared type only says it claims to be a file.
            return Optional.of(new ImageFile(
                    document.getFileId(),
                    document.getFileSize(),
                    document.getFileName() == null ? "" : document.getFileName()));
        }
        return Optional.empty();
    }

    private static long area(PhotoSize size) {
        return (long) size.getWidth() * size.getHeight();
    }

    static String textOf(Message message) {
        if (message.getText() != null) {
            return message.getText();
        }
        return message.getCaption() == null ? "" : message.getCaption();
    }
}

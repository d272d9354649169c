package dev.redraw.core.admin;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an administrator's command from its words, as both platforms write it: {@code ban
 * telegram:42}, {@code grant discord:7 20}, {@code pause} … A user may instead be the one the
 * command replies to, which the platform passes as {@code replied}. Whatever is typed is checked
 * here: a user is {@code telegram:ID} or {@code discord:ID}, an image count a whole number from 1 to
 * {@value #MAX_GRANT}.
 */
public final class AdminRequests {

    /** The most images one grant may add. */
    public static final int MAX_GRANT = 1000;

    /** The actions, in the order help lists them. */
    public static final List<String> ACTIONS = List.of("status", "ban", "unban", "grant", "pause", "resume", "reload");

    private static final Pattern USER = Pattern.compile("(telegram|discord):([1-9][0-9]{0,18})");

    private AdminRequests() {}

    /** What the words asked for, or what is wrong with them. */
    public sealed interface Parsed {}

    public record Command(AdminCommand command) implements Parsed {}

    /** The words could not be read; {@code typed} is the part at fault (empty when something is missing). */
    public record Problem(Kind kind, String action, String typed) implements Parsed {

        public Problem {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(typed, "typed");
        }

        public enum Kind {
            /** No action, or one the bot does not know: the list of actions is the answer. */
            USAGE,
            /** Ban, unban or grant without saying whom. */
            NO_USER,
            /** Not {@code telegram:ID} or {@code discord:ID}. */
            BAD_USER,
            /** A grant without a count, or with one that is not a whole number from 1 to {@link #MAX_GRANT}. */
            BAD_COUNT,
            /** Words after a complete command. */
            EXTRA_WORDS
        }
    }

    /**
     * @param words what follows the command's name, such as {@code grant telegram:42 5}
     * @param replied the user of the message the command replies to, when it replies to one
     */
    public static Parsed parse(String words, Optional<AdminCommand.Target> replied) {
        List<String> parts = new ArrayList<>(Arrays.stream(words.strip().split("\\s+"))
                .filter(part -> !part.isEmpty())
                .toList());
        if (parts.isEmpty()) {
            return new Problem(Problem.Kind.USAGE, "", "");
        }
        String action = parts.removeFirst().toLowerCase(Locale.ROOT);
        return switch (action) {
            case "status" -> alone(action, parts, new AdminCommand.Status());
            case "pause" -> alone(action, parts, new AdminCommand.Pause());
            case "resume" -> alone(action, parts, new AdminCommand.Resume());
            case "reload" -> alone(action, parts, new AdminCommand.Reload());
            case "ban", "unban", "grant" -> aboutUser(action, parts, replied);
            default -> new Problem(Problem.Kind.USAGE, action, action);
        };
    }

    private static Parsed alone(String action, List<String> rest, AdminCommand command) {
        return rest.isEmpty()
                ? new Command(command)
                : new Problem(Problem.Kind.EXTRA_WORDS, action, String.join(" ", rest));
    }

    private static Parsed aboutUser(String action, List<String> rest, Optional<AdminCommand.Target> replied) {
        Optional<AdminCommand.Target> target = replied;
        if (!rest.isEmpty() && rest.getFirst().contains(":")) {
            String typed = rest.removeFirst();
            Optional<String> user = user(typed);
            if (user.isEmpty()) {
                return new Problem(Problem.Kind.BAD_USER, action, typed);
            }
            target = Optional.of(new AdminCommand.User(user.get()));
        }
        if (target.isEmpty()) {
            return rest.isEmpty() || action.equals("grant")
                    ? new Problem(Problem.Kind.NO_USER, action, "")
                    : new Problem(Problem.Kind.BAD_USER, action, rest.getFirst());
        }
        if (!action.equals("grant")) {
            return rest.isEmpty()
                    ? new Command(
                            action.equals("ban")
                                    ? new AdminCommand.Ban(target.get())
                                    : new AdminCommand.Unban(target.get()))
                    : new Problem(Problem.Kind.EXTRA_WORDS, action, String.join(" ", rest));
        }
        if (rest.isEmpty()) {
            return new Problem(Problem.Kind.BAD_COUNT, action, "");
        }
        String typed = rest.removeFirst();
        Optional<Integer> images = count(typed);
        if (images.isEmpty()) {
            return new Problem(Problem.Kind.BAD_COUNT, action, typed);
        }
        return rest.isEmpty()
                ? new Command(new AdminCommand.Grant(target.get(), images.get()))
                : new Problem(Problem.Kind.EXTRA_WORDS, action, String.join(" ", rest));
    }

    /** {@code telegram:ID} or {@code discord:ID} as typed (any case), written the bot's way. */
    public static Optional<String> user(String typed) {
        String key = typed.strip().toLowerCase(Locale.ROOT);
        var matcher = USER.matcher(key);
        if (!matcher.matches() || new BigInteger(matcher.group(2)).bitLength() > 63) {
            return Optional.empty();
        }
        return Optional.of(key);
    }

    /** A count of images from 1 to {@link #MAX_GRANT}, however many digits were typed. */
    public static Optional<Integer> count(String typed) {
        if (!typed.matches("[+]?[0-9]{1,12}")) {
            return Optional.empty();
        }
        long value = Long.parseLong(typed.startsWith("+") ? typed.substring(1) : typed);
        return value >= 1 && value <= MAX_GRANT ? Optional.of((int) value) : Optional.empty();
    }
}

package dev.redraw.core.text;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the options written into a prompt: {@code --ar 16:9} (also {@code --ratio}, {@code
 * --aspect}), {@code --model <id>} (also {@code -m}), {@code --size 2K}, {@code --quality high}
 * (in lower case, as the models' documents spell it) and {@code --n 4} (how many images). Options may stand
 * anywhere, as {@code --ar 16:9} or {@code --ar=16:9}, in any case; what is left, as typed, is the
 * prompt.
 *
 * <p>Phone keyboards turn {@code --} into a dash, and Chinese keyboards type {@code ——}: a word
 * starting with {@code —}, {@code ——} or {@code –} is an option too when the rest names one;
 * otherwise it is part of the prompt ("a dragon —like a snake"). A word starting with {@code --}
 * and a letter that names no option is an error. A full-width colon in a ratio ({@code 16：9})
 * counts as a colon. A comma, semicolon or full stop ends a value ({@code --ar 16:9, at night},
 * {@code --size 2K，在雪地里}); it is dropped, and what follows it belongs to the prompt.
 */
public final class Flags {

    private static final Pattern WORD = Pattern.compile("\\S+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern VALUE_END = Pattern.compile("[,;，；。、]");
    private static final Map<String, Option> NAMES = Map.of(
            "ar", Option.RATIO,
            "ratio", Option.RATIO,
            "aspect", Option.RATIO,
            "model", Option.MODEL,
            "size", Option.SIZE,
            "quality", Option.QUALITY,
            "n", Option.COUNT);

    private Flags() {}

    /** What {@link #parse} found. */
    public sealed interface Result permits Parsed, Invalid {}

    /** The prompt without its options, and the options' values. */
    public record Parsed(
            String prompt,
            Optional<String> ratio,
            Optional<String> model,
            Optional<String> size,
            Optional<String> quality,
            Optional<String> count)
            implements Result {

        /** A prompt without a quality. */
        public Parsed(String prompt, Optional<String> ratio, Optional<String> model, Optional<String> size) {
            this(prompt, ratio, model, size, Optional.empty());
        }

        /** A prompt without {@code --n}. */
        public Parsed(
                String prompt,
                Optional<String> ratio,
                Optional<String> model,
                Optional<String> size,
                Optional<String> quality) {
            this(prompt, ratio, model, size, quality, Optional.empty());
        }

        /**
         * How many images {@code --n} asked for, checked (1 to {@link TypedNumber#MAX_VARIATIONS});
         * empty when it was not given.
         */
        public Optional<TypedNumber> variations() {
            return count.map(TypedNumber::variations);
        }
    }

    /** An option that cannot be used, as the user typed it. */
    public record Invalid(String flag, Problem problem) implements Result {}

    /** What is wrong with an {@link Invalid} option. */
    public enum Problem {
        /** It names no option. */
        UNKNOWN,
        /** No value follows it. */
        MISSING_VALUE,
        /** The same option was given before. */
        REPEATED
    }

    private enum Option {
        RATIO,
        MODEL,
        SIZE,
        QUALITY,
        COUNT
    }

    /** A word that looks like an option; {@code option} is null when it names none. */
    private record Flag(Option option, String typed, Optional<String> value) {}

    private record Word(String separator, String text) {}

    /**
     * The options of {@code text} and the prompt without them, trimmed; white space inside the
     * prompt stays as typed, and where an option is taken out the words on either side keep the
     * white space before it (or a line break after it). The first unusable option makes the result
     * {@link Invalid}.
     */
    public static Result parse(String text) {
        List<Word> words = words(text);
        Map<Option, String> values = new EnumMap<>(Option.class);
        StringBuilder prompt = new StringBuilder();
        String heldSeparator = null;
        for (int i = 0; i < words.size(); i++) {
            Word word = words.get(i);
            Optional<Flag> flag = flag(word.text());
            if (flag.isEmpty()) {
                String separator = heldSeparator == null ? word.separator() : wider(heldSeparator, word.separator());
                prompt.append(prompt.isEmpty() ? "" : separator).append(word.text());
                heldSeparator = null;
                continue;
            }
            Flag found = flag.get();
            if (found.option() == null) {
                return new Invalid(found.typed(), Problem.UNKNOWN);
            }
            if (heldSeparator == null) {
                heldSeparator = word.separator();
            }
            Optional<String> value = found.value();
            if (value.isEmpty()
                    && i + 1 < words.size()
                    && flag(words.get(i + 1).text()).isEmpty()) {
                value = Optional.of(words.get(++i).text());
            }
            Matcher end = VALUE_END.matcher(value.orElse(""));
            if (end.find()) {
                String rest = value.get().substring(end.end());
                if (!rest.isEmpty()) {
                    words.add(i + 1, new Word("", rest));
                }
                value = Optional.of(value.get().substring(0, end.start()));
            }
            Optional<String> cleaned = value.map(v -> clean(found.option(), v)).filter(v -> !v.isEmpty());
            if (cleaned.isEmpty()) {
                return new Invalid(found.typed(), Problem.MISSING_VALUE);
            }
            if (values.putIfAbsent(found.option(), cleaned.get()) != null) {
                return new Invalid(found.typed(), Problem.REPEATED);
            }
        }
        return new Parsed(
                prompt.toString(),
                Optional.ofNullable(values.get(Option.RATIO)),
                Optional.ofNullable(values.get(Option.MODEL)),
                Optional.ofNullable(values.get(Option.SIZE)),
                Optional.ofNullable(values.get(Option.QUALITY)),
                Optional.ofNullable(values.get(Option.COUNT)));
    }

    private static List<Word> words(String text) {
        List<Word> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        int end = 0;
        while (matcher.find()) {
            words.add(new Word(text.substring(end, matcher.start()), matcher.group()));
            end = matcher.end();
        }
        return words;
    }

    /** Of the white space before and after removed options, the one that breaks more lines. */
    private static String wider(String before, String after) {
        return after.chars().filter(c -> c == '\n').count()
                        > before.chars().filter(c -> c == '\n').count()
                ? after
                : before;
    }

    private static Optional<Flag> flag(String word) {
        if (word.equalsIgnoreCase("-m")) {
            return Optional.of(new Flag(Option.MODEL, word, Optional.empty()));
        }
        int prefix = prefixLength(word);
        if (prefix == 0) {
            return Optional.empty();
        }
        String body = word.substring(prefix);
        int equals = body.indexOf('=');
        String name = equals < 0 ? body : body.substring(0, equals);
        if (name.isEmpty() || !Character.isLetter(name.codePointAt(0))) {
            return Optional.empty();
        }
        Option option = NAMES.get(name.toLowerCase(Locale.ROOT));
        boolean strict = word.startsWith("--");
        if (option == null && !strict) {
            return Optional.empty();
        }
        Optional<String> value = equals < 0 ? Optional.empty() : Optional.of(body.substring(equals + 1));
        return Optional.of(new Flag(option, word.substring(0, prefix) + name, value));
    }

    /** How long the dashes that start an option are; 0 for an ordinary word. */
    private static int prefixLength(String word) {
        if (word.startsWith("--") || word.startsWith("——")) {
            return 2;
        }
        return word.startsWith("—") || word.startsWith("–") ? 1 : 0;
    }

    private static String clean(Option option, String value) {
        return switch (option) {
            case RATIO -> value.replace('：', ':');
            case QUALITY -> value.toLowerCase(Locale.ROOT);
            case MODEL, SIZE, COUNT -> value;
        };
    }
}

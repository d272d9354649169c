package dev.redraw.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for scalar values. Each throws {@link IllegalArgumentException} with a message that says
 * what is wrong; the caller prefixes the key path.
 */
final class Values {

    private static final Pattern RATIO = Pattern.compile("(\\d{1,5}):(\\d{1,5})");

    private Values() {}

    static String text(String text) {
        return text;
    }

    static boolean bool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        };
    }

    static int integer(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }

    /** A count such as a pixel limit; underscores may group digits as in {@code 50_000_000}. */
    static long count(String text) {
        String digits = text.strip().replace("_", "");
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }

    static URI uri(String text) {
        try {
            return new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid URL");
        }
    }

    static Path path(String text) {
        try {
            return Path.of(text.strip());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path: " + e.getReason());
        }
    }

    /**
     * Checks that {@code url} is absolute with a host and one of {@code schemes}; used by the records
     * so that hand-built configs are held to the same rules as loaded ones.
     */
    static void requireUrl(URI url, String key, Set<String> schemes, String description) {
        if (url == null) {
            throw ConfigException.at(key, "missing required key");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme) || url.getHost() == null) {
            throw ConfigException.at(key, "'" + url + "' is not " + description);
        }
    }

    /**
     * Checks the {@code token} of a chat platform section: it must be given whenever the platform is
     * {@code enabled}, and may be left out otherwise.
     */
    static void requirePlatformToken(boolean enabled, Optional<Secret> token) {
        Objects.requireNonNull(token, "token");
        if (enabled && token.isEmpty()) {
            throw ConfigException.at("token", "required because enabled is true");
        }
    }

    /** Whether {@code text} is an aspect ratio {@code W:H} of two positive whole numbers, such as {@code 16:9}. */
    static boolean isRatio(String text) {
        Matcher ratio = RATIO.matcher(text);
        return ratio.matches() && Integer.parseInt(ratio.group(1)) > 0 && Integer.parseInt(ratio.group(2)) > 0;
    }

    static <T> T require(T value, String key) {
        if (value == null) {
            throw ConfigException.at(key, "missing required key");
        }
        return value;
    }

    /** Checks that {@code value}, read from {@code key}, lies between {@code min} and {@code max} inclusive. */
    static void requireRange(long value, String key, long min, long max) {
        if (value < min || value > max) {
            throw ConfigException.at(key, value + " is out of range; expected " + min + " to " + max);
        }
    }

    /**
     * Refuses a list in which an element repeats an earlier one, reporting the later one at the key
     * that identifies it, such as {@code providers[1].name}.
     *
     * @param listKey the key of the list
     * @param keyOf the key, inside an element, of the value that identifies it
     * @param valueOf that value; elements are the same when both key and value match
     * @param description what the value is, for the message ({@code provider name})
     */
    static <T> void requireUnique(
            List<T> elements,
            String listKey,
            Function<T, String> keyOf,
            Function<T, String> valueOf,
            String description) {
        Map<List<String>, Integer> firstUse = new HashMap<>();
        for (int i = 0; i < elements.size(); i++) {
            T element = elements.get(i);
            String value = valueOf.apply(element);
            Integer earlier = firstUse.putIfAbsent(List.of(keyOf.apply(element), value), i);
            if (earlier != null) {
                throw ConfigException.at(
                        KeyPaths.child(KeyPaths.index(listKey, i), keyOf.apply(element)),
                        "duplicate " + description + " '" + value + "' (already used by "
                                + KeyPaths.index(listKey, earlier) + ")");
            }
        }
    }
}

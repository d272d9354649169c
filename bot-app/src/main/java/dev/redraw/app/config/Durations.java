package dev.redraw.app.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Parses durations written as {@code 90s}, {@code 2m}, {@code 500ms}, {@code 1h} or ISO-8601 {@code PT2M}. */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([a-z]+)", Pattern.CASE_INSENSITIVE);

    /** The short units, largest first, so that {@link #format} picks the shortest spelling. */
    private static final List<Map.Entry<String, ChronoUnit>> LARGEST_FIRST = List.of(
            Map.entry("d", ChronoUnit.DAYS),
            Map.entry("h", ChronoUnit.HOURS),
            Map.entry("m", ChronoUnit.MINUTES),
            Map.entry("s", ChronoUnit.SECONDS),
            Map.entry("ms", ChronoUnit.MILLIS));

    private static final Map<String, ChronoUnit> UNITS =
            LARGEST_FIRST.stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private Durations() {}

    /**
     * Returns the duration {@code text} denotes. A bare number is refused because its unit would be a
     * guess.
     *
     * @throws IllegalArgumentException when {@code text} is not a duration
     */
    static Duration parse(String text) {
        String trimmed = text.strip();
        try {
            if (trimmed.regionMatches(true, 0, "P", 0, 1)) {
                return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            }
            Matcher matcher = SHORT.matcher(trimmed);
            ChronoUnit unit = matcher.matches() ? UNITS.get(matcher.group(2).toLowerCase(Locale.ROOT)) : null;
            if (unit != null) {
                return Duration.of(Long.parseLong(matcher.group(1)), unit);
            }
        } catch (DateTimeParseException e) {
            // Falls through to the common message, which shows the accepted forms.
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long");
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration like 90s, 2m or PT2M");
    }

    /** Writes {@code duration} in the largest short unit that holds it whole, such as {@code 10m}. */
    static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        for (Map.Entry<String, ChronoUnit> unit : LARGEST_FIRST) {
            Duration length = unit.getValue().getDuration();
            long count = duration.dividedBy(length);
            if (length.multipliedBy(count).equals(duration)) {
                return count + unit.getKey();
            }
        }
        return duration.toString();
    }

    /** Checks that {@code value}, read from {@code key}, lies between {@code min} and {@code max} inclusive. */
    static void requireRange(Duration value, String key, Duration min, Duration max) {
        Values.require(value, key);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw ConfigException.at(
                    key, format(value) + " is out of range; expected " + format(min) + " to " + format(max));
        }
    }

    /**
     * Checks that {@code value}, read from {@code key}, is no shorter than {@code floor}, the value of
     * the related key {@code floorKey} (a longest wait that must not undercut the first one).
     */
    static void requireAtLeast(Duration value, String key, Duration floor, String floorKey) {
        if (value.compareTo(floor) < 0) {
            throw ConfigException.at(
                    key,
                    format(value) + " is less than " + floorKey + " (" + format(floor) + "); raise " + key
                            + " or lower " + floorKey);
        }
    }
}

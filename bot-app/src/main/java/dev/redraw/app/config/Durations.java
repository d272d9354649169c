package dev.redraw.app.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written as {@code 90s}, {@code 2m}, {@code 500ms}, {@code 1h} or ISO-8601 {@code PT2M}. */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([a-z]+)", Pattern.CASE_INSENSITIVE);

    private static final Map<String, ChronoUnit> UNITS = Map.of(
            "ms", ChronoUnit.MILLIS,
            "s", ChronoUnit.SECONDS,
            "m", ChronoUnit.MINUTES,
            "h", ChronoUnit.HOURS,
            "d", ChronoUnit.DAYS);

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
}

package dev.redraw.app.config;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses byte sizes such as {@code 20MB}, {@code 512KB}, {@code 1GiB} or a plain byte count.
 *
 * <p>Units are powers of 1024 whether or not they carry the {@code i}: limits in this file are
 * compared with buffer and upload sizes, which people think of in binary units.
 */
final class DataSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([a-z]*)", Pattern.CASE_INSENSITIVE);

    private static final Map<String, Long> UNITS = Map.of(
            "", 1L,
            "b", 1L,
            "kb", 1L << 10,
            "kib", 1L << 10,
            "mb", 1L << 20,
            "mib", 1L << 20,
            "gb", 1L << 30,
            "gib", 1L << 30);

    private DataSizes() {}

    /**
     * Returns the number of bytes {@code text} denotes.
     *
     * @throws IllegalArgumentException when {@code text} is not a size or does not fit in a long
     */
    static long parse(String text) {
        Matcher matcher = SIZE.matcher(text.strip());
        Long unit = matcher.matches() ? UNITS.get(matcher.group(2).toLowerCase(Locale.ROOT)) : null;
        if (unit == null) {
            throw new IllegalArgumentException("'" + text + "' is not a size like 20MB, 512KB or 20971520");
        }
        try {
            return Math.multiplyExact(Long.parseLong(matcher.group(1)), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }
}

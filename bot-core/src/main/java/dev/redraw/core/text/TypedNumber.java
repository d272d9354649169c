package dev.redraw.core.text;

import dev.redraw.core.generation.GenerateCommand;

/**
 * A number a user typed (a job number after {@code /cancel}, an image number after {@code /edit}),
 * parsed once and checked against its range. Every platform and the console parse numbers here, so
 * an out-of-range or garbled number always gets the same clear answer instead of an exception.
 */
public sealed interface TypedNumber {

    /**
     * The largest number any command takes: the largest integer a Discord option may carry
     * (2<sup>53</sup> − 1), so the same numbers work on every platform.
     */
    long MAX = (1L << 53) - 1;

    /** At most this much of what was typed is repeated back in an answer. */
    int ECHO_LIMIT = 24;

    /** What the number counts, so the answer can say which numbers are allowed. */
    enum Kind {
        JOB,
        IMAGE,
        /** How many images one request makes, from 1 to {@link #MAX_VARIATIONS}. */
        VARIATIONS
    }

    /** The most images one request may make. */
    int MAX_VARIATIONS = GenerateCommand.MAX_VARIATIONS;

    /** Why a typed number was not taken. */
    enum Problem {
        NOT_A_NUMBER,
        NEGATIVE,
        ZERO,
        TOO_BIG
    }

    /** A whole number from 1 to {@link #MAX}. */
    record Valid(long value) implements TypedNumber {
        public Valid {
            if (value < 1 || value > MAX) {
                throw new IllegalArgumentException("out of range: " + value);
            }
        }
    }

    /**
     * A number that was not taken.
     *
     * @param typed what was typed, shortened to {@link #ECHO_LIMIT} characters
     */
    record Invalid(Kind kind, Problem problem, String typed) implements TypedNumber {}

    /**
     * Reads {@code text} as a {@code kind} number: an optional {@code #}, then a whole number from 1
     * to {@link #MAX}. Surrounding spaces are ignored.
     */
    static TypedNumber parse(String text, Kind kind) {
        String typed = text.strip();
        String digits = typed.startsWith("#") ? typed.substring(1) : typed;
        boolean negative = digits.startsWith("-") || digits.startsWith("−");
        String unsigned = negative || digits.startsWith("+") ? digits.substring(1) : digits;
        if (unsigned.isEmpty() || !unsigned.chars().allMatch(Character::isDigit)) {
            return new Invalid(kind, Problem.NOT_A_NUMBER, echo(typed));
        }
        String significant = ascii(unsigned).replaceFirst("^0+", "");
        if (significant.isEmpty()) {
            return new Invalid(kind, Problem.ZERO, echo(typed));
        }
        if (negative) {
            return new Invalid(kind, Problem.NEGATIVE, echo(typed));
        }
        // Longer than MAX's 16 digits is too big without parsing; shorter always fits a long.
        if (significant.length() > Long.toString(MAX).length() || Long.parseLong(significant) > MAX) {
            return new Invalid(kind, Problem.TOO_BIG, echo(typed));
        }
        return new Valid(Long.parseLong(significant));
    }

    /**
     * Reads {@code text} as a number of images for one request ({@code --n 4}): like {@link #parse},
     * but above {@link #MAX_VARIATIONS} is too big.
     */
    static TypedNumber variations(String text) {
        TypedNumber parsed = parse(text, Kind.VARIATIONS);
        if (parsed instanceof Valid valid && valid.value() > MAX_VARIATIONS) {
            return new Invalid(Kind.VARIATIONS, Problem.TOO_BIG, echo(text.strip()));
        }
        return parsed;
    }

    /** The largest number a {@code kind} number may be. */
    static long max(Kind kind) {
        return kind == Kind.VARIATIONS ? MAX_VARIATIONS : MAX;
    }

    /** Digits of any script (a Chinese keyboard types full-width ones) as ASCII digits. */
    private static String ascii(String digits) {
        StringBuilder ascii = new StringBuilder(digits.length());
        digits.chars().forEach(c -> ascii.append(Character.digit(c, 10)));
        return ascii.toString();
    }

    private static String echo(String typed) {
        if (typed.codePointCount(0, typed.length()) <= ECHO_LIMIT) {
            return typed;
        }
        return typed.substring(0, typed.offsetByCodePoints(0, ECHO_LIMIT - 1)) + "…";
    }
}

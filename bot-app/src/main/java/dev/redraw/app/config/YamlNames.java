package dev.redraw.app.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The config-file spelling of enum constants: lower case, with '-' for '_', as in {@code google-api-key}. */
final class YamlNames {

    private YamlNames() {}

    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Reads the config-file spelling of one of {@code type}'s constants, ignoring case.
     *
     * @param description what the value is, for the message ({@code dialect})
     * @throws IllegalArgumentException naming the accepted values when {@code text} is not one of them
     */
    static <E extends Enum<E>> E parse(Class<E> type, String text, String description) {
        return parse(type, text, description, YamlNames::of);
    }

    /**
     * Reads one of {@code type}'s constants, spelt by {@code spelling} and ignoring case; a value
     * written upstream in upper case, such as {@code IMAGE}, is spelt {@link Enum#name}.
     */
    static <E extends Enum<E>> E parse(Class<E> type, String text, String description, Function<E, String> spelling) {
        E[] constants = type.getEnumConstants();
        for (E constant : constants) {
            if (spelling.apply(constant).equalsIgnoreCase(text.strip())) {
                return constant;
            }
        }
        String names = Arrays.stream(constants).map(spelling).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown " + description + " '" + text + "'; expected one of " + names);
    }
}

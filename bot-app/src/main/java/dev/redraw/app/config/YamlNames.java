package dev.redraw.app.config;

import java.util.Arrays;
import java.util.Locale;
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
        E[] constants = type.getEnumConstants();
        for (E constant : constants) {
            if (of(constant).equalsIgnoreCase(text.strip())) {
                return constant;
            }
        }
        String names = Arrays.stream(constants).map(YamlNames::of).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown " + description + " '" + text + "'; expected one of " + names);
    }
}

package dev.redraw.app.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The HTTP request format an image-model gateway speaks. Written in lower case in the YAML file. */
public enum Dialect {
    CONTENTS,
    OPENAI,
    GEMINI,
    TASK;

    /** The spelling used in the config file. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads the config-file spelling.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code text} is not one of them
     */
    public static Dialect fromYaml(String text) {
        for (Dialect dialect : values()) {
            if (dialect.yamlName().equalsIgnoreCase(text.strip())) {
                return dialect;
            }
        }
        throw new IllegalArgumentException("unknown dialect '" + text + "'; expected one of " + names());
    }

    private static String names() {
        return Arrays.stream(values()).map(Dialect::yamlName).collect(Collectors.joining(", "));
    }
}

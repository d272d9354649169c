package dev.redraw.app.config;

/** The HTTP request format an image-model gateway speaks. Written in lower case in the YAML file. */
public enum Dialect {
    CONTENTS,
    OPENAI,
    GEMINI,
    TASK;

    /** The spelling used in the config file. */
    public String yamlName() {
        return YamlNames.of(this);
    }

    /** Whether the dialect has an asynchronous form (a task id, then polling) that {@code async} can select. */
    public boolean hasAsyncForm() {
        return this == OPENAI || this == TASK;
    }

    /**
     * Reads the config-file spelling.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code text} is not one of them
     */
    public static Dialect fromYaml(String text) {
        return YamlNames.parse(Dialect.class, text, "dialect");
    }
}

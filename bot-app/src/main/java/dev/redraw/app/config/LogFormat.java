package dev.redraw.app.config;

/** How log lines are written ({@code logging.format}). */
public enum LogFormat {
    /** One readable line per event: date, time, level, logger and message. */
    TEXT,
    /** One JSON object per line, with the job, user, chat, provider, model and outcome as fields. */
    JSON;

    /** Reads {@code text} or {@code json}; anything else names the key. */
    public static LogFormat fromYaml(String text) {
        return YamlNames.parse(LogFormat.class, text, "format");
    }
}

package dev.redraw.app.config;

/** How Telegram hands updates to the bot ({@code telegram.mode}). */
public enum TelegramMode {
    /** The bot asks for updates (long polling); one instance only, as Telegram serves one poller. */
    POLLING,
    /** Telegram posts each update to the bot's webhook; any number of instances behind one URL. */
    WEBHOOK;

    /** Reads {@code polling} or {@code webhook}; anything else names the key. */
    public static TelegramMode fromYaml(String text) {
        return YamlNames.parse(TelegramMode.class, text, "mode");
    }
}

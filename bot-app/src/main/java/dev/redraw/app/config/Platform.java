package dev.redraw.app.config;

/** A chat platform the bot can serve. */
public enum Platform {
    TELEGRAM,
    DISCORD
}

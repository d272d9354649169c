package dev.redraw.core.settings;

/** A platform update as the platform sent it, kept until it was handled. */
public record ReceivedUpdate(long updateId, String body) {}

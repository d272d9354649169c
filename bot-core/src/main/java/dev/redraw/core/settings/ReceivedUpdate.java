package dev.redraw.core.settings;

import java.time.Instant;
import java.util.Optional;

/**
 * A platform update as the platform sent it, kept until it was handled.
 *
 * @param album the album (media group) an item belongs to, when it is one
 * @param receivedAt when the update was kept
 */
public record ReceivedUpdate(long updateId, String body, Optional<String> album, Instant receivedAt) {}

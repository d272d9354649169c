package dev.redraw.core.request;

import dev.redraw.core.settings.ReceivedUpdate;
import dev.redraw.core.settings.SettingsStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The ledger of platform updates already handled, so that an update delivered twice (a redelivery
 * after a crash, a retried webhook call) is handled once. An update is recorded once it was
 * handled: one that a crash or a stop cut off comes again and is handled then.
 */
public final class HandledUpdates {

    private final SettingsStore settings;

    public HandledUpdates(SettingsStore settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Whether the update was recorded as handled, without recording it. */
    public boolean handledBefore(String platform, String updateKey) {
        return settings.handledBefore(platform, updateKey);
    }

    /** Records that the update was handled; false when it had been recorded before. */
    public boolean recordHandled(String platform, String updateKey) {
        return settings.firstDelivery(platform, updateKey);
    }

    /**
     * Keeps an update received and not handled yet, so that the platform may be told it arrived:
     * a crash before it was handled no longer loses it, as {@link #received} gives it back at the
     * next start. Throws when it cannot be kept; the platform must then not be told.
     */
    public void keep(String platform, long updateId, String body) {
        settings.keepReceived(platform, updateId, body);
    }

    /** The updates kept and not yet handled (a crash cut them off), oldest first. */
    public List<ReceivedUpdate> received(String platform) {
        return settings.received(platform);
    }

    /** Forgets a kept update once it was handled (or given up on). */
    public void handled(String platform, long updateId) {
        settings.dropReceived(platform, updateId);
    }

    /**
     * Keeps an update any process may handle, on its lane (its chat, handled in order) and, for an
     * album's item, with its album. Throws when it cannot be kept; the platform must then not be
     * told it arrived.
     */
    public void keep(String platform, long updateId, String body, String lane, String album) {
        settings.keepReceived(platform, updateId, body, lane, album);
    }

    /** The updates of one lane waiting to be handled, oldest first. */
    public List<ReceivedUpdate> received(String platform, String lane) {
        return settings.received(platform, lane);
    }

    /** Lanes with updates waiting that no other process holds. */
    public List<String> waitingLanes(String platform, String holder) {
        return settings.waitingLanes(platform, holder);
    }

    /** Takes or renews a lane for {@code lease}; false when another process holds it. */
    public boolean holdLane(String platform, String lane, String holder, Duration lease) {
        return settings.holdLane(platform, lane, holder, lease);
    }

    /** Renews a lane this holder holds; false when it holds it no longer. */
    public boolean renewLane(String platform, String lane, String holder, Duration lease) {
        return settings.renewLane(platform, lane, holder, lease);
    }

    /** Gives up a lane this holder holds. */
    public void releaseLane(String platform, String lane, String holder) {
        settings.releaseLane(platform, lane, holder);
    }
}

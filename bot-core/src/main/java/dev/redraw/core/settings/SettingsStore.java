package dev.redraw.core.settings;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Per-user defaults, per-chat switches, and which platform updates were already handled. */
public interface SettingsStore {

    UserSettings user(String platform, String userId);

    void saveUser(String platform, String userId, UserSettings settings);

    /**
     * Records that the user was told {@code note} (about a stored default their request's model does
     * not take); false when they were told it before. Saving settings with another model, ratio or
     * size forgets every note told to the user; another language or switch keeps them.
     */
    boolean firstTold(String platform, String userId, String note);

    /** Whether everyone in a chat may use the buttons under results; true unless the chat's admins turned it off. */
    boolean remixAllowed(String platform, String chatId);

    /** The name the user was last seen with, for credits; empty when none was recorded. */
    Optional<String> name(String platform, String userId);

    /** Records the name the user goes by now. */
    void saveName(String platform, String userId, String name);

    void setRemixAllowed(String platform, String chatId, boolean allowed);

    /**
     * Records that an update was handled; false when it was recorded before, so an update
     * delivered twice is handled once.
     */
    boolean firstDelivery(String platform, String updateKey);

    /** Whether an update was recorded as handled, without recording it. */
    boolean handledBefore(String platform, String updateKey);

    /** Keeps an update received and not handled yet; keeping one kept before changes nothing. */
    void keepReceived(String platform, long updateId, String body);

    /** The updates kept and not dropped since, oldest first. */
    List<ReceivedUpdate> received(String platform);

    /** Drops a kept update once it was handled. */
    void dropReceived(String platform, long updateId);

    /**
     * Keeps an update for whichever process holds its lane; keeping one kept before changes nothing.
     *
     * @param lane the lane it is handled on, in order with the lane's other updates (its chat)
     * @param album the album it is an item of, or null
     */
    void keepReceived(String platform, long updateId, String body, String lane, String album);

    /** The updates of one lane kept and not dropped since, oldest first. */
    List<ReceivedUpdate> received(String platform, String lane);

    /** The lanes with updates waiting that no process but {@code holder} holds a live lease on. */
    List<String> waitingLanes(String platform, String holder);

    /**
     * Takes or renews the lease on a lane for {@code lease}; false when another process holds a
     * live lease on it.
     */
    boolean holdLane(String platform, String lane, String holder, Duration lease);

    /** Renews {@code holder}'s lease on a lane; false when it no longer holds it. */
    boolean renewLane(String platform, String lane, String holder, Duration lease);

    /** Gives a lane up, when {@code holder} still holds it. */
    void releaseLane(String platform, String lane, String holder);
}

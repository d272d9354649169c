package dev.redraw.core.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What administrators decided while the bot runs: banned users, extra images granted, and whether
 * generation is paused. Kept where every instance reads it, so a decision applies on all of them
 * at once and survives restarts. Users are written {@code platform:id}.
 */
public interface AdminStore {

    /** Nothing decided, and nowhere to keep a decision: for a bot whose rules are only its configuration. */
    AdminStore NONE = new NoDecisions();

    /** Bans {@code user}; false when they were banned already (the first ban stays). */
    boolean ban(String user, String by, Instant at);

    /** Lifts a ban; false when there was none. */
    boolean unban(String user);

    boolean isBanned(String user);

    /** Every ban in force, oldest first. */
    List<Ban> bans();

    /** How many bans are in force. */
    default int banCount() {
        return bans().size();
    }

    /** Grants {@code user} {@code images} more images for one quota window from {@code at}. */
    default void grant(String user, int images, String by, Instant at) {
        grant(user, images, by, at, Optional.empty());
    }

    /**
     * Like {@link #grant(String, int, String, Instant)}, once for {@code request} (the message that
     * asked): false, granting nothing, when that request granted before.
     */
    boolean grant(String user, int images, String by, Instant at, Optional<String> request);

    /** The images granted to {@code user} since {@code since}. */
    int grantedSince(String user, Instant since);

    /** Pauses generation; false when it was paused already (the first pause stays). */
    boolean pause(String by, Instant at);

    /** Resumes generation; false when it was not paused. */
    boolean resume();

    /** Who paused generation and when; empty while it runs. */
    Optional<Pause> pause();

    /**
     * Whether {@code user} is banned and whether generation is paused, read together: what every
     * request is checked against.
     */
    default Standing standing(String user) {
        return new Standing(isBanned(user), pause());
    }

    /** A user's standing: banned or not, and the pause in force, if any. */
    record Standing(boolean banned, Optional<Pause> paused) {}

    /** Asks every instance to read its configuration again: the new generation of the request. */
    long requestReload(String by, Instant at);

    /** How many reloads administrators have asked for so far (0 for none). */
    long reloadGeneration();

    /** A ban in force. */
    record Ban(String user, String by, Instant at) {}

    /** Generation paused by {@code by} at {@code at}. */
    record Pause(String by, Instant at) {}
}

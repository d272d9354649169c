package dev.redraw.discord;

import java.time.Duration;

/**
 * How often the bot writes to one place on Discord: new messages in a channel (Discord allows
 * about five per five seconds), edits of channel messages, and edits of one interaction response
 * (a few per second). Status updates wait their turn and only the latest is shown; results wait
 * their turn and are never dropped.
 */
record Pacing(int channelMessages, Duration channelWindow, int responseEdits, Duration responseWindow) {

    static final Pacing DISCORD = new Pacing(5, Duration.ofSeconds(5), 3, Duration.ofSeconds(1));

    Pacer channels() {
        return new Pacer(channelMessages, channelWindow);
    }

    Pacer responses() {
        return new Pacer(responseEdits, responseWindow);
    }
}

package dev.redraw.core.request;

/** What asked for a request on its platform, which decides what storing the request does with it. */
public enum RequestMessage {
    /** A button pressed under a result (a reroll): each press is a request of its own. */
    PRESS,
    /**
     * An interaction (a Discord slash command): handled again after a crash, it is answered by the
     * job it became before, not by a second one.
     */
    INTERACTION,
    /**
     * A message in the chat: answered once as an interaction is, and linked to the request's turn
     * together with its job, so a reply to it continues there.
     */
    CHAT_MESSAGE;

    /** Whether the message becomes one job only, however often it is handled. */
    public boolean once() {
        return this != PRESS;
    }

    /** Whether the message is linked to the request's turn. */
    public boolean linked() {
        return this == CHAT_MESSAGE;
    }
}

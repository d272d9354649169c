package dev.redraw.core.admin;

import dev.redraw.core.conversation.MessageRef;
import java.util.Objects;

/** What an administrator asked for, read from a platform's command by {@link AdminRequests}. */
public sealed interface AdminCommand {

    /** Keeps a user out of the bot on every instance until they are unbanned. */
    record Ban(Target target) implements AdminCommand {}

    record Unban(Target target) implements AdminCommand {}

    /** Adds {@code images} to a user's limit for one quota window from now. */
    record Grant(Target target, int images) implements AdminCommand {}

    /** Refuses new requests (administrators' own excepted); requests accepted before go on. */
    record Pause() implements AdminCommand {}

    record Resume() implements AdminCommand {}

    /** The providers' circuits and recent jobs, the queue, the pause and the bans. */
    record Status() implements AdminCommand {}

    /** Every instance reads its configuration file again. */
    record Reload() implements AdminCommand {}

    /** Whom a command is about. */
    sealed interface Target {}

    /** A user named as {@code platform:id}. */
    record User(String key) implements Target {
        public User {
            Objects.requireNonNull(key, "key");
        }
    }

    /** The user who asked for the bot's message {@code message}: the administrator replied to a result. */
    record AuthorOf(MessageRef message) implements Target {
        public AuthorOf {
            Objects.requireNonNull(message, "message");
        }
    }
}

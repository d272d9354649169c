package dev.redraw.core.request;

import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Turn;
import java.util.Objects;

/**
 * Records which turn a platform message belongs to, so that a reply to it (or a button under it)
 * continues that turn: a user's accepted request, a question the bot asked about a result, an
 * original the bot sent. Messages of results the job runner posts are linked by the delivery.
 */
public final class MessageLinks {

    private final ConversationStore conversations;

    public MessageLinks(ConversationStore conversations) {
        this.conversations = Objects.requireNonNull(conversations, "conversations");
    }

    /**
     * Links {@code message} to {@code turn}; linking a message again re-points it. A stop that
     * interrupts the thread now would leave the message in the chat without its link: the interrupt
     * waits until the link is written.
     *
     * @throws IllegalArgumentException when the message is on another platform than the turn
     */
    public void link(MessageRef message, Turn turn) {
        if (!message.platform().equals(turn.origin().platform())) {
            throw new IllegalArgumentException("a " + message.platform() + " message cannot show a "
                    + turn.origin().platform() + " turn");
        }
        boolean interrupted = Thread.interrupted();
        try {
            conversations.link(message, turn.id());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

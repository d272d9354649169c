package dev.redraw.core.request;

import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.refusal.Refusal;
import java.util.Optional;

/** Whether continuing from a turn needs the user to say which of its several images they mean. */
final class VariationChoice {

    private VariationChoice() {}

    /**
     * A request turn answered by several images (a message showing them all stands for it) cannot be
     * continued as such: the user picks one. Empty for any other turn.
     */
    static Optional<Refusal> needed(ConversationStore conversations, Turn turn) {
        if (turn.role() != Role.USER) {
            return Optional.empty();
        }
        long answers = conversations.children(turn.id()).stream()
                .filter(child -> child.role() == Role.MODEL)
                .count();
        return answers > 1 ? Optional.of(new Refusal.ChooseVariation((int) answers)) : Optional.empty();
    }
}

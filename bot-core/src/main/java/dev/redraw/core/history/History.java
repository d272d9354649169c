package dev.redraw.core.history;

import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import java.util.List;
import java.util.Objects;

/**
 * The multi-turn request for one generation, in the {@code contents} shape: the path from the
 * root, oldest first, ending with the new instruction.
 *
 * @param turns the turns to send
 * @param droppedImages how many older images were left out to fit the limits
 */
public record History(List<Entry> turns, int droppedImages) {

    public History {
        turns = List.copyOf(turns);
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("a history has at least the new instruction");
        }
    }

    /** The last turn: the new instruction. */
    public Entry instruction() {
        return turns.getLast();
    }

    /** One turn of the history: a role and its parts. */
    public record Entry(Role role, List<Part> parts) {
        public Entry {
            Objects.requireNonNull(role, "role");
            parts = List.copyOf(parts);
        }
    }
}

package dev.redraw.core.job;

import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import java.util.List;

/**
 * The answers of a finished job of several images: the model turns under its request, in the order
 * they were made. Only the job that answers a request adds model turns under it (a reroll asks
 * again under a request of its own), so they are exactly the images it made.
 */
public final class JobAnswers {

    private JobAnswers() {}

    /** The model turns with an image answering {@code job}'s request, oldest first, at most as many as it asked for. */
    public static List<Turn> of(Job job, ConversationStore conversations) {
        return conversations.children(job.userTurnId()).stream()
                .filter(turn -> turn.role() == Role.MODEL && !turn.images().isEmpty())
                .limit(job.variations())
                .toList();
    }
}

package dev.redraw.core.generation;

import dev.redraw.core.conversation.Turn;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of a command. {@code userTurn} is empty when the request was refused before it was
 * stored (a wrong ratio, too many images); {@code modelTurn} is present when the model answered
 * with images or text.
 */
public record GenerationResult(
        Optional<Turn> userTurn, Optional<Turn> modelTurn, Outcome outcome, int droppedHistoryImages) {
    public GenerationResult {
        Objects.requireNonNull(userTurn, "userTurn");
        Objects.requireNonNull(modelTurn, "modelTurn");
        Objects.requireNonNull(outcome, "outcome");
    }

    static GenerationResult rejected(String whatToChange) {
        return new GenerationResult(Optional.empty(), Optional.empty(), new Outcome.Rejected(whatToChange), 0);
    }
}

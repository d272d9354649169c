package dev.redraw.core.generation;

import dev.redraw.core.conversation.NewTurn;
import java.util.Optional;

/**
 * What one run of a job produced.
 *
 * @param modelTurn the answer to store, when the model answered with images or text
 * @param chargedImages images the upstream made, which count against quotas
 */
public record Execution(Outcome outcome, Optional<NewTurn> modelTurn, int chargedImages) {

    /** A run that produced nothing to store, so nothing to charge. */
    public static Execution without(Outcome outcome) {
        return new Execution(outcome, Optional.empty(), 0);
    }

    /** The model's own words, for an answer with images or in words only; empty for anything else. */
    public String modelText() {
        return switch (outcome) {
            case Outcome.Images images -> images.text().orElse("");
            case Outcome.TextOnly text -> text.text();
            default -> "";
        };
    }
}

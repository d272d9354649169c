package dev.redraw.core.generation;

import dev.redraw.core.conversation.NewTurn;
import java.util.List;
import java.util.Optional;

/**
 * What one run of a job produced.
 *
 * @param modelTurns the answers to store, in order: one per image for a request of several
 *     variations, else at most one (images or text)
 * @param chargedImages images the upstream made and the bot stored, which count against quotas
 */
public record Execution(Outcome outcome, List<NewTurn> modelTurns, int chargedImages) {

    public Execution {
        modelTurns = List.copyOf(modelTurns);
    }

    /** A run with at most one answer. */
    public Execution(Outcome outcome, Optional<NewTurn> modelTurn, int chargedImages) {
        this(outcome, modelTurn.map(List::of).orElse(List.of()), chargedImages);
    }

    /** A run that produced nothing to store, so nothing to charge. */
    public static Execution without(Outcome outcome) {
        return new Execution(outcome, List.of(), 0);
    }

    /** The first answer, if there is one. */
    public Optional<NewTurn> modelTurn() {
        return modelTurns.stream().findFirst();
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

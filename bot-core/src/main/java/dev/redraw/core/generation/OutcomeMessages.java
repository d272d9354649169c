package dev.redraw.core.generation;

import java.time.Duration;

/** What the user is told when a generation did not produce an image. */
public final class OutcomeMessages {

    private OutcomeMessages() {}

    public static String describe(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Images images -> "Generated " + images.images().size() + " image(s).";
            case Outcome.TextOnly text -> text.text();
            case Outcome.Refused refused ->
                "The model refused this request under its content policy (" + refused.reason()
                        + "). Rephrase the prompt or use another image.";
            case Outcome.Rejected rejected -> rejected.whatToChange();
            case Outcome.Unauthorized ignored ->
                "The image service did not accept the bot's credentials. The operator has to fix the API key.";
            case Outcome.RateLimited limited ->
                "The image service is busy right now (rate limited)."
                        + limited.retryAfter().map(OutcomeMessages::retryIn).orElse(" Try again in a minute.");
            case Outcome.QuotaExhausted ignored ->
                "The image service's quota is used up for now. Try again later or ask the operator.";
            case Outcome.Failed failed ->
                failed.transientFailure()
                        ? "The image service failed (" + failed.detail() + "). Try again."
                        : "The image service could not make this image (" + failed.detail() + ").";
        };
    }

    private static String retryIn(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds());
        return " Try again in " + seconds + " s.";
    }
}

package dev.redraw.core.provider.gemini;

import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.FinishReason;
import dev.redraw.core.generation.Outcome;

/**
 * Explains an answer that holds no image, from its candidate's {@code finishReason}: a reason of
 * the content policy is a refusal, any other a failure; either way the reason is the cause, and the
 * model's words, if any, are quoted with it.
 */
final class GeminiFinishReasons {

    private GeminiFinishReasons() {}

    /**
     * @param finishReason the candidate's reason, empty when it gave none
     * @param text the model's own words, empty when it had none
     */
    static Outcome withoutImage(String finishReason, String text) {
        String words = text.isBlank() ? null : text.strip();
        Cause cause = Cause.of(Cause.Kind.FINISH_REASON, finishReason);
        if (FinishReason.of(finishReason).filter(FinishReason::policy).isPresent()) {
            return new Outcome.Refused(cause, words);
        }
        boolean finished = finishReason.isEmpty() || finishReason.equals("STOP");
        if (finished && words != null) {
            return new Outcome.TextOnly(words);
        }
        return new Outcome.Failed(false, cause, words);
    }
}

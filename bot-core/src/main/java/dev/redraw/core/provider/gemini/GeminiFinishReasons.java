package dev.redraw.core.provider.gemini;

import dev.redraw.core.generation.Outcome;
import java.util.Map;

/** Explains an answer that holds no image, from its candidate's {@code finishReason}. */
final class GeminiFinishReasons {

    /** Reasons that mean the content policy stopped the image, in words a user can act on. */
    private static final Map<String, String> REFUSALS = Map.of(
            "IMAGE_SAFETY", "the image was blocked by the safety filter",
            "IMAGE_PROHIBITED_CONTENT", "the image would show prohibited content",
            "IMAGE_RECITATION", "the image was too close to an existing work",
            "SAFETY", "the answer was blocked by the safety filter",
            "PROHIBITED_CONTENT", "the request asks for prohibited content",
            "BLOCKLIST", "the request contains blocked terms",
            "SPII", "the answer would reveal sensitive personal information",
            "RECITATION", "the answer was too close to existing material");

    private GeminiFinishReasons() {}

    /**
     * @param finishReason the candidate's reason, empty when it gave none
     * @param text the model's own words, empty when it had none
     */
    static Outcome withoutImage(String finishReason, String text) {
        String refusal = REFUSALS.get(finishReason);
        if (refusal != null) {
            return new Outcome.Refused(
                    refusal + " (" + finishReason + ")" + (text.isBlank() ? "" : "; the model said: " + text.strip()));
        }
        boolean finished = finishReason.isEmpty() || finishReason.equals("STOP");
        if (finished && !text.isBlank()) {
            return new Outcome.TextOnly(text.strip());
        }
        return new Outcome.Failed(
                false,
                "the model made no image (" + (finishReason.isEmpty() ? "no reason given" : finishReason)
                        + "); try rephrasing");
    }
}

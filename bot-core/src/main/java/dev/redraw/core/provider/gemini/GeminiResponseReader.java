package dev.redraw.core.provider.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.GeneratedImage;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.provider.HttpProblem;
import dev.redraw.core.provider.ResultDownloader;
import dev.redraw.core.provider.ResultImages;
import java.util.List;
import java.util.Optional;

/**
 * Turns a {@code generateContent} answer into an {@link Outcome}. Parts flagged {@code thought} are
 * interim drafts and never a result; the result is the last other image part, and the other text parts
 * are the model's words. An answer without an image is explained by its block or finish reason.
 */
final class GeminiResponseReader {

    private final ObjectMapper json;
    private final ResultImages results;
    private final GeminiPartData partData;

    GeminiResponseReader(ObjectMapper json, ResultImages results, GeminiPartData partData) {
        this.json = json;
        this.results = results;
        this.partData = partData;
    }

    Outcome read(int httpStatus, String body, String retryAfterHeader) {
        JsonNode root = parse(body);
        boolean success = httpStatus >= 200 && httpStatus < 300;
        if (success && root == null) {
            return new Outcome.Failed(true, Cause.of(Cause.Kind.NOT_JSON));
        }
        if (success && !root.hasNonNull("error")) {
            return answer(root);
        }
        JsonNode error = root == null ? json.missingNode() : root.path("error");
        int status = success ? error.path("code").asInt(500) : httpStatus;
        return GeminiErrors.classify(status, error, HttpProblem.retryAfterHeader(retryAfterHeader));
    }

    private JsonNode parse(String body) {
        try {
            JsonNode root = json.readTree(body);
            return root != null && root.isObject() ? root : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private Outcome answer(JsonNode root) {
        String blockReason = root.path("promptFeedback").path("blockReason").asText("");
        if (!blockReason.isEmpty() && !blockReason.equals("BLOCK_REASON_UNSPECIFIED")) {
            String detail =
                    root.path("promptFeedback").path("blockReasonMessage").asText("");
            return new Outcome.Refused(
                    Cause.of(Cause.Kind.PROMPT_BLOCKED, blockReason), detail.isBlank() ? null : detail);
        }
        JsonNode candidate = root.path("candidates").path(0);
        if (!candidate.isObject()) {
            return new Outcome.Failed(true, Cause.of(Cause.Kind.EMPTY_ANSWER));
        }
        List<JsonNode> parts = candidate
                .path("content")
                .path("parts")
                .valueStream()
                .filter(part -> part.isObject() && !part.path("thought").asBoolean(false))
                .toList();
        List<JsonNode> textParts =
                parts.stream().filter(part -> part.path("text").isTextual()).toList();
        String text = String.join(
                "", textParts.stream().map(part -> part.path("text").asText()).toList());
        Optional<JsonNode> image =
                parts.stream().filter(GeminiResponseReader::isImage).reduce((first, last) -> last);
        if (image.isPresent()) {
            return images(image.get(), textParts.stream().findFirst(), text);
        }
        return GeminiFinishReasons.withoutImage(candidate.path("finishReason").asText(""), text);
    }

    private static boolean isImage(JsonNode part) {
        JsonNode inline = part.path("inlineData");
        return inline.path("mimeType").asText("").startsWith("image/")
                && !inline.path("data").asText("").isEmpty();
    }

    private Outcome images(JsonNode image, Optional<JsonNode> firstText, String text) {
        try {
            byte[] bytes = results.fetch(image.path("inlineData").path("data").asText(), "")
                    .orElseThrow();
            var generated = new GeneratedImage(bytes, partData.capture(image, firstText));
            return new Outcome.Images(List.of(generated), text.isBlank() ? Optional.empty() : Optional.of(text));
        } catch (ResultDownloader.DownloadException e) {
            return e.outcome();
        }
    }
}

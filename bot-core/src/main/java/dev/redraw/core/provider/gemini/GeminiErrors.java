package dev.redraw.core.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.provider.HttpProblem;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Classifies Google's error bodies, {@code {"error":{"code","message","status","details":[…]}}}. Google
 * says how long to wait in a {@code RetryInfo} detail or in the message; a 429 that names no wait is a
 * spent quota (per day, or billing). A key Google does not know comes back as 400 {@code API_KEY_INVALID}.
 */
final class GeminiErrors {

    private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";
    private static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";
    private static final Pattern PROTO_DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)s");

    private GeminiErrors() {}

    /**
     * @param status the HTTP status, or the body's {@code code} when an error came with HTTP 200
     * @param error the {@code error} object, missing when the body had none
     */
    static Outcome classify(int status, JsonNode error, Optional<Duration> retryAfter) {
        String message = message(error);
        if (status == 429) {
            Optional<Duration> wait = retryDelay(error).or(() -> retryAfter).or(() -> HttpProblem.retryHint(message));
            if (wait.isPresent()) {
                return new Outcome.RateLimited(wait, message);
            }
        }
        if (status == 400 && hasReason(error, "API_KEY_INVALID")) {
            return HttpProblem.classify(401, message, retryAfter);
        }
        return HttpProblem.classify(status, message, retryAfter);
    }

    private static String message(JsonNode error) {
        String message = error.path("message").asText("");
        return message.isBlank() ? error.path("status").asText("") : message;
    }

    private static Optional<Duration> retryDelay(JsonNode error) {
        return error.path("details")
                .valueStream()
                .filter(detail -> detail.path("@type").asText("").equals(RETRY_INFO))
                .map(detail -> PROTO_DURATION.matcher(detail.path("retryDelay").asText("")))
                .filter(java.util.regex.Matcher::matches)
                .map(matcher -> Duration.ofMillis((long) Math.ceil(Double.parseDouble(matcher.group(1)) * 1000)))
                .findFirst();
    }

    private static boolean hasReason(JsonNode error, String reason) {
        return error.path("details")
                .valueStream()
                .anyMatch(detail -> detail.path("@type").asText("").equals(ERROR_INFO)
                        && detail.path("reason").asText("").equals(reason));
    }
}

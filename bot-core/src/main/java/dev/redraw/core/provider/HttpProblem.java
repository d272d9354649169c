package dev.redraw.core.provider;

import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.Outcome;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Classifies an upstream error (an HTTP status or a gateway's own {@code code}, with its message)
 * into an {@link Outcome}. Shared by every dialect so the same failure reads the same everywhere.
 */
public final class HttpProblem {

    private static final Pattern POLICY = Pattern.compile(
            "image_safety|prohibited|safety|blocked|moderation|violat|policy|sensitive|nsfw|recitation|blocklist",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTA =
            Pattern.compile("insufficient_quota|quota|balance|credit|余额|额度|insufficient", Pattern.CASE_INSENSITIVE);
    private static final Pattern RETRY_IN = Pattern.compile("retry in ([0-9.]+)\\s*s", Pattern.CASE_INSENSITIVE);

    private HttpProblem() {}

    /**
     * @param status the HTTP status, or the gateway's {@code code} when it answered 200 with an error
     * @param message the upstream's own words, already free of secrets
     * @param retryAfter a {@code Retry-After} value when the upstream sent one
     */
    public static Outcome classify(int status, String message, Optional<Duration> retryAfter) {
        if (message == null || message.isBlank()) {
            return withoutWords(status, retryAfter);
        }
        String text = message.strip();
        if (POLICY.matcher(text).find() && status != 401 && status != 403) {
            return new Outcome.Refused(text);
        }
        return switch (status) {
            case 400, 404, 413, 422 -> new Outcome.Rejected(rejection(status, text), text);
            case 401, 403 -> new Outcome.Unauthorized(text);
            case 402 -> new Outcome.QuotaExhausted(text);
            case 429 ->
                QUOTA.matcher(text).find()
                        ? new Outcome.QuotaExhausted(text)
                        : new Outcome.RateLimited(retryAfter.or(() -> retryHint(text)), text);
            case 408, 500, 502, 503, 504 -> new Outcome.Failed(true, text);
            default -> new Outcome.Failed(status >= 500, text);
        };
    }

    /** An error status that came without any words: the status is the cause, for the user to see. */
    private static Outcome withoutWords(int status, Optional<Duration> retryAfter) {
        Cause cause = Cause.of(Cause.Kind.HTTP_STATUS, status);
        String logged = "HTTP " + status;
        return switch (status) {
            case 400, 404, 422 -> new Outcome.Rejected(Outcome.Rejected.Change.PROMPT_OR_IMAGES, cause, null);
            case 413 -> new Outcome.Rejected(Outcome.Rejected.Change.SMALLER, cause, null);
            case 401, 403 -> new Outcome.Unauthorized(logged);
            case 402 -> new Outcome.QuotaExhausted(logged);
            case 429 -> new Outcome.RateLimited(retryAfter, logged);
            case 408, 500, 502, 503, 504 -> new Outcome.Failed(true, cause);
            default -> new Outcome.Failed(status >= 500, cause);
        };
    }

    /** What the user has to change, read from the status and the upstream's words. */
    private static Outcome.Rejected.Change rejection(int status, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (status == 413) {
            return Outcome.Rejected.Change.SMALLER;
        }
        if (lower.contains("aspect") || lower.contains("ratio") || lower.contains("size")) {
            return Outcome.Rejected.Change.SIZE_OR_RATIO;
        }
        if (lower.contains("model")) {
            return Outcome.Rejected.Change.MODEL;
        }
        return Outcome.Rejected.Change.PROMPT_OR_IMAGES;
    }

    /** Google's APIs put the wait in the message ("Please retry in 17.5s"). */
    public static Optional<Duration> retryHint(String text) {
        var matcher = RETRY_IN.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        double seconds = Double.parseDouble(matcher.group(1));
        return Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
    }

    /** Parses a {@code Retry-After} header given in seconds; HTTP dates are ignored. */
    public static Optional<Duration> retryAfterHeader(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofMillis((long) (Double.parseDouble(header.trim()) * 1000)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

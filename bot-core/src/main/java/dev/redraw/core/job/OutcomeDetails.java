package dev.redraw.core.job;

import dev.redraw.core.generation.Outcome;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;

/**
 * The facts of a finished job's outcome besides its {@link OutcomeKind}, stored as data so the
 * adapters can say it in each user's language. Nothing here is a sentence of the bot's own:
 * {@code detail} is the upstream's words (a provider's reason or error), quoted as they came.
 *
 * @param detail the upstream's own words, when it gave any
 * @param change for {@link OutcomeKind#REJECTED}: what the request has to change
 * @param retryAfterSeconds for {@link OutcomeKind#RATE_LIMITED}: when the upstream said to try again
 * @param transientFailure for {@link OutcomeKind#FAILED}: whether trying again may work
 * @param problem for {@link OutcomeKind#FAILED}: a failure on the bot's side rather than the upstream's
 * @param model for {@link Problem#MODEL_GONE}: the model that is no longer configured
 */
public record OutcomeDetails(
        Optional<String> detail,
        Optional<Outcome.Rejected.Change> change,
        OptionalLong retryAfterSeconds,
        boolean transientFailure,
        Optional<Problem> problem,
        Optional<String> model) {

    /** No facts: the kind says it all (images, a text answer, cancelled, interrupted). */
    public static final OutcomeDetails NONE = new OutcomeDetails(
            Optional.empty(), Optional.empty(), OptionalLong.empty(), false, Optional.empty(), Optional.empty());

    /** A failure that is the bot's, not the upstream's. */
    public enum Problem {
        /** The job's model is no longer configured. */
        MODEL_GONE,
        /** Something inside the bot failed while making the image. */
        INTERNAL_ERROR
    }

    public OutcomeDetails {
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(retryAfterSeconds, "retryAfterSeconds");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(model, "model");
        detail = detail.map(String::strip).filter(text -> !text.isEmpty());
    }

    /** The facts of an outcome a generation ended with. */
    public static OutcomeDetails of(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Images ignored -> NONE;
            case Outcome.TextOnly ignored -> NONE;
            case Outcome.Refused refused -> detail(refused.reason());
            case Outcome.Rejected rejected ->
                new OutcomeDetails(
                        Optional.ofNullable(rejected.detail()),
                        Optional.of(rejected.change()),
                        OptionalLong.empty(),
                        false,
                        Optional.empty(),
                        Optional.empty());
            case Outcome.Unauthorized unauthorized -> detail(unauthorized.detail());
            case Outcome.RateLimited limited ->
                new OutcomeDetails(
                        Optional.ofNullable(limited.detail()),
                        Optional.empty(),
                        limited.retryAfter()
                                .map(wait -> OptionalLong.of(Math.max(1, (wait.toMillis() + 999) / 1000)))
                                .orElse(OptionalLong.empty()),
                        false,
                        Optional.empty(),
                        Optional.empty());
            case Outcome.QuotaExhausted exhausted -> detail(exhausted.detail());
            case Outcome.Failed failed ->
                new OutcomeDetails(
                        Optional.ofNullable(failed.detail()),
                        Optional.empty(),
                        OptionalLong.empty(),
                        failed.transientFailure(),
                        Optional.empty(),
                        Optional.empty());
            case Outcome.ModelGone gone -> problem(Problem.MODEL_GONE, Optional.of(gone.model()));
        };
    }

    /** A failure inside the bot. */
    public static OutcomeDetails internalError() {
        return problem(Problem.INTERNAL_ERROR, Optional.empty());
    }

    private static OutcomeDetails detail(String detail) {
        return new OutcomeDetails(
                Optional.ofNullable(detail),
                Optional.empty(),
                OptionalLong.empty(),
                false,
                Optional.empty(),
                Optional.empty());
    }

    private static OutcomeDetails problem(Problem problem, Optional<String> model) {
        return new OutcomeDetails(
                Optional.empty(), Optional.empty(), OptionalLong.empty(), false, Optional.of(problem), model);
    }

    /** How long to wait before trying again, when the upstream said. */
    public Optional<Duration> retryAfter() {
        return retryAfterSeconds.isPresent()
                ? Optional.of(Duration.ofSeconds(retryAfterSeconds.getAsLong()))
                : Optional.empty();
    }

    // --- Stored form: "v=1&key=value&…", values URL-encoded; unknown keys are ignored.

    /** The stored form of these facts. */
    public String encode() {
        StringJoiner joined = new StringJoiner("&");
        joined.add("v=1");
        change.ifPresent(value -> joined.add("change=" + value.name()));
        retryAfterSeconds.ifPresent(value -> joined.add("retry=" + value));
        if (transientFailure) {
            joined.add("transient=1");
        }
        problem.ifPresent(value -> joined.add("problem=" + value.name()));
        model.ifPresent(value -> joined.add("model=" + encode(value)));
        detail.ifPresent(value -> joined.add("detail=" + encode(value)));
        return joined.toString();
    }

    /** Reads the stored form; anything it cannot read is left out rather than failing the job. */
    public static OutcomeDetails decode(String stored) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : stored.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(
                        pair.substring(0, equals),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return new OutcomeDetails(
                Optional.ofNullable(values.get("detail")),
                constant(Outcome.Rejected.Change.class, values.get("change")),
                seconds(values.get("retry")),
                "1".equals(values.get("transient")),
                constant(Problem.class, values.get("problem")),
                Optional.ofNullable(values.get("model")));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static <E extends Enum<E>> Optional<E> constant(Class<E> type, String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static OptionalLong seconds(String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}

package dev.redraw.core.job;

import dev.redraw.core.generation.Cause;
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
 * {@code detail} is the upstream's words (a provider's reason or error), quoted as they came, and
 * what the bot knows of why is the {@code cause}, a kind with its number or name.
 *
 * @param detail the upstream's own words, when it gave any
 * @param change for {@link OutcomeKind#REJECTED}: what the request has to change
 * @param retryAfterSeconds for {@link OutcomeKind#RATE_LIMITED}: when the upstream said to try again
 * @param transientFailure for {@link OutcomeKind#FAILED}: whether trying again may work
 * @param problem for {@link OutcomeKind#FAILED}: a failure on the bot's side rather than the upstream's
 * @param model for {@link Problem#MODEL_GONE}: the model that is no longer configured
 * @param cause for {@link OutcomeKind#REFUSED}, {@link OutcomeKind#REJECTED} and {@link
 *     OutcomeKind#FAILED}: why, where the bot can tell
 */
public record OutcomeDetails(
        Optional<String> detail,
        Optional<Outcome.Rejected.Change> change,
        OptionalLong retryAfterSeconds,
        boolean transientFailure,
        Optional<Problem> problem,
        Optional<String> model,
        Optional<Cause> cause) {

    /** No facts: the kind says it all (images, a text answer, cancelled, interrupted). */
    public static final OutcomeDetails NONE = detail(null);

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
        Objects.requireNonNull(cause, "cause");
        detail = detail.map(String::strip).filter(text -> !text.isEmpty());
    }

    /** The facts of an outcome a generation ended with. */
    public static OutcomeDetails of(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Images ignored -> NONE;
            case Outcome.TextOnly ignored -> NONE;
            case Outcome.Refused refused -> detail(refused.reason()).withCause(refused.cause());
            case Outcome.Rejected rejected ->
                new OutcomeDetails(
                        Optional.ofNullable(rejected.detail()),
                        Optional.of(rejected.change()),
                        OptionalLong.empty(),
                        false,
                        Optional.empty(),
                        Optional.empty(),
                        rejected.cause());
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
                        Optional.empty(),
                        failed.cause());
            case Outcome.ModelGone gone -> problem(Problem.MODEL_GONE, Optional.of(gone.model()));
        };
    }

    /** A failure inside the bot. */
    public static OutcomeDetails internalError() {
        return problem(Problem.INTERNAL_ERROR, Optional.empty());
    }

    /** A failure of the upstream with no more facts than whether trying again may work. */
    public static OutcomeDetails failure(boolean transientFailure) {
        return new OutcomeDetails(
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                transientFailure,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private static OutcomeDetails detail(String detail) {
        return new OutcomeDetails(
                Optional.ofNullable(detail),
                Optional.empty(),
                OptionalLong.empty(),
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private static OutcomeDetails problem(Problem problem, Optional<String> model) {
        return new OutcomeDetails(
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                false,
                Optional.of(problem),
                model,
                Optional.empty());
    }

    /** These facts with {@code cause} in place of theirs. */
    OutcomeDetails withCause(Optional<Cause> cause) {
        return new OutcomeDetails(detail, change, retryAfterSeconds, transientFailure, problem, model, cause);
    }

    /** These facts with {@code detail} in place of theirs. */
    OutcomeDetails withDetail(Optional<String> detail) {
        return new OutcomeDetails(detail, change, retryAfterSeconds, transientFailure, problem, model, cause);
    }

    /** How long to wait before trying again, when the upstream said. */
    public Optional<Duration> retryAfter() {
        return retryAfterSeconds.isPresent()
                ? Optional.of(Duration.ofSeconds(retryAfterSeconds.getAsLong()))
                : Optional.empty();
    }

    // --- Stored form: "v=2&key=value&…", values URL-encoded; unknown keys are ignored. Version 1
    // had no cause: the bot's own English sentence of why stood in the detail (see LegacyDetail).

    /** The stored form of these facts. */
    public String encode() {
        StringJoiner joined = new StringJoiner("&");
        joined.add("v=2");
        change.ifPresent(value -> joined.add("change=" + value.name()));
        retryAfterSeconds.ifPresent(value -> joined.add("retry=" + value));
        if (transientFailure) {
            joined.add("transient=1");
        }
        problem.ifPresent(value -> joined.add("problem=" + value.name()));
        model.ifPresent(value -> joined.add("model=" + encode(value)));
        cause.ifPresent(value -> {
            joined.add("cause=" + value.kind().name());
            value.number().ifPresent(number -> joined.add("causeNumber=" + number));
            value.name().ifPresent(name -> joined.add("causeName=" + encode(name)));
        });
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
        OutcomeDetails details = new OutcomeDetails(
                Optional.ofNullable(values.get("detail")),
                constant(Outcome.Rejected.Change.class, values.get("change")),
                number(values.get("retry")),
                "1".equals(values.get("transient")),
                constant(Problem.class, values.get("problem")),
                Optional.ofNullable(values.get("model")),
                constant(Cause.Kind.class, values.get("cause"))
                        .map(kind -> new Cause(
                                kind,
                                number(values.get("causeNumber")),
                                Optional.ofNullable(values.get("causeName")))));
        return "1".equals(values.get("v")) ? LegacyDetail.read(details) : details;
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

    private static OptionalLong number(String value) {
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

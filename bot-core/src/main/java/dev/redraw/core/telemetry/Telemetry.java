package dev.redraw.core.telemetry;

import dev.redraw.core.generation.Outcome;
import java.time.Duration;
import java.util.Locale;

/**
 * What the core tells an operator's metrics about the work it does, as plain facts: the
 * application counts them (Prometheus through Micrometer), tests record them, and by default
 * nothing listens. Each call is quick and never throws into the work it describes.
 */
public interface Telemetry {

    /** Listens to nothing. */
    Telemetry NONE = new Telemetry() {};

    /**
     * {@code telemetry} made safe to call from any work it describes: whatever it throws is
     * dropped (and logged at debug), so a metric never fails a job, a paid call or a post.
     */
    static Telemetry safe(Telemetry telemetry) {
        return new SafeTelemetry(telemetry);
    }

    /**
     * One call to an upstream provider for {@code model} ended after {@code took}, with
     * {@code result}: {@code ok} for an answer (images, text, a refusal or rejection of the
     * request), or the class of failure (see {@link #resultOf}).
     */
    default void upstreamCall(String provider, String model, Duration took, String result) {}

    /**
     * A job ended with {@code outcome} ({@code images}, {@code text_only}, {@code failed},
     * {@code cancelled}, …, the job's outcome kind in lower case) after running for {@code took}
     * (zero for one that never started).
     */
    default void jobFinished(String provider, String model, String outcome, Duration took) {}

    /** A result with {@code images} images (none for a text answer or a report) was posted on {@code platform}. */
    default void delivered(String platform, int images) {}

    /** {@code platform} answered a call with 429 (too many requests). */
    default void platformThrottled(String platform) {}

    /** A request on {@code platform} was refused for its user's quota. */
    default void quotaRefused(String platform) {}

    /**
     * How an upstream call ended, as a metric label: {@code ok} when the provider answered the
     * request (whatever it said of it), else the class of failure in lower case:
     * {@code unauthorized}, {@code quota_exhausted}, {@code rate_limited}, {@code model_gone}, or
     * the failure's cause ({@code timeout}, {@code unreachable}, {@code http_status}, …).
     */
    static String resultOf(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Images ignored -> "ok";
            case Outcome.TextOnly ignored -> "ok";
            case Outcome.Refused ignored -> "ok";
            case Outcome.Rejected ignored -> "ok";
            case Outcome.Unauthorized ignored -> "unauthorized";
            case Outcome.QuotaExhausted ignored -> "quota_exhausted";
            case Outcome.RateLimited ignored -> "rate_limited";
            case Outcome.ModelGone ignored -> "model_gone";
            case Outcome.Failed failed ->
                failed.cause()
                        .map(cause -> cause.kind().name().toLowerCase(Locale.ROOT))
                        .orElse("failed");
        };
    }
}

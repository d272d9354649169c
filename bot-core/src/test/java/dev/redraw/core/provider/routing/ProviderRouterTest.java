package dev.redraw.core.provider.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.GeneratedImage;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.generation.ProviderRoute;
import dev.redraw.core.history.History;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.telemetry.Telemetry;
import dev.redraw.core.testing.MutableClock;
import dev.redraw.core.testing.Providers;
import dev.redraw.core.testing.QueuedProvider;
import dev.redraw.core.testing.RecordingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProviderRouterTest {

    private static final String MODEL = "gemini-2.5-flash-image";
    private static final Outcome IMAGE =
            new Outcome.Images(List.of(new GeneratedImage(new byte[] {1}, Optional.empty())), Optional.empty());
    private static final Outcome BUSY = new Outcome.Failed(true, "HTTP 503");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final Providers.RecordingSleeper sleeper = new Providers.RecordingSleeper();
    private final QueuedProvider first = new QueuedProvider("first");
    private final QueuedProvider second = new QueuedProvider("second");
    private final RetryPolicy policy = new RetryPolicy(
            3,
            new RetryPolicy.BackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)),
            Duration.ofMinutes(5),
            new RetryPolicy.Breaker(4, Duration.ofSeconds(60)));

    private ProviderRouter router(RetryPolicy retries) {
        return new ProviderRouter(
                List.of(new ProviderRoute(first, List.of(MODEL)), new ProviderRoute(second, List.of(MODEL))),
                retries,
                sleeper,
                clock,
                new SplittableRandom(7));
    }

    private static GenerationRequest request() {
        var history = new History(List.of(new History.Entry(Role.USER, List.of(new Part.Text("a fox")))), 0);
        return new GenerationRequest(
                ModelCatalog.builtIn().capabilitiesOf(MODEL), "1:1", Optional.empty(), history, ref -> new byte[0]);
    }

    @Test
    void everyUpstreamCallIsToldToTelemetryWithHowItEndedAndTheCircuitsCanBeRead() {
        first.answer(BUSY, new Outcome.RateLimited(Optional.empty(), "slow down"), new Outcome.Unauthorized("bad key"));
        second.answer(new Outcome.Failed(true, Cause.of(Cause.Kind.TIMEOUT, 30)), IMAGE);
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        Telemetry telemetry = new Telemetry() {
            @Override
            public void upstreamCall(String provider, String model, Duration took, String result) {
                assertThat(took.isNegative()).isFalse();
                calls.add(provider + " " + model + " " + result);
            }
        };
        var router = new ProviderRouter(
                List.of(new ProviderRoute(first, List.of(MODEL)), new ProviderRoute(second, List.of(MODEL))),
                policy,
                sleeper,
                clock,
                new SplittableRandom(7),
                telemetry);

        assertThat(router.generate(request(), JobContext.NONE)).isEqualTo(IMAGE);

        assertThat(calls)
                .containsExactly(
                        "first " + MODEL + " failed",
                        "first " + MODEL + " rate_limited",
                        "first " + MODEL + " unauthorized",
                        "second " + MODEL + " timeout",
                        "second " + MODEL + " ok");
        assertThat(router.circuitStates()).containsExactly(Map.entry("first", "closed"), Map.entry("second", "closed"));
    }

    @Test
    void aRateLimitIsRetriedAfterTheWaitTheProviderAskedFor() {
        first.answer(new Outcome.RateLimited(Optional.of(Duration.ofSeconds(7)), "slow down"), IMAGE);

        Outcome outcome = router(policy).generate(request(), JobContext.NONE);

        assertThat(outcome).isEqualTo(IMAGE);
        assertThat(first.requests).hasSize(2);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
        assertThat(second.requests).isEmpty();
    }

    @Test
    void transientFailuresBackOffExponentiallyWithJitter() {
        first.answer(BUSY, BUSY, IMAGE);

        assertThat(router(policy).generate(request(), JobContext.NONE)).isEqualTo(IMAGE);

        assertThat(sleeper.waits).hasSize(2);
        assertThat(sleeper.waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(sleeper.waits.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void afterTheAttemptLimitTheNextProviderServes() {
        first.answer(BUSY, BUSY, BUSY);
        second.answer(IMAGE);
        var context = new RecordingContext();

        assertThat(router(policy).generate(request(), context)).isEqualTo(IMAGE);
        assertThat(first.requests).hasSize(3);
        assertThat(second.requests).hasSize(1);
        assertThat(context.providers).containsExactly("first", "first", "first", "second");
    }

    @Test
    void anUnauthorisedOrExhaustedProviderIsLeftAtOnce() {
        first.answer(new Outcome.Unauthorized("bad key"));
        second.answer(new Outcome.QuotaExhausted("no balance"));

        Outcome outcome = router(policy).generate(request(), JobContext.NONE);

        assertThat(outcome).isEqualTo(new Outcome.QuotaExhausted("no balance"));
        assertThat(first.requests).hasSize(1);
        assertThat(second.requests).hasSize(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void refusalsAndBadRequestsAreNotRetried() {
        first.answer(
                new Outcome.Rejected(Outcome.Rejected.Change.SIZE_OR_RATIO, "Unsupported aspect ratio"),
                new Outcome.Refused("IMAGE_SAFETY"));
        ProviderRouter router = router(policy);

        assertThat(router.generate(request(), JobContext.NONE)).isInstanceOf(Outcome.Rejected.class);
        assertThat(router.generate(request(), JobContext.NONE)).isInstanceOf(Outcome.Refused.class);
        assertThat(second.requests).isEmpty();
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void aProviderThatKeepsFailingIsSkippedUntilItsCoolDownEnds() {
        ProviderRouter router = router(policy);
        first.answer(BUSY, BUSY, BUSY);
        second.answer(IMAGE);
        router.generate(request(), JobContext.NONE);
        first.answer(BUSY);
        second.answer(IMAGE);
        router.generate(request(), JobContext.NONE);
        assertThat(first.requests).hasSize(4);

        second.answer(IMAGE);
        router.generate(request(), JobContext.NONE);
        assertThat(first.requests).as("open: skipped").hasSize(4);

        clock.advance(Duration.ofSeconds(61));
        first.answer(IMAGE);
        assertThat(router.generate(request(), JobContext.NONE)).isEqualTo(IMAGE);
        assertThat(first.requests).as("half open: tried again").hasSize(5);
    }

    @Test
    void aRetryAfterLongerThanTheLongestBackOffIsCappedAtIt() {
        first.answer(new Outcome.RateLimited(Optional.of(Duration.ofMinutes(2)), "slow down"), IMAGE);

        assertThat(router(policy).generate(request(), JobContext.NONE)).isEqualTo(IMAGE);

        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void rateLimitsNeverOpenTheBreaker() {
        var touchy = new RetryPolicy(
                2,
                new RetryPolicy.BackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)),
                Duration.ofMinutes(5),
                new RetryPolicy.Breaker(1, Duration.ofSeconds(60)));
        ProviderRouter router = router(touchy);
        var limited = new Outcome.RateLimited(Optional.of(Duration.ofSeconds(1)), "slow down");
        first.answer(limited, limited);
        second.answer(IMAGE);
        assertThat(router.generate(request(), JobContext.NONE)).isEqualTo(IMAGE);

        first.answer(IMAGE);
        assertThat(router.generate(request(), JobContext.NONE)).isEqualTo(IMAGE);
        assertThat(first.requests).hasSize(3);
        assertThat(second.requests).hasSize(1);
    }

    @Test
    void aTrialThatThrowsGivesItsSlotBack() {
        var flaky = new QueuedProvider("flaky") {
            @Override
            public Outcome generate(GenerationRequest request, JobContext ctx) {
                Outcome outcome = super.generate(request, ctx);
                if (outcome.equals(new Outcome.Failed(false, "explode"))) {
                    throw new IllegalStateException("a bug in the dialect");
                }
                return outcome;
            }
        };
        var router = new ProviderRouter(
                List.of(new ProviderRoute(flaky, List.of(MODEL))),
                new RetryPolicy(
                        1,
                        new RetryPolicy.BackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)),
                        Duration.ofMinutes(5),
                        new RetryPolicy.Breaker(1, Duration.ofSeconds(60))),
                sleeper,
                clock,
                new SplittableRandom(1));
        flaky.answer(BUSY);
        router.generate(request(), JobContext.NONE);
        clock.advance(Duration.ofSeconds(61));
        flaky.answer(new Outcome.Failed(false, "explode"));
        assertThatThrownBy(() -> router.generate(request(), JobContext.NONE)).isInstanceOf(IllegalStateException.class);

        flaky.answer(IMAGE);
        assertThat(router.generate(request(), JobContext.NONE)).isEqualTo(IMAGE);
        assertThat(flaky.requests).hasSize(3);
    }

    @Test
    void theDeadlineStopsRetrying() {
        var tight = new RetryPolicy(
                10,
                new RetryPolicy.BackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)),
                Duration.ofSeconds(5),
                new RetryPolicy.Breaker(100, Duration.ofSeconds(60)));
        first.answer(new Outcome.RateLimited(Optional.of(Duration.ofSeconds(20)), "slow down"));

        Outcome outcome = router(tight).generate(request(), JobContext.NONE);

        assertThat(outcome).isInstanceOf(Outcome.RateLimited.class);
        assertThat(sleeper.waits).isEmpty();
        assertThat(second.requests).isEmpty();
    }

    @Test
    void theProviderHoldingATaskIsRecordedSoAResumeGoesBackToIt() {
        var context = new RecordingContext();
        var asyncProvider = new QueuedProvider("tasks") {
            @Override
            public Outcome generate(GenerationRequest request, JobContext ctx) {
                ctx.taskAccepted("abc-1");
                return super.generate(request, ctx);
            }

            @Override
            public Outcome resume(String model, String taskId, JobContext ctx) {
                return new Outcome.TextOnly("resumed " + taskId);
            }
        };
        asyncProvider.answer(IMAGE);
        var router = new ProviderRouter(
                List.of(new ProviderRoute(asyncProvider, List.of(MODEL))),
                policy,
                sleeper,
                clock,
                new SplittableRandom(1));

        router.generate(request(), context);

        assertThat(context.providers).containsExactly("tasks");
        assertThat(context.acceptedTasks).containsExactly("abc-1");
        assertThat(router.resume("tasks", MODEL, "abc-1", context)).isEqualTo(new Outcome.TextOnly("resumed abc-1"));
        assertThat(router.resume("gone", MODEL, "abc-1", context)).isInstanceOf(Outcome.Failed.class);
    }
}

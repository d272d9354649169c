package dev.redraw.core.provider.routing;

import static dev.redraw.core.testing.ContentsGateway.image;
import static dev.redraw.core.testing.ContentsGateway.ok;
import static dev.redraw.core.testing.ContentsGateway.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.generation.ProviderRoute;
import dev.redraw.core.history.History;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.provider.ProviderCall;
import dev.redraw.core.provider.ProviderKit;
import dev.redraw.core.provider.contents.ContentsProvider;
import dev.redraw.core.testing.MutableClock;
import dev.redraw.core.testing.Providers;
import dev.redraw.core.testing.RecordingContext;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries, fail-over and circuit breakers against two real HTTP gateways. */
class FailoverOverHttpTest {

    private static final String MODEL = "gemini-2.5-flash-image";
    private static final byte[] PNG = TestImages.png(4, 4, Color.RED);
    private static final MockResponse BROKEN = status(500, "{\"code\":500,\"msg\":\"internal\"}");

    /** One call per provider and request; two failures in a row open a breaker for a minute. */
    private static final RetryPolicy ONE_CALL_EACH = new RetryPolicy(
            1,
            new RetryPolicy.BackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)),
            Duration.ofMinutes(5),
            new RetryPolicy.Breaker(2, Duration.ofSeconds(60)));

    private final HeldAnswers primaryAnswers = new HeldAnswers();
    private final HeldAnswers backupAnswers = new HeldAnswers();

    @StartStop
    private final MockWebServer primary = server(primaryAnswers);

    @StartStop
    private final MockWebServer backup = server(backupAnswers);

    private final Providers.RecordingSleeper sleeper = new Providers.RecordingSleeper();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final LogLines logs = new LogLines();

    @AfterEach
    void stopListening() {
        primaryAnswers.letGo();
        logs.close();
    }

    private static MockWebServer server(HeldAnswers answers) {
        var server = new MockWebServer();
        server.setDispatcher(answers);
        return server;
    }

    private ProviderRouter router(RetryPolicy policy) {
        return router(policy, Providers.kit(sleeper));
    }

    private ProviderRouter router(RetryPolicy policy, ProviderKit kit) {
        return new ProviderRouter(
                List.of(
                        new ProviderRoute(
                                new ContentsProvider(
                                        Providers.settings("primary", primary.url("/"), "sk-1", Duration.ofSeconds(5)),
                                        kit),
                                List.of(MODEL)),
                        new ProviderRoute(
                                new ContentsProvider(
                                        Providers.settings("backup", backup.url("/"), "sk-2", Duration.ofSeconds(5)),
                                        kit),
                                List.of(MODEL))),
                policy,
                sleeper,
                clock,
                new SplittableRandom(3));
    }

    private Outcome generate() {
        return generate(router(RetryPolicy.DEFAULTS));
    }

    private static Outcome generate(ProviderRouter router) {
        return generate(router, JobContext.NONE);
    }

    private static Outcome generate(ProviderRouter router, JobContext context) {
        var history = new History(List.of(new History.Entry(Role.USER, List.of(new Part.Text("a fox")))), 0);
        return router.generate(
                new GenerationRequest(
                        ModelCatalog.builtIn().capabilitiesOf(MODEL), "1:1", Optional.empty(), history, r -> PNG),
                context);
    }

    private static MockResponse tooManyRequests(String retryAfter) {
        var answer = new MockResponse.Builder().code(429).body("{\"code\":429,\"msg\":\"Too many requests\"}");
        return retryAfter == null
                ? answer.build()
                : answer.setHeader("Retry-After", retryAfter).build();
    }

    /** Two failing requests that the backup serves: the primary's breaker is open afterwards. */
    private void openThePrimary(ProviderRouter router) {
        for (int i = 0; i < 2; i++) {
            primary.enqueue(BROKEN);
            backup.enqueue(image(PNG));
            assertThat(generate(router)).isInstanceOf(Outcome.Images.class);
        }
        assertThat(primary.getRequestCount()).isEqualTo(2);
        assertThat(logs.containing("provider=primary circuit breaker open")).hasSize(1);
    }

    // ---- retries and fail-over ----

    @Test
    void a429IsRetriedAfterItsRetryAfter() {
        primary.enqueue(tooManyRequests("3"));
        primary.enqueue(image(PNG));

        Outcome outcome = generate();

        assertThat(outcome).isInstanceOf(Outcome.Images.class);
        assertThat(primary.getRequestCount()).isEqualTo(2);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(3));
        assertThat(backup.getRequestCount()).isZero();
    }

    @Test
    void aRejectedKeyFailsOverToTheNextGatewayWithItsOwnKey() throws Exception {
        primary.enqueue(new MockResponse.Builder()
                .code(401)
                .body("{\"code\":401,\"msg\":\"invalid key\"}")
                .build());
        backup.enqueue(image(PNG));

        Outcome outcome = generate();

        assertThat(outcome).isInstanceOf(Outcome.Images.class);
        assertThat(primary.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer sk-1");
        assertThat(backup.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer sk-2");
    }

    // ---- rate limits are throttling, not failures ----

    @Test
    void rateLimitsWithRetryAfterAreWaitedOutAndNeverOpenTheBreaker() {
        ProviderRouter router = router(RetryPolicy.DEFAULTS);
        for (int i = 0; i < 3; i++) {
            primary.enqueue(tooManyRequests("1"));
        }
        backup.enqueue(image(PNG));

        assertThat(generate(router)).isInstanceOf(Outcome.Images.class);
        assertThat(primary.getRequestCount()).as("every attempt was made").isEqualTo(3);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));

        primary.enqueue(image(PNG));
        assertThat(generate(router)).isInstanceOf(Outcome.Images.class);
        assertThat(primary.getRequestCount()).as("the primary is not skipped").isEqualTo(4);
        assertThat(backup.getRequestCount()).isEqualTo(1);
        assertThat(logs.containing("circuit breaker")).isEmpty();
    }

    @Test
    void aRateLimitWithoutRetryAfterIsRetriedWithBackOffAndDoesNotOpenTheBreaker() {
        var touchy = new RetryPolicy(
                3,
                new RetryPolicy.BackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)),
                Duration.ofMinutes(5),
                new RetryPolicy.Breaker(1, Duration.ofSeconds(60)));
        primary.enqueue(tooManyRequests(null));
        primary.enqueue(image(PNG));

        assertThat(generate(router(touchy))).isInstanceOf(Outcome.Images.class);

        assertThat(primary.getRequestCount()).isEqualTo(2);
        assertThat(backup.getRequestCount()).isZero();
        assertThat(sleeper.waits)
                .singleElement()
                .satisfies(wait -> assertThat(wait).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1)));
        assertThat(logs.containing("circuit breaker")).isEmpty();
    }

    // ---- half-open breakers ----

    @Test
    void afterItsCoolDownTheBreakerLetsOneTrialThroughAndTheTrialsSuccessClosesIt() throws Exception {
        ProviderRouter router = router(ONE_CALL_EACH);
        openThePrimary(router);
        backup.enqueue(image(PNG));
        assertThat(generate(router)).isInstanceOf(Outcome.Images.class);
        assertThat(primary.getRequestCount()).as("open: skipped").isEqualTo(2);

        clock.advance(Duration.ofSeconds(61));
        primaryAnswers.holdNext(image(PNG));
        var trial = CompletableFuture.supplyAsync(() -> generate(router));
        primaryAnswers.awaitHeld();

        backup.enqueue(image(PNG));
        assertThat(generate(router)).as("served while the trial runs").isInstanceOf(Outcome.Images.class);
        assertThat(primary.getRequestCount())
                .as("only the trial reached the primary")
                .isEqualTo(3);
        assertThat(backup.getRequestCount()).isEqualTo(4);

        primaryAnswers.letGo();
        assertThat(trial.get(10, TimeUnit.SECONDS)).isInstanceOf(Outcome.Images.class);
        primary.enqueue(image(PNG));
        assertThat(generate(router)).isInstanceOf(Outcome.Images.class);
        assertThat(primary.getRequestCount()).as("closed: called again").isEqualTo(4);
        assertThat(backup.getRequestCount()).isEqualTo(4);
        assertThat(logs.containing("provider=primary circuit breaker closed")).hasSize(1);
    }

    @Test
    void aFailedTrialOpensTheBreakerForAnotherCoolDown() {
        ProviderRouter router = router(ONE_CALL_EACH);
        openThePrimary(router);
        clock.advance(Duration.ofSeconds(61));

        primary.enqueue(BROKEN);
        backup.enqueue(image(PNG));
        assertThat(generate(router)).isInstanceOf(Outcome.Images.class);
        assertThat(primary.getRequestCount()).as("the trial").isEqualTo(3);

        clock.advance(Duration.ofSeconds(59));
        backup.enqueue(image(PNG));
        assertThat(generate(router)).isInstanceOf(Outcome.Images.class);
        assertThat(primary.getRequestCount()).as("open again: skipped").isEqualTo(3);
        assertThat(logs.containing("provider=primary circuit breaker open again"))
                .hasSize(1);
    }

    @Test
    void aCancelledTrialGivesItsSlotBackAtOnce() throws Exception {
        ProviderRouter router = router(ONE_CALL_EACH);
        openThePrimary(router);
        clock.advance(Duration.ofSeconds(61));

        var context = new RecordingContext();
        primaryAnswers.holdNext(image(PNG));
        var trial = CompletableFuture.supplyAsync(() -> generate(router, context));
        primaryAnswers.awaitHeld();
        context.cancel();
        assertThat(trial.get(10, TimeUnit.SECONDS)).isEqualTo(ProviderCall.CANCELLED);
        primaryAnswers.letGo();

        primary.enqueue(image(PNG));
        assertThat(generate(router)).isInstanceOf(Outcome.Images.class);
        assertThat(primary.getRequestCount())
                .as("the next request is the new trial")
                .isEqualTo(4);
        assertThat(logs.containing("provider=primary circuit breaker closed")).hasSize(1);
    }

    // ---- what the operator reads ----

    @Test
    void openingAndClosingAreLoggedByProviderNameWithoutKeyOrAddress() {
        ProviderRouter router = router(ONE_CALL_EACH);
        openThePrimary(router);
        clock.advance(Duration.ofSeconds(61));
        primary.enqueue(image(PNG));

        assertThat(generate(router)).isInstanceOf(Outcome.Images.class);

        assertThat(logs.containing("circuit breaker"))
                .hasSize(3)
                .allSatisfy(line -> assertThat(line)
                        .contains("provider=primary")
                        .doesNotContain("sk-1", primary.url("/").host() + ":" + primary.getPort()));
        assertThat(logs.containing("circuit breaker open")).hasSize(1);
        assertThat(logs.containing("circuit breaker half open")).hasSize(1);
        assertThat(logs.containing("circuit breaker closed")).hasSize(1);
    }

    @Test
    void aRequestWhoseProvidersAreAllSkippedSaysSoOnceAndCallsNobody() {
        ProviderRouter router = router(ONE_CALL_EACH);
        for (int i = 0; i < 2; i++) {
            primary.enqueue(BROKEN);
            backup.enqueue(BROKEN);
            assertThat(generate(router)).isInstanceOf(Outcome.Failed.class);
        }
        List<String> before = logs.all();

        Outcome outcome = generate(router);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Failed.class,
                        failed ->
                                assertThat(failed.cause()).contains(Cause.of(Cause.Kind.ALL_PROVIDERS_FAILING, MODEL)));
        assertThat(primary.getRequestCount()).isEqualTo(2);
        assertThat(backup.getRequestCount()).isEqualTo(2);
        assertThat(logs.all().subList(before.size(), logs.all().size()))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("model=" + MODEL, "primary", "backup"));
    }

    // ---- results the bot will not fetch ----

    @Test
    void aResultAtAPrivateAddressEndsTheJobWithoutAnotherPaidCall() {
        primary.enqueue(ok("{\"code\":200,\"msg\":\"ok\",\"data\":{\"data\":[{\"url\":\"" + primary.url("/files/r.png")
                + "\",\"b64_json\":\"\"}]}}"));

        Outcome outcome = generate(router(RetryPolicy.DEFAULTS, Providers.kit(sleeper, false)));

        assertThat(outcome).isEqualTo(new Outcome.Failed(false, Cause.of(Cause.Kind.DOWNLOAD_PRIVATE_ADDRESS)));
        assertThat(primary.getRequestCount())
                .as("one paid call, nothing downloaded")
                .isEqualTo(1);
        assertThat(backup.getRequestCount()).isZero();
        assertThat(sleeper.waits).isEmpty();
    }

    /**
     * Queued answers that fail fast once the queue is empty, and can hold one answer back until
     * the test lets it go.
     */
    private static final class HeldAnswers extends QueueDispatcher {
        private final AtomicReference<MockResponse> held = new AtomicReference<>();
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        HeldAnswers() {
            setFailFast(status(404, "{\"code\":404,\"msg\":\"nothing queued\"}"));
        }

        /** The next request is answered with {@code answer}, once {@link #letGo} is called. */
        void holdNext(MockResponse answer) {
            held.set(answer);
        }

        void awaitHeld() throws InterruptedException {
            assertThat(arrived.await(10, TimeUnit.SECONDS))
                    .as("the held request arrived")
                    .isTrue();
        }

        void letGo() {
            released.countDown();
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            MockResponse answer = held.getAndSet(null);
            if (answer == null) {
                return super.dispatch(request);
            }
            arrived.countDown();
            released.await(10, TimeUnit.SECONDS);
            return answer;
        }
    }
}

package dev.redraw.core.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.generation.JobContext;
import dev.redraw.core.limits.Bulkheads;
import dev.redraw.core.testing.Providers;
import dev.redraw.core.testing.RecordingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class ProviderCallTest {

    private final Bulkheads bulkheads = new Bulkheads(1, 3);

    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void answersArrivingTogetherAreHandledAFewAtATimeAndEveryOneIsHandled() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().body("{\"ok\":true}").build();
            }
        });
        var call = new ProviderCall(
                Providers.settings("gateway", server.url("/"), "sk-test", Duration.ofSeconds(30)),
                new OkHttpClient(),
                bulkheads);
        var handling = new AtomicInteger();
        var mostAtOnce = new AtomicInteger();
        int permits = bulkheads.readingPermits();
        int calls = 3 * permits;
        // Each handler holds its reading permit until as many handlers as there are permits have
        // arrived in its round, so the permits are all in use at once and one more would show.
        var arrivals = new AtomicInteger();
        List<CountDownLatch> rounds =
                IntStream.range(0, 3).mapToObj(i -> new CountDownLatch(permits)).toList();

        List<Future<String>> answers = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < calls; i++) {
                answers.add(executor.submit(() ->
                        call.execute(call.request("v1/x").build(), "m", JobContext.NONE, result -> {
                            mostAtOnce.accumulateAndGet(handling.incrementAndGet(), Math::max);
                            CountDownLatch round = rounds.get(arrivals.getAndIncrement() / permits);
                            round.countDown();
                            try {
                                if (!round.await(10, TimeUnit.SECONDS)) {
                                    throw new AssertionError("fewer than " + permits + " answers handled at once");
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } finally {
                                handling.decrementAndGet();
                            }
                            return result instanceof ProviderCall.Result.Answer answer ? answer.body() : "none";
                        })));
            }
        }

        for (Future<String> answer : answers) {
            assertThat(answer.resultNow()).isEqualTo("{\"ok\":true}");
        }
        assertThat(mostAtOnce.get()).isEqualTo(permits);
    }

    @Test
    void anUnreachableServiceIsHandledAsAnOutcomeAndReleasesNothingItDidNotTake() throws Exception {
        var url = server.url("/");
        server.close();
        var call = new ProviderCall(
                Providers.settings("gateway", url, "sk-test", Duration.ofSeconds(5)), new OkHttpClient(), bulkheads);

        for (int i = 0; i < bulkheads.readingPermits() + 2; i++) {
            String outcome =
                    call.execute(call.request("v1/x").build(), "m", JobContext.NONE, result -> switch (result) {
                        case ProviderCall.Result.NoAnswer none -> none.outcome().toString();
                        case ProviderCall.Result.Answer answer -> "answer";
                    });
            assertThat(outcome).contains("UNREACHABLE");
        }
    }

    @Test
    void aFinishedCallLetsGoOfItsCancellationWhetherItWasAnsweredOrNot() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(500).body("{}").build();
            }
        });
        var call = new ProviderCall(
                Providers.settings("gateway", server.url("/"), "sk-test", Duration.ofSeconds(30)),
                new OkHttpClient(),
                bulkheads);
        var context = new RecordingContext();

        call.execute(call.request("v1/x").build(), "m", context, result -> result);
        call.executeLines(
                call.request("v1/x").build(), "m", context, (line, headers) -> java.util.Optional.of(line), r -> r);
        server.close();
        call.execute(call.request("v1/x").build(), "m", context, result -> result);

        assertThat(context.openRegistrations()).isZero();
    }

    @Test
    void anAnswerIsReadWholeWithItsLengthOrWithoutAndOneDeclaredOverTheLimitIsNotReadAtAll() {
        String large = "{\"data\":\"" + "x".repeat(300_000) + "\"}";
        server.enqueue(new MockResponse.Builder().body(large).build());
        server.enqueue(new MockResponse.Builder().chunkedBody(large, 7_000).build());
        server.enqueue(new MockResponse.Builder()
                .body("{}")
                .setHeader("Content-Length", Long.toString(ProviderCall.MAX_ANSWER_BYTES + 1))
                .build());
        var call = new ProviderCall(
                Providers.settings("gateway", server.url("/"), "sk-test", Duration.ofSeconds(30)),
                new OkHttpClient(),
                bulkheads);

        List<String> outcomes = IntStream.range(0, 3)
                .mapToObj(i ->
                        call.execute(call.request("v1/x").build(), "m", JobContext.NONE, result -> switch (result) {
                            case ProviderCall.Result.Answer answer -> answer.body();
                            case ProviderCall.Result.NoAnswer none ->
                                none.outcome().toString();
                        }))
                .toList();

        assertThat(outcomes.get(0)).as("declared length").isEqualTo(large);
        assertThat(outcomes.get(1)).as("chunked").isEqualTo(large);
        assertThat(outcomes.get(2)).contains("ANSWER_TOO_LARGE");
    }
}

package dev.redraw.core.provider.routing;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.generation.ProviderRoute;
import dev.redraw.core.history.History;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.provider.contents.ContentsProvider;
import dev.redraw.core.testing.MutableClock;
import dev.redraw.core.testing.Providers;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Retries and fail-over against two real HTTP gateways. */
class FailoverOverHttpTest {

    @StartStop
    private final MockWebServer primary = new MockWebServer();

    @StartStop
    private final MockWebServer backup = new MockWebServer();

    private static final String MODEL = "gemini-2.5-flash-image";
    private static final byte[] PNG = TestImages.png(4, 4, Color.RED);

    private final Providers.RecordingSleeper sleeper = new Providers.RecordingSleeper();

    private Outcome generate() {
        var kit = Providers.kit(sleeper);
        var router = new ProviderRouter(
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
                RetryPolicy.DEFAULTS,
                sleeper,
                new MutableClock(Instant.parse("2026-11-20T10:00:00Z")),
                new SplittableRandom(3));
        var history = new History(List.of(new History.Entry(Role.USER, List.of(new Part.Text("a fox")))), 0);
        return router.generate(
                new GenerationRequest(
                        ModelCatalog.builtIn().capabilitiesOf(MODEL), "1:1", Optional.empty(), history, r -> PNG),
                JobContext.NONE);
    }

    @Test
    void a429IsRetriedAfterItsRetryAfter() {
        primary.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "3")
                .body("{\"code\":429,\"msg\":\"Too many requests\"}")
                .build());
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
}

package dev.redraw.core.provider.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.history.History;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.provider.ProviderSettings;
import dev.redraw.core.testing.Providers;
import dev.redraw.core.testing.RecordingContext;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** Seed 004's {@code replyType: stream}: task states as they come, progress reported, the final image taken. */
class TaskStreamTest {

    private static final byte[] RESULT = TestImages.png(6, 4, Color.RED);

    @StartStop
    final MockWebServer gateway = new MockWebServer();

    private final Providers.RecordingSleeper sleeper = new Providers.RecordingSleeper();
    private final RecordingContext context = new RecordingContext();
    private final ObjectMapper json = new ObjectMapper();

    private TaskProvider provider() {
        var plain = Providers.settings("gateway", gateway.url("/"), "sk-test", Duration.ofSeconds(5));
        return new TaskProvider(
                new ProviderSettings(
                        plain.name(),
                        plain.baseUrl(),
                        plain.apiKey(),
                        plain.timeout(),
                        false,
                        plain.auth(),
                        plain.polling(),
                        true),
                Providers.kit(sleeper));
    }

    private Outcome generate() {
        return provider()
                .generate(
                        new GenerationRequest(
                                ModelCatalog.builtIn().capabilitiesOf("nano-banana-2"),
                                "16:9",
                                Optional.of("2K"),
                                new History(
                                        List.of(new History.Entry(Role.USER, List.of(new Part.Text("a red fox")))), 0),
                                image -> {
                                    throw new AssertionError("no image to load");
                                }),
                        context);
    }

    private static MockResponse stream(String body) {
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/event-stream")
                .body(body)
                .build();
    }

    private static String state(String status, String progress) {
        return "{\"id\":\"14-5f3c\",\"status\":\"" + status + "\",\"progress\":" + progress + "}";
    }

    private String succeeded() {
        return "{\"id\":\"14-5f3c\",\"status\":\"succeeded\",\"progress\":100,\"results\":[{\"url\":\""
                + gateway.url("/files/result.png") + "\"}]}";
    }

    private void serveResult() {
        gateway.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "image/png")
                .body(new Buffer().write(RESULT))
                .build());
    }

    private JsonNode body(RecordedRequest request) throws Exception {
        return json.readTree(request.getBody().utf8());
    }

    private static List<byte[]> imagesOf(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Images.class);
        return ((Outcome.Images) outcome)
                .images().stream().map(image -> image.bytes()).toList();
    }

    @Test
    void serverSentEventsReportProgressAndTheLastOneGivesTheImage() throws Exception {
        gateway.enqueue(stream(": keep-alive\n\n"
                + "event: progress\ndata: " + state("running", "10") + "\n\n"
                + "data: " + state("running", "\"55%\"") + "\n\n"
                + "data: " + succeeded() + "\n\n"
                + "data: [DONE]\n\n"));
        serveResult();

        Outcome outcome = generate();

        assertThat(imagesOf(outcome)).containsExactly(RESULT);
        assertThat(context.progress).containsExactly(10, 55);
        assertThat(context.acceptedTasks).containsExactly("14-5f3c");
        RecordedRequest request = gateway.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/v1/api/generate");
        assertThat(body(request).path("replyType").asText()).isEqualTo("stream");
        assertThat(body(request).path("imageSize").asText()).isEqualTo("2K");
        assertThat(gateway.takeRequest().getTarget()).isEqualTo("/files/result.png");
    }

    @Test
    void bareJsonLinesAreReadTheSameWay() {
        gateway.enqueue(stream(state("running", "30") + "\n" + succeeded() + "\n"));
        serveResult();

        Outcome outcome = generate();

        assertThat(imagesOf(outcome)).containsExactly(RESULT);
        assertThat(context.progress).containsExactly(30);
    }

    @Test
    void progressOutOfRangeIsClampedAndNonNumbersAreIgnored() {
        gateway.enqueue(stream("data: " + state("running", "-40") + "\n\n"
                + "data: " + state("running", "\"lots\"") + "\n\n"
                + "data: " + state("running", "99999999999999999999") + "\n\n"
                + "data: " + succeeded() + "\n\n"));
        serveResult();

        generate();

        assertThat(context.progress).containsExactly(0, 100);
    }

    @Test
    void aStreamThatBreaksOffAfterNamingItsTaskIsFollowedUpByPolling() throws Exception {
        gateway.enqueue(stream("data: " + state("running", "20") + "\n\n"));
        gateway.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body(succeeded())
                .build());
        serveResult();

        Outcome outcome = generate();

        assertThat(imagesOf(outcome)).containsExactly(RESULT);
        assertThat(gateway.takeRequest().getTarget()).isEqualTo("/v1/api/generate");
        assertThat(gateway.takeRequest().getTarget()).isEqualTo("/v1/api/result?id=14-5f3c");
        assertThat(gateway.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aViolationInTheStreamIsARefusal() {
        gateway.enqueue(stream("data: " + state("running", "5") + "\n\n"
                + "data: {\"id\":\"14-5f3c\",\"status\":\"violation\",\"error\":\"content policy\"}\n\n"));

        assertThat(generate()).isInstanceOf(Outcome.Refused.class);
    }

    @Test
    void aStreamThatEndsWithoutAnyStateIsAFailureThatNamesNoTask() {
        gateway.enqueue(stream(": nothing to say\n\n"));

        Outcome outcome = generate();

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) outcome).cause()).contains(Cause.of(Cause.Kind.NO_TASK));
        assertThat(context.acceptedTasks).isEmpty();
    }

    @Test
    void anErrorStatusIsClassifiedAsAnyOtherAnswer() {
        gateway.enqueue(new MockResponse.Builder()
                .code(401)
                .setHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"invalid key\"}}")
                .build());

        Outcome outcome = generate();

        assertThat(outcome).isNotInstanceOf(Outcome.Images.class).isNotInstanceOf(Outcome.Failed.class);
        assertThat(context.progress).isEmpty();
    }

    @Test
    void aLineLongerThanAnyEventIsRefusedUnread() {
        gateway.enqueue(stream("data: {\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}\n\n"));

        Outcome outcome = generate();

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) outcome).cause()).contains(Cause.of(Cause.Kind.ANSWER_TOO_LARGE));
    }
}

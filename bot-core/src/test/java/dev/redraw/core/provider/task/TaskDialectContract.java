package dev.redraw.core.provider.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.generation.ImageProvider;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.history.History;
import dev.redraw.core.model.ModelCapabilities;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.provider.ProviderKit;
import dev.redraw.core.provider.ProviderSettings;
import dev.redraw.core.testing.Providers;
import dev.redraw.core.testing.RecordingContext;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every dialect that flattens the history and may answer with a task must do, run once per
 * dialect: URL results, task reporting and polling, resuming, giving up, and the HTTP failure
 * classes. Subclasses say how their gateway words each answer and add their own request tests.
 */
public abstract class TaskDialectContract {

    protected static final String KEY = "sk-test-secret-0123456789";
    /** Waits of 1 s growing by half up to 4 s, giving up after 30 s: never reached without real sleeping. */
    protected static final ProviderSettings.Polling POLLING =
            new ProviderSettings.Polling(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(30));

    protected static final ModelCapabilities NANO_BANANA =
            ModelCatalog.builtIn().capabilitiesOf("nano-banana");
    protected static final byte[] RESULT = TestImages.png(6, 4, Color.RED);

    @StartStop
    protected final MockWebServer server = new MockWebServer();

    protected final Providers.RecordingSleeper sleeper = new Providers.RecordingSleeper();
    protected final RecordingContext context = new RecordingContext();
    protected final ObjectMapper json = new ObjectMapper();
    private final Map<String, byte[]> stored = new HashMap<>();

    // ---- what the dialect says ----

    /**
     * How one dialect's gateway is called and how it words its answers.
     *
     * @param create makes the provider under test
     * @param submitTarget the request target of a text-only request, waiting for the result
     * @param asyncSubmitTarget the same in async mode
     * @param pollTarget the request target that looks at a task
     * @param textToImageBody the JSON body of a waiting text-only request for "a red fox" at 16:9
     * @param imagesAnswer a finished answer to a request, with one image at the given URL
     * @param acceptedAnswer the answer to an asynchronous request that started the given task
     * @param runningAnswer a task still running, with its progress
     * @param succeededAnswer a task that ended with one image at the given URL
     * @param errorAnswer an error answer carrying the given message as the gateway's own words
     */
    public record Dialect(
            BiFunction<ProviderSettings, ProviderKit, ImageProvider> create,
            String submitTarget,
            String asyncSubmitTarget,
            UnaryOperator<String> pollTarget,
            String textToImageBody,
            UnaryOperator<String> imagesAnswer,
            UnaryOperator<String> acceptedAnswer,
            BiFunction<String, Integer, String> runningAnswer,
            BinaryOperator<String> succeededAnswer,
            UnaryOperator<String> errorAnswer) {}

    private final Dialect dialect;

    protected TaskDialectContract(Dialect dialect) {
        this.dialect = dialect;
    }

    protected final String pollTarget(String taskId) {
        return dialect.pollTarget().apply(taskId);
    }

    protected final String acceptedAnswer(String taskId) {
        return dialect.acceptedAnswer().apply(taskId);
    }

    protected final String runningAnswer(String taskId, int progress) {
        return dialect.runningAnswer().apply(taskId, progress);
    }

    protected final String succeededAnswer(String taskId, String url) {
        return dialect.succeededAnswer().apply(taskId, url);
    }

    protected final String errorAnswer(String message) {
        return dialect.errorAnswer().apply(message);
    }

    // ---- helpers ----

    protected ImageProvider provider(boolean async, ProviderSettings.Polling polling) {
        return providerAt(server.url("/"), async, polling);
    }

    protected ImageProvider providerAt(HttpUrl baseUrl, boolean async, ProviderSettings.Polling polling) {
        var plain = Providers.settings("gateway", baseUrl, KEY, Duration.ofSeconds(5));
        return dialect.create()
                .apply(
                        new ProviderSettings(
                                plain.name(),
                                plain.baseUrl(),
                                plain.apiKey(),
                                plain.timeout(),
                                async,
                                plain.auth(),
                                polling),
                        Providers.kit(sleeper));
    }

    protected Outcome generate(GenerationRequest request) {
        return provider(false, POLLING).generate(request, context);
    }

    protected Outcome generateAsync(GenerationRequest request) {
        return provider(true, POLLING).generate(request, context);
    }

    protected Outcome resume(String taskId) {
        return provider(true, POLLING).resume("nano-banana", taskId, context);
    }

    protected GenerationRequest textRequest(String shape) {
        return request(NANO_BANANA, shape, Optional.empty(), user("a red fox"));
    }

    /** The outcome of a text request the gateway answers with {@code response}. */
    protected Outcome answerTo(MockResponse response) {
        server.enqueue(response);
        return generate(textRequest("1:1"));
    }

    /** A request for {@code model} whose history is {@code turns}, oldest first. */
    protected GenerationRequest request(
            ModelCapabilities model, String shape, Optional<String> imageSize, History.Entry... turns) {
        return new GenerationRequest(
                model, shape, imageSize, new History(Arrays.asList(turns), 0), image -> stored.get(image.sha256()));
    }

    protected static History.Entry user(String text, ImageRef... images) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part.Text(text));
        Stream.of(images).map(Part.Image::new).forEach(parts::add);
        return new History.Entry(Role.USER, parts);
    }

    protected static History.Entry model(ImageRef... images) {
        return new History.Entry(
                Role.MODEL, Stream.of(images).<Part>map(Part.Image::new).toList());
    }

    /** A stored PNG of its own colour and size, so every image has different bytes. */
    protected ImageRef png(Color colour, int side) {
        return store(TestImages.png(side, side, colour), "image/png", side);
    }

    protected ImageRef jpeg(Color colour, int side) {
        return store(TestImages.jpeg(side, side, colour), "image/jpeg", side);
    }

    /** Five different images, PNG and JPEG in turn. */
    protected ImageRef[] fiveImages() {
        return new ImageRef[] {
            png(Color.RED, 8), jpeg(Color.GREEN, 9), png(Color.BLUE, 10), jpeg(Color.YELLOW, 11), png(Color.MAGENTA, 12)
        };
    }

    /** A three-turn history: an upload with an instruction, the model's image, then a new instruction. */
    protected record Continuation(ImageRef upload, ImageRef generated, GenerationRequest request) {}

    protected Continuation continuation() {
        ImageRef upload = jpeg(Color.BLUE, 8);
        ImageRef generated = png(Color.GREEN, 8);
        return new Continuation(
                upload,
                generated,
                request(
                        NANO_BANANA,
                        "16:9",
                        Optional.empty(),
                        user("aerial view of this tower", upload),
                        model(generated),
                        user("make it a snowy night")));
    }

    private ImageRef store(byte[] bytes, String mimeType, int side) {
        String sha = TestImages.sha256(bytes);
        stored.put(sha, bytes);
        return new ImageRef(sha, mimeType, side, side, bytes.length);
    }

    protected byte[] bytes(ImageRef image) {
        return stored.get(image.sha256());
    }

    protected String dataUri(ImageRef image) {
        return "data:" + image.mimeType() + ";base64," + Base64.getEncoder().encodeToString(bytes(image));
    }

    protected static MockResponse ok(String body) {
        return answer(200, body);
    }

    protected static MockResponse answer(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    /** An image file served as a result URL would serve it. */
    protected static MockResponse file(byte[] bytes) {
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "image/png")
                .body(new Buffer().write(bytes))
                .build();
    }

    protected String url(String path) {
        return server.url(path).toString();
    }

    protected JsonNode tree(String text) throws Exception {
        return json.readTree(text);
    }

    protected JsonNode body(RecordedRequest request) throws Exception {
        return json.readTree(request.getBody().utf8());
    }

    /** The bytes of every image of {@code outcome}, which must be images. */
    protected static List<byte[]> imagesOf(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Images.class);
        return ((Outcome.Images) outcome)
                .images().stream().map(image -> image.bytes()).toList();
    }

    /** Checks that {@code request} asked the gateway for {@code target} with the key. */
    protected static void assertCall(RecordedRequest request, String method, String target) {
        assertThat(request.getMethod()).isEqualTo(method);
        assertThat(request.getTarget()).isEqualTo(target);
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    }

    // ---- results ----

    @Test
    public void textToImageIsOneJsonPostAndItsUrlResultIsDownloadedWithoutTheKey() throws Exception {
        server.enqueue(ok(dialect.imagesAnswer().apply(url("/files/result.png"))));
        server.enqueue(file(RESULT));

        Outcome outcome = generate(textRequest("16:9"));

        assertThat(imagesOf(outcome)).containsExactly(RESULT);
        RecordedRequest request = server.takeRequest();
        assertCall(request, "POST", dialect.submitTarget());
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(body(request)).isEqualTo(tree(dialect.textToImageBody()));
        RecordedRequest download = server.takeRequest();
        assertThat(download.getTarget()).isEqualTo("/files/result.png");
        assertThat(download.getHeaders().get("Authorization")).isNull();
        assertThat(context.acceptedTasks).isEmpty();
    }

    @Test
    public void resultThatCannotBeDownloadedIsATransientFailure() {
        server.enqueue(ok(dialect.imagesAnswer().apply(url("/files/missing.png"))));
        server.enqueue(new MockResponse.Builder().code(404).build());

        assertThat(generate(textRequest("1:1")))
                .isEqualTo(new Outcome.Failed(true, Cause.of(Cause.Kind.DOWNLOAD_HTTP_STATUS, 404)));
    }

    @Test
    public void resultAtAPrivateAddressIsRefusedForGoodWithoutDownloadingIt() {
        server.enqueue(ok(dialect.imagesAnswer().apply(url("/files/result.png"))));
        var provider = dialect.create()
                .apply(
                        Providers.settings("gateway", server.url("/"), KEY, Duration.ofSeconds(5)),
                        Providers.kit(sleeper, false));

        assertThat(provider.generate(textRequest("1:1"), context))
                .isEqualTo(new Outcome.Failed(false, Cause.of(Cause.Kind.DOWNLOAD_PRIVATE_ADDRESS)));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    public void baseUrlThatAlreadyEndsWithV1IsNotGivenASecondOne() throws Exception {
        server.enqueue(ok(dialect.imagesAnswer().apply(url("/files/result.png"))));
        server.enqueue(file(RESULT));

        providerAt(server.url("/v1/"), false, POLLING).generate(textRequest("1:1"), context);

        assertThat(server.takeRequest().getTarget()).isEqualTo(dialect.submitTarget());
    }

    // ---- tasks ----

    @Test
    public void asyncTaskIsReportedAtOnceAndPolledWithGrowingWaitsAndProgressUntilItSucceeds() throws Exception {
        server.enqueue(ok(acceptedAnswer("task-42")));
        for (int progress : new int[] {10, 40, 80}) {
            server.enqueue(ok(runningAnswer("task-42", progress)));
        }
        server.enqueue(ok(succeededAnswer("task-42", url("/files/done.png"))));
        server.enqueue(file(RESULT));

        Outcome outcome = generateAsync(textRequest("16:9"));

        assertThat(imagesOf(outcome)).containsExactly(RESULT);
        assertThat(context.acceptedTasks).containsExactly("task-42");
        assertThat(context.progress).containsExactly(10, 40, 80);
        assertThat(sleeper.waits)
                .containsExactly(
                        Duration.ofMillis(1000),
                        Duration.ofMillis(1500),
                        Duration.ofMillis(2250),
                        Duration.ofMillis(3375));
        assertCall(server.takeRequest(), "POST", dialect.asyncSubmitTarget());
        for (int i = 0; i < 4; i++) {
            assertCall(server.takeRequest(), "GET", pollTarget("task-42"));
        }
        assertThat(server.takeRequest().getTarget()).isEqualTo("/files/done.png");
    }

    @Test
    public void resumePollsTheExistingTaskAtOnceWithoutSubmittingAgain() throws Exception {
        server.enqueue(ok(runningAnswer("task-7", 60)));
        server.enqueue(ok(succeededAnswer("task-7", url("/files/late.png"))));
        server.enqueue(file(RESULT));

        Outcome outcome = resume("task-7");

        assertThat(imagesOf(outcome)).containsExactly(RESULT);
        assertCall(server.takeRequest(), "GET", pollTarget("task-7"));
        assertCall(server.takeRequest(), "GET", pollTarget("task-7"));
        assertThat(context.progress).containsExactly(60);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));
        assertThat(context.acceptedTasks).isEmpty();
    }

    @Test
    public void taskThatNeverFinishesIsGivenUpAfterTheMaximumWait() {
        server.enqueue(ok(acceptedAnswer("task-42")));
        for (int i = 0; i < 10; i++) {
            server.enqueue(ok(runningAnswer("task-42", 50)));
        }
        var shortWait =
                new ProviderSettings.Polling(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(3));

        Outcome outcome = provider(true, shortWait).generate(textRequest("1:1"), context);

        assertThat(outcome).isEqualTo(new Outcome.Failed(false, Cause.of(Cause.Kind.TASK_TIMEOUT, 3)));
        assertThat(context.acceptedTasks).containsExactly("task-42");
        assertThat(sleeper.waits)
                .isNotEmpty()
                .allSatisfy(wait -> assertThat(wait).isLessThan(Duration.ofSeconds(3)));
    }

    @Test
    public void pollThatHitsAServerErrorIsRepeatedInsteadOfLosingTheTask() {
        server.enqueue(ok(acceptedAnswer("task-42")));
        server.enqueue(answer(502, "<html>Bad gateway</html>"));
        server.enqueue(ok(succeededAnswer("task-42", url("/files/done.png"))));
        server.enqueue(file(RESULT));

        Outcome outcome = generateAsync(textRequest("1:1"));

        assertThat(imagesOf(outcome)).containsExactly(RESULT);
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    public void revokedKeyWhilePollingStopsAtOnce() {
        server.enqueue(answer(401, errorAnswer("token expired")));

        assertThat(resume("task-7")).isEqualTo(new Outcome.Unauthorized("token expired"));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    // ---- failure classes ----

    static Stream<Arguments> errorAnswers() {
        return Stream.of(
                arguments(
                        "a bad key is unauthorized",
                        401,
                        "Invalid API key",
                        new Outcome.Unauthorized("Invalid API key")),
                arguments(
                        "an exhausted balance is quota exhausted, not a rate limit",
                        429,
                        "insufficient account balance",
                        new Outcome.QuotaExhausted("insufficient account balance")),
                arguments(
                        "a bad parameter is a rejection saying what to change",
                        400,
                        "unsupported aspect ratio 7:3",
                        new Outcome.Rejected(Outcome.Rejected.Change.SIZE_OR_RATIO, "unsupported aspect ratio 7:3")),
                arguments(
                        "a safety block is a refusal",
                        400,
                        "rejected by the safety system",
                        new Outcome.Refused("rejected by the safety system")),
                arguments(
                        "a server error is a transient failure",
                        500,
                        "upstream error",
                        new Outcome.Failed(true, "upstream error")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorAnswers")
    public void errorAnswerBecomesTheMatchingOutcome(String behaviour, int status, String message, Outcome expected) {
        assertThat(answerTo(answer(status, errorAnswer(message)))).isEqualTo(expected);
    }

    @Test
    public void rateLimitHonoursRetryAfter() {
        MockResponse limited = new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "20")
                .body(errorAnswer("Rate limit reached for requests"))
                .build();

        assertThat(answerTo(limited))
                .isEqualTo(new Outcome.RateLimited(
                        Optional.of(Duration.ofSeconds(20)), "Rate limit reached for requests"));
    }

    @Test
    public void answersThatAreNotJsonAreTransientFailures() {
        assertThat(answerTo(answer(503, "<html>Service Unavailable</html>")))
                .isEqualTo(new Outcome.Failed(true, Cause.of(Cause.Kind.HTTP_STATUS, 503)));
        assertThat(answerTo(ok("<html>gateway page</html>")))
                .isEqualTo(new Outcome.Failed(true, Cause.of(Cause.Kind.NOT_JSON)));
    }
}

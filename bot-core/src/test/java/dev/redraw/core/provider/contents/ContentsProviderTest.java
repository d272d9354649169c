package dev.redraw.core.provider.contents;

import static dev.redraw.core.testing.ContentsGateway.ok;
import static dev.redraw.core.testing.ContentsGateway.success;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.ProviderData;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.history.History;
import dev.redraw.core.model.ModelCapabilities;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.Providers;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class ContentsProviderTest {

    private static final String KEY = "sk-test-secret-0123456789";
    private static final ModelCapabilities NANO_BANANA =
            ModelCatalog.builtIn().capabilitiesOf("gemini-2.5-flash-image");
    private static final byte[] RESULT = TestImages.png(4, 3, Color.RED);

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, byte[]> stored = new HashMap<>();

    private ContentsProvider provider(Duration timeout) {
        return new ContentsProvider(
                Providers.settings("nebula", server.url("/"), KEY, timeout),
                Providers.kit(new Providers.RecordingSleeper()));
    }

    private Outcome generate(History history) {
        return provider(Duration.ofSeconds(5))
                .generate(
                        new GenerationRequest(
                                NANO_BANANA, "16:9", Optional.empty(), history, ref -> stored.get(ref.sha256())),
                        JobContext.NONE);
    }

    @Test
    void textToImageUsesThePromptFormAndReturnsTheDecodedImage() throws Exception {
        server.enqueue(ok(success(Base64.getEncoder().encodeToString(RESULT))));

        Outcome outcome = generate(history(entry(Role.USER, new Part.Text("a red fox"))));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Images.class,
                        images -> assertThat(images.images().getFirst().bytes()).containsExactly(RESULT));
        RecordedRequest request = server.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/v1/images/generations");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(body(request))
                .isEqualTo(
                        json.readTree(
                                "{\"model\":\"gemini-2.5-flash-image\",\"prompt\":\"a red fox\",\"response_format\":\"b64_json\",\"size\":\"16:9\"}"));
    }

    @Test
    void multiTurnSendsTheWholeHistoryWithRolesDataUrisAndSize() throws Exception {
        server.enqueue(ok(success(Base64.getEncoder().encodeToString(RESULT))));
        ImageRef upload = image("upload", TestImages.jpeg(8, 8, Color.BLUE), "image/jpeg");
        ImageRef first = image("first", TestImages.png(8, 8, Color.GREEN), "image/png");

        generate(history(
                entry(Role.USER, new Part.Text("aerial view of this tower"), new Part.Image(upload)),
                entry(Role.MODEL, new Part.Image(first)),
                entry(Role.USER, new Part.Text("make it a snowy night"))));

        JsonNode body = body(server.takeRequest());
        String uploadUri = ContentsGateway.dataUri("image/jpeg", stored.get(upload.sha256()));
        String firstUri = ContentsGateway.dataUri("image/png", stored.get(first.sha256()));
        assertThat(body).isEqualTo(json.readTree("""
                {"model":"gemini-2.5-flash-image",
                 "contents":[
                   {"role":"user","parts":[{"text":"aerial view of this tower"},{"image":"%s"}]},
                   {"role":"model","parts":[{"text":"Generated 1 image."},{"image":"%s"}]},
                   {"role":"user","parts":[{"text":"make it a snowy night"}]}],
                 "response_format":"b64_json","size":"16:9"}
                """.formatted(uploadUri, firstUri)));
    }

    @Test
    void fusionBodyCarriesEveryImageExactlyEvenWhenTheRecordedSizesUnderstateThem() throws Exception {
        server.enqueue(ok(success(Base64.getEncoder().encodeToString(RESULT))));
        var random = new java.util.Random(3);
        List<Part> parts = new java.util.ArrayList<>();
        parts.add(new Part.Text("blend \"these\" — 五 photos\n\\ together"));
        for (int i = 0; i < 5; i++) {
            byte[] data = new byte[40_000 + i];
            random.nextBytes(data);
            ImageRef real = image("fused" + i, data, "image/png");
            // A stale size smaller than the data makes the writer grow its buffer mid-image.
            parts.add(new Part.Image(new ImageRef(real.sha256(), "image/png", 8, 8, 1)));
        }

        generate(history(new History.Entry(Role.USER, parts)));

        JsonNode sent = body(server.takeRequest()).path("contents").get(0).path("parts");
        assertThat(sent.get(0).path("text").asText()).isEqualTo("blend \"these\" — 五 photos\n\\ together");
        for (int i = 1; i <= 5; i++) {
            var ref = (Part.Image) parts.get(i);
            assertThat(sent.get(i).path("image").asText())
                    .isEqualTo(ContentsGateway.dataUri(
                            "image/png", stored.get(ref.image().sha256())));
        }
    }

    @Test
    void extraFieldsOfAResultAreKeptAndSentBackUnchanged() throws Exception {
        String b64 = Base64.getEncoder().encodeToString(RESULT);
        server.enqueue(ok("{\"code\":200,\"msg\":\"ok\",\"data\":{\"data\":[{\"url\":\"\",\"b64_json\":\"" + b64
                + "\",\"revised_prompt\":\"\",\"thoughtSignature\":\"c2lnLzEyMw==\"}]}}"));
        Outcome outcome = generate(history(entry(Role.USER, new Part.Text("a fox"))));
        server.takeRequest();

        var image = ((Outcome.Images) outcome).images().getFirst();
        assertThat(image.providerData())
                .contains(new ProviderData("contents", "{\"thoughtSignature\":\"c2lnLzEyMw==\"}"));

        ImageRef ref = image("answer", image.bytes(), "image/png");
        server.enqueue(ok(success(b64)));
        generate(history(
                entry(Role.USER, new Part.Text("a fox")),
                entry(Role.MODEL, new Part.Image(ref, image.providerData())),
                entry(Role.USER, new Part.Text("now in winter"))));

        JsonNode replayed =
                body(server.takeRequest()).path("contents").get(1).path("parts").get(1);
        assertThat(replayed.path("thoughtSignature").asText()).isEqualTo("c2lnLzEyMw==");
        assertThat(replayed.path("image").asText()).startsWith("data:image/png;base64,");
    }

    @Test
    void urlResultsAreDownloaded() {
        server.enqueue(ok("{\"code\":200,\"msg\":\"ok\",\"data\":{\"data\":[{\"url\":\"" + server.url("/files/r.png")
                + "\",\"b64_json\":\"\"}]}}"));
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .body(new okio.Buffer().write(RESULT))
                .build());

        Outcome outcome = generate(history(entry(Role.USER, new Part.Text("a fox"))));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Images.class,
                        images -> assertThat(images.images().getFirst().bytes()).containsExactly(RESULT));
    }

    @Test
    void errorCodeInsideHttp200IsARejectionSayingWhatToChange() {
        server.enqueue(ok("{\"code\":400,\"msg\":\"Invalid parameter: Unsupported aspect ratio\",\"data\":null}"));

        Outcome outcome = generate(history(entry(Role.USER, new Part.Text("a fox"))));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class, rejected -> {
            assertThat(rejected.detail()).contains("Unsupported aspect ratio");
            assertThat(rejected.change()).isEqualTo(Outcome.Rejected.Change.SIZE_OR_RATIO);
        });
    }

    @Test
    void httpErrorsAreClassified() {
        assertThat(outcomeFor(new MockResponse.Builder()
                        .code(401)
                        .body("{\"code\":401,\"msg\":\"invalid key\"}")
                        .build()))
                .isInstanceOf(Outcome.Unauthorized.class);
        assertThat(outcomeFor(new MockResponse.Builder()
                        .code(429)
                        .setHeader("Retry-After", "7")
                        .body("{\"code\":429,\"msg\":\"Too many requests\"}")
                        .build()))
                .isEqualTo(new Outcome.RateLimited(Optional.of(Duration.ofSeconds(7)), "Too many requests"));
        assertThat(outcomeFor(new MockResponse.Builder()
                        .code(429)
                        .body(
                                "{\"error\":{\"message\":\"You exceeded your current quota\",\"code\":\"insufficient_quota\"}}")
                        .build()))
                .isInstanceOf(Outcome.QuotaExhausted.class);
        assertThat(outcomeFor(new MockResponse.Builder()
                        .code(500)
                        .body("{\"code\":500,\"msg\":\"internal\"}")
                        .build()))
                .isEqualTo(new Outcome.Failed(true, "internal"));
        assertThat(outcomeFor(new MockResponse.Builder()
                        .code(502)
                        .body("<html>Bad gateway</html>")
                        .build()))
                .isEqualTo(new Outcome.Failed(true, Cause.of(Cause.Kind.HTTP_STATUS, 502)));
    }

    @Test
    void gatewaySafetyBlockIsARefusal() {
        Outcome outcome =
                outcomeFor(ok("{\"error\":{\"type\":\"channel_error\",\"code\":\"channel:image_generation_failed\","
                        + "\"message\":\"Gemini image generation blocked [IMAGE_SAFETY]\"}}"));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Refused.class,
                        refused -> assertThat(refused.reason()).contains("IMAGE_SAFETY"));
    }

    @Test
    void answerWithoutImageButWithTextIsTextOnly() {
        Outcome outcome =
                outcomeFor(ok("{\"code\":200,\"msg\":\"ok\",\"data\":{\"data\":[{\"url\":\"\",\"b64_json\":\"\","
                        + "\"revised_prompt\":\"Which tower do you mean?\"}]}}"));

        assertThat(outcome).isEqualTo(new Outcome.TextOnly("Which tower do you mean?"));
    }

    @Test
    void invalidJsonAndEmptyAnswersAreFailures() {
        assertThat(outcomeFor(ok("<html>oops</html>")))
                .isInstanceOfSatisfying(
                        Outcome.Failed.class,
                        failed -> assertThat(failed.cause()).contains(Cause.of(Cause.Kind.NOT_JSON)));
        assertThat(outcomeFor(ok("{\"code\":200,\"msg\":\"ok\",\"data\":{\"data\":[]}}")))
                .isInstanceOfSatisfying(
                        Outcome.Failed.class,
                        failed -> assertThat(failed.cause()).contains(Cause.of(Cause.Kind.NO_IMAGE)));
    }

    @Test
    void slowAnswerTimesOutWithAClearMessage() {
        server.enqueue(new MockResponse.Builder()
                .headersDelay(3, TimeUnit.SECONDS)
                .body("{}")
                .build());

        Outcome outcome = provider(Duration.ofMillis(500))
                .generate(
                        new GenerationRequest(
                                NANO_BANANA,
                                "1:1",
                                Optional.empty(),
                                history(entry(Role.USER, new Part.Text("a fox"))),
                                ref -> new byte[0]),
                        JobContext.NONE);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, failed -> {
            assertThat(failed.transientFailure()).isTrue();
            assertThat(failed.cause()).contains(Cause.of(Cause.Kind.TIMEOUT, 1));
        });
    }

    @Test
    void theKeyNeverAppearsInWhatTheUserIsTold() {
        Outcome outcome = outcomeFor(new MockResponse.Builder()
                .code(401)
                .body("{\"code\":401,\"msg\":\"bad key\"}")
                .build());

        assertThat(told(outcome)).doesNotContain(KEY).contains("credentials");
    }

    @Test
    void baseUrlMayEndWithV1() {
        assertThat(endpoint("https://gw.example/v1")).isEqualTo("https://gw.example/v1/images/generations");
        assertThat(endpoint("https://gw.example/")).isEqualTo("https://gw.example/v1/images/generations");
        assertThat(endpoint("https://gw.example/proxy/")).isEqualTo("https://gw.example/proxy/v1/images/generations");
    }

    private static String endpoint(String base) {
        var settings = Providers.settings("p", okhttp3.HttpUrl.get(base), KEY, Duration.ofSeconds(1));
        return settings.resolve(ContentsProvider.path(settings)).toString();
    }

    private Outcome outcomeFor(MockResponse response) {
        server.enqueue(response);
        return generate(history(entry(Role.USER, new Part.Text("a fox"))));
    }

    private ImageRef image(String name, byte[] bytes, String mime) {
        String sha = String.format("%064x", new java.math.BigInteger(1, name.getBytes()));
        stored.put(sha, bytes);
        return new ImageRef(sha, mime, 8, 8, bytes.length);
    }

    private JsonNode body(RecordedRequest request) throws Exception {
        return json.readTree(request.getBody().utf8());
    }

    private static History history(History.Entry... entries) {
        return new History(List.of(entries), 0);
    }

    private static History.Entry entry(Role role, Part... parts) {
        return new History.Entry(role, List.of(parts));
    }

    /** What an English-speaking user is told about {@code outcome}. */
    private static String told(Outcome outcome) {
        return dev.redraw.core.text.Messages.forLanguage("en")
                .outcome(
                        dev.redraw.core.job.OutcomeKind.of(outcome),
                        dev.redraw.core.job.OutcomeDetails.of(outcome),
                        Optional.empty());
    }
}

package dev.redraw.core.provider.gemini;

import static dev.redraw.core.provider.gemini.GeminiFixture.KEY;
import static dev.redraw.core.provider.gemini.GeminiFixture.answer;
import static dev.redraw.core.provider.gemini.GeminiFixture.b64;
import static dev.redraw.core.provider.gemini.GeminiFixture.history;
import static dev.redraw.core.provider.gemini.GeminiFixture.imagePart;
import static dev.redraw.core.provider.gemini.GeminiFixture.model;
import static dev.redraw.core.provider.gemini.GeminiFixture.ok;
import static dev.redraw.core.provider.gemini.GeminiFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.ProviderData;
import dev.redraw.core.generation.GeneratedImage;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.history.History;
import dev.redraw.core.provider.ProviderSettings;
import dev.redraw.core.testing.Providers;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** What the Gemini dialect sends, and how an answer's image, text and signatures come back. */
class GeminiProviderTest {

    private static final byte[] RESULT = TestImages.png(6, 4, Color.ORANGE);
    private static final String TEXT_SIGNATURE = "CiQB0e2Kb+/x9Q3z1vT7w==";
    private static final String IMAGE_SIGNATURE = "EpUBCpIBAb4+9vu/k2x0Ym==";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final ObjectMapper json = new ObjectMapper();
    private final GeminiFixture fixture = new GeminiFixture();

    private GeminiProvider provider() {
        return GeminiFixture.provider(server.url("/"), Duration.ofSeconds(5));
    }

    private Outcome generate(History history) {
        return fixture.generate(provider(), history, JobContext.NONE);
    }

    @Test
    void textToImageSendsTheDocumentedBodyWithTheGoogleKeyHeader() throws Exception {
        server.enqueue(ok(answer(imagePart(RESULT, ""))));

        Outcome outcome = generate(history(user(new Part.Text("a red fox in the snow"))));

        assertThat(outcome)
                .isEqualTo(new Outcome.Images(List.of(new GeneratedImage(RESULT, Optional.empty())), Optional.empty()));
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/v1beta/models/gemini-3-pro-image-preview:generateContent");
        assertThat(request.getHeaders().get("x-goog-api-key")).isEqualTo(KEY);
        assertThat(request.getHeaders().get("Authorization")).isNull();
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(body(request)).isEqualTo(json.readTree("""
                {"contents":[{"role":"user","parts":[{"text":"a red fox in the snow"}]}],
                 "generationConfig":{"responseModalities":["TEXT","IMAGE"],"imageConfig":{"aspectRatio":"16:9"}}}
                """));
    }

    @Test
    void bearerAuthSendsTheKeyAsAuthorizationUnderABaseThatEndsInV1beta() throws Exception {
        server.enqueue(ok(answer(imagePart(RESULT, ""))));
        var provider = GeminiFixture.provider(
                server.url("/proxy/v1beta/"), Duration.ofSeconds(5), ProviderSettings.Auth.BEARER);

        fixture.generate(provider, history(user(new Part.Text("a fox"))), JobContext.NONE);

        RecordedRequest request = server.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/proxy/v1beta/models/gemini-3-pro-image-preview:generateContent");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.getHeaders().get("x-goog-api-key")).isNull();
    }

    @Test
    void oneImageEditSendsTheImageInlineWithTheRequestedSize() throws Exception {
        server.enqueue(ok(answer(imagePart(RESULT, ""))));
        byte[] photo = TestImages.jpeg(10, 8, Color.BLUE);
        ImageRef upload = fixture.store(photo, "image/jpeg");
        var history = history(user(new Part.Text("turn the sky purple"), new Part.Image(upload)));

        Outcome outcome = provider().generate(fixture.request(history, Optional.of("2K")), JobContext.NONE);

        assertThat(outcome).isInstanceOf(Outcome.Images.class);
        assertThat(body(server.takeRequest())).isEqualTo(json.readTree("""
                {"contents":[{"role":"user","parts":[
                   {"text":"turn the sky purple"},
                   {"inlineData":{"mimeType":"image/jpeg","data":"%s"}}]}],
                 "generationConfig":{"responseModalities":["TEXT","IMAGE"],
                                     "imageConfig":{"aspectRatio":"16:9","imageSize":"2K"}}}
                """.formatted(b64(photo))));
    }

    @Test
    void fiveImageFusionKeepsTheImagesInTheirOrder() throws Exception {
        server.enqueue(ok(answer(imagePart(RESULT, ""))));
        List<Part> parts = new ArrayList<>(List.of(new Part.Text("put the first image's cat on the others")));
        List<String> expected = new ArrayList<>(List.of("{\"text\":\"put the first image's cat on the others\"}"));
        Color[] colours = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW, Color.MAGENTA};
        for (int i = 0; i < colours.length; i++) {
            boolean png = i % 2 == 0;
            byte[] bytes = png ? TestImages.png(4 + i, 4, colours[i]) : TestImages.jpeg(4 + i, 4, colours[i]);
            String mime = png ? "image/png" : "image/jpeg";
            parts.add(new Part.Image(fixture.store(bytes, mime)));
            expected.add("{\"inlineData\":{\"mimeType\":\"" + mime + "\",\"data\":\"" + b64(bytes) + "\"}}");
        }

        generate(history(user(parts.toArray(Part[]::new))));

        assertThat(body(server.takeRequest()).path("contents"))
                .isEqualTo(json.readTree("[{\"role\":\"user\",\"parts\":[" + String.join(",", expected) + "]}]"));
    }

    @Test
    void threeTurnContinuationReplaysEachThoughtSignatureOnItsOwnPart() throws Exception {
        server.enqueue(ok(answer("{\"text\":\"Here is your fox.\",\"thoughtSignature\":\"" + TEXT_SIGNATURE + "\"},"
                + imagePart(RESULT, ",\"thoughtSignature\":\"" + IMAGE_SIGNATURE + "\""))));
        var first = user(new Part.Text("a fox in a hat"));

        Outcome answer = generate(history(first));
        server.takeRequest();

        var images = (Outcome.Images) answer;
        assertThat(images.text()).contains("Here is your fox.");
        GeneratedImage image = images.images().getFirst();
        assertThat(image.bytes()).containsExactly(RESULT);
        assertThat(image.providerData()).map(ProviderData::dialect).contains(GeminiProvider.DIALECT);
        assertThat(json.readTree(image.providerData().orElseThrow().json()))
                .isEqualTo(json.readTree("{\"thoughtSignature\":\"" + IMAGE_SIGNATURE
                        + "\",\"textPart\":{\"thoughtSignature\":\"" + TEXT_SIGNATURE + "\"}}"));

        // The answer is stored the way the generation service stores every model turn.
        var stored = model(
                new Part.Text(images.text().orElseThrow()),
                new Part.Image(fixture.store(image.bytes(), "image/png"), image.providerData()));
        server.enqueue(ok(answer(imagePart(RESULT, ""))));

        generate(history(first, stored, user(new Part.Text("make the hat red"))));

        String sent = server.takeRequest().getBody().utf8();
        assertThat(json.readTree(sent).path("contents"))
                .isEqualTo(json.readTree("""
                [{"role":"user","parts":[{"text":"a fox in a hat"}]},
                 {"role":"model","parts":[
                    {"text":"Here is your fox.","thoughtSignature":"%s"},
                    {"inlineData":{"mimeType":"image/png","data":"%s"},"thoughtSignature":"%s"}]},
                 {"role":"user","parts":[{"text":"make the hat red"}]}]
                """.formatted(TEXT_SIGNATURE, b64(RESULT), IMAGE_SIGNATURE)));
        assertThat(sent)
                .contains("\"thoughtSignature\":\"" + TEXT_SIGNATURE + "\"")
                .contains("\"thoughtSignature\":\"" + IMAGE_SIGNATURE + "\"")
                .doesNotContain("textPart");
    }

    @Test
    void dataOfOtherDialectsIsNotSentToGemini() throws Exception {
        server.enqueue(ok(answer(imagePart(RESULT, ""))));
        var foreign = new ProviderData("contents", "{\"thoughtSignature\":\"from-a-gateway\"}");
        ImageRef earlier = fixture.store(RESULT, "image/png");

        generate(history(
                user(new Part.Text("a fox")),
                model(new Part.Image(earlier, Optional.of(foreign))),
                user(new Part.Text("now at night"))));

        JsonNode modelTurn = body(server.takeRequest()).path("contents").get(1);
        assertThat(modelTurn)
                .isEqualTo(json.readTree("{\"role\":\"model\",\"parts\":[{\"inlineData\":"
                        + "{\"mimeType\":\"image/png\",\"data\":\"" + b64(RESULT) + "\"}}]}"));
    }

    @Test
    void storedDataNeverReplacesThePartsOwnContent() throws Exception {
        server.enqueue(ok(answer(imagePart(RESULT, ""))));
        var stored = new ProviderData(
                "gemini",
                "{\"inlineData\":{\"mimeType\":\"image/gif\",\"data\":\"R0lG\"},\"thoughtSignature\":\"c2ln\","
                        + "\"textPart\":{\"text\":\"other words\",\"thoughtSignature\":\"dHh0\"}}");

        generate(history(
                user(new Part.Text("a fox")),
                model(new Part.Text("Done."), new Part.Image(fixture.store(RESULT, "image/png"), Optional.of(stored))),
                user(new Part.Text("bigger"))));

        assertThat(body(server.takeRequest()).path("contents").get(1).path("parts"))
                .isEqualTo(json.readTree("[{\"text\":\"Done.\",\"thoughtSignature\":\"dHh0\"},"
                        + "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + b64(RESULT)
                        + "\"},\"thoughtSignature\":\"c2ln\"}]"));
    }

    @Test
    void thoughtPartsAreNeverResultsAndTheLastOtherImageWins() {
        byte[] draft = TestImages.png(3, 3, Color.GRAY);
        byte[] early = TestImages.png(5, 5, Color.CYAN);
        server.enqueue(ok(answer("{\"text\":\"Planning the composition\",\"thought\":true},"
                + "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + b64(draft) + "\"},\"thought\":true},"
                + "{\"text\":\"A fox, \",\"thoughtSignature\":\"dA==\"},"
                + imagePart(early, ",\"thoughtSignature\":\"ZWFybHk=\"") + ",{\"text\":\"as asked.\"},"
                + imagePart(RESULT, ",\"thoughtSignature\":\"bGFzdA==\""))));

        Outcome outcome = generate(history(user(new Part.Text("a fox"))));

        assertThat(outcome)
                .isEqualTo(new Outcome.Images(
                        List.of(
                                new GeneratedImage(
                                        RESULT,
                                        Optional.of(
                                                new ProviderData(
                                                        "gemini",
                                                        "{\"thoughtSignature\":\"bGFzdA==\",\"textPart\":{\"thoughtSignature\":\"dA==\"}}")))),
                        Optional.of("A fox, as asked.")));
    }

    @Test
    void anImageWithoutSignaturesCarriesNoProviderData() {
        server.enqueue(ok(answer("{\"text\":\"Done.\"}," + imagePart(RESULT, ""))));

        Outcome outcome = generate(history(user(new Part.Text("a fox"))));

        assertThat(outcome)
                .isEqualTo(new Outcome.Images(
                        List.of(new GeneratedImage(RESULT, Optional.empty())), Optional.of("Done.")));
    }

    @Test
    void theEndpointKeepsTheBasePathAndAddsV1betaOnlyWhenMissing() {
        assertThat(endpoint("https://generativelanguage.googleapis.com", "gemini-2.5-flash-image"))
                .isEqualTo(
                        "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash-image:generateContent");
        assertThat(endpoint("https://gw.example/v1beta", "gemini-2.5-flash-image"))
                .isEqualTo("https://gw.example/v1beta/models/gemini-2.5-flash-image:generateContent");
        assertThat(endpoint("https://gw.example/google/", "models/gemini-3-pro-image-preview"))
                .isEqualTo("https://gw.example/google/v1beta/models/gemini-3-pro-image-preview:generateContent");
    }

    private static String endpoint(String base, String model) {
        var settings = Providers.settings("p", HttpUrl.get(base), KEY, Duration.ofSeconds(1));
        return settings.resolve(GeminiProvider.path(settings, model)).toString();
    }

    private JsonNode body(RecordedRequest request) throws Exception {
        return json.readTree(request.getBody().utf8());
    }
}

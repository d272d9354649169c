package dev.redraw.core.provider.gemini;

import static dev.redraw.core.provider.gemini.GeminiFixture.KEY;
import static dev.redraw.core.provider.gemini.GeminiFixture.answer;
import static dev.redraw.core.provider.gemini.GeminiFixture.b64;
import static dev.redraw.core.provider.gemini.GeminiFixture.history;
import static dev.redraw.core.provider.gemini.GeminiFixture.imagePart;
import static dev.redraw.core.provider.gemini.GeminiFixture.ok;
import static dev.redraw.core.provider.gemini.GeminiFixture.user;
import static dev.redraw.core.provider.gemini.ResponseModality.IMAGE;
import static dev.redraw.core.provider.gemini.ResponseModality.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.generation.GeneratedImage;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.provider.ProviderSettings;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The response modalities a gemini provider asks for: exactly the configured list, whatever comes back. */
class GeminiResponseModalitiesTest {

    private static final byte[] RESULT = TestImages.png(6, 4, Color.ORANGE);

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final ObjectMapper json = new ObjectMapper();
    private final GeminiFixture fixture = new GeminiFixture();

    @Test
    void theDefaultAsksForTextAndImage() throws Exception {
        // Given a provider built without a choice, as one configured without response-modalities is
        server.enqueue(ok(answer(imagePart(RESULT, ""))));
        var provider =
                GeminiFixture.provider(server.url("/"), ProviderSettings.Auth.GOOGLE_API_KEY, ResponseModality.DEFAULT);

        // When it makes an image
        fixture.generate(provider, history(user(new Part.Text("a fox"))), JobContext.NONE);

        // Then the body asks for text and image, in that order
        assertThat(body(server.takeRequest())).isEqualTo(json.readTree("""
                {"contents":[{"role":"user","parts":[{"text":"a fox"}]}],
                 "generationConfig":{"responseModalities":["TEXT","IMAGE"],"imageConfig":{"aspectRatio":"16:9"}}}
                """));
    }

    @Test
    void imageAloneIsSentAsSeed003sGatewayDocumentsIt() throws Exception {
        // Given seed 003's gemini-style route: a Bearer key under a base ending in /v1beta, asking for images only
        server.enqueue(ok(answer(imagePart(RESULT, ""))));
        var provider = GeminiFixture.provider(server.url("/v1beta"), ProviderSettings.Auth.BEARER, List.of(IMAGE));
        byte[] photo = TestImages.png(8, 6, Color.BLUE);
        var history = history(user(new Part.Image(fixture.store(photo, "image/png")), new Part.Text("hi")));

        // When it edits an image
        Outcome outcome = provider.generate(fixture.request(history, Optional.empty()), JobContext.NONE);

        // Then the request is the document's example: its path, its header and its body, nothing more
        assertThat(outcome)
                .isEqualTo(new Outcome.Images(List.of(new GeneratedImage(RESULT, Optional.empty())), Optional.empty()));
        RecordedRequest request = server.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/v1beta/models/gemini-3-pro-image-preview:generateContent");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.getHeaders().get("x-goog-api-key")).isNull();
        assertThat(request.getBody().utf8()).contains("\"responseModalities\":[\"IMAGE\"]");
        assertThat(body(request)).isEqualTo(json.readTree("""
                {"contents":[{"role":"user","parts":[
                   {"inlineData":{"mimeType":"image/png","data":"%s"}},
                   {"text":"hi"}]}],
                 "generationConfig":{"responseModalities":["IMAGE"],"imageConfig":{"aspectRatio":"16:9"}}}
                """.formatted(b64(photo))));
    }

    @Test
    void theConfiguredOrderIsKept() throws Exception {
        server.enqueue(ok(answer(imagePart(RESULT, ""))));
        var provider =
                GeminiFixture.provider(server.url("/"), ProviderSettings.Auth.GOOGLE_API_KEY, List.of(IMAGE, TEXT));

        fixture.generate(provider, history(user(new Part.Text("a fox"))), JobContext.NONE);

        assertThat(body(server.takeRequest()).path("generationConfig").path("responseModalities"))
                .isEqualTo(json.readTree("[\"IMAGE\",\"TEXT\"]"));
    }

    @Test
    void aGatewayAskedForImagesThatAnswersInWordsIsReadAsEver() {
        // Given a provider asking for images only, and a gateway that answers with text all the same
        server.enqueue(ok(answer("{\"text\":\"Which fox do you mean: red or arctic?\"}")));
        var provider = GeminiFixture.provider(server.url("/"), ProviderSettings.Auth.BEARER, List.of(IMAGE));

        // When it is asked for an image
        Outcome outcome = fixture.generate(provider, history(user(new Part.Text("a fox"))), JobContext.NONE);

        // Then the user gets the model's words, as with the default
        assertThat(outcome).isEqualTo(new Outcome.TextOnly("Which fox do you mean: red or arctic?"));
    }

    @Test
    void aListWithoutImageOrWithARepeatIsRefused() {
        var base = server.url("/");

        for (List<ResponseModality> modalities :
                List.of(List.<ResponseModality>of(), List.of(TEXT), List.of(IMAGE, TEXT, IMAGE))) {
            assertThatThrownBy(() -> GeminiFixture.provider(base, ProviderSettings.Auth.BEARER, modalities))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("response modalities must hold IMAGE, each at most once: " + modalities);
        }
    }

    private JsonNode body(RecordedRequest request) throws Exception {
        return json.readTree(request.getBody().utf8());
    }
}

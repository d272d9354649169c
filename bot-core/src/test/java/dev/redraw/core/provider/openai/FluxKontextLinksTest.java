package dev.redraw.core.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.history.History;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.provider.ProviderKit;
import dev.redraw.core.testing.CountingLinks;
import dev.redraw.core.testing.Providers;
import dev.redraw.core.testing.RecordingContext;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seed 003: flux-kontext takes its reference images as URLs in the prompt, separated by spaces. */
class FluxKontextLinksTest {

    private static final byte[] RESULT = TestImages.png(6, 4, Color.RED);

    @StartStop
    final MockWebServer gateway = new MockWebServer();

    private final ObjectMapper json = new ObjectMapper();
    private final Providers.RecordingSleeper sleeper = new Providers.RecordingSleeper();
    private final RecordingContext context = new RecordingContext();
    private final Map<String, byte[]> stored = new HashMap<>();
    private final CountingLinks links = new CountingLinks();

    private OpenAiProvider provider(ProviderKit kit) {
        return new OpenAiProvider(
                Providers.settings("gateway", gateway.url("/"), "sk-test", Duration.ofSeconds(5)), kit);
    }

    private ImageRef image(Color colour, int side) {
        byte[] bytes = TestImages.png(side, side, colour);
        var ref = new ImageRef(ImageRef.sha256Of(bytes), "image/png", side, side, bytes.length);
        stored.put(ref.sha256(), bytes);
        return ref;
    }

    private GenerationRequest request(String model, History.Entry... turns) {
        return new GenerationRequest(
                ModelCatalog.builtIn().capabilitiesOf(model),
                "1:1",
                Optional.empty(),
                new History(List.of(turns), 0),
                image -> stored.get(image.sha256()));
    }

    private static History.Entry turn(Role role, String text, ImageRef... images) {
        List<Part> parts = new ArrayList<>();
        if (!text.isEmpty()) {
            parts.add(new Part.Text(text));
        }
        for (ImageRef image : images) {
            parts.add(new Part.Image(image));
        }
        return new History.Entry(role, parts);
    }

    private void answerWithOneImage() {
        gateway.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString(RESULT) + "\"}]}")
                .build());
    }

    private JsonNode body(RecordedRequest request) throws Exception {
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        return json.readTree(request.getBody().utf8());
    }

    @ParameterizedTest
    @ValueSource(strings = {"flux-kontext-pro", "flux-kontext-max", "flux-kontext-dev"})
    void anEditPutsTheImageLinkInThePromptAndSendsNoImageBytes(String model) throws Exception {
        answerWithOneImage();
        ImageRef photo = image(Color.BLUE, 8);

        Outcome outcome =
                provider(links.kit(sleeper)).generate(request(model, turn(Role.USER, "make it night", photo)), context);

        assertThat(outcome).isInstanceOf(Outcome.Images.class);
        RecordedRequest sent = gateway.takeRequest();
        assertThat(sent.getTarget()).isEqualTo("/v1/images/generations");
        JsonNode body = body(sent);
        assertThat(body.path("model").asText()).isEqualTo(model);
        assertThat(body.path("prompt").asText()).isEqualTo(links.linkOf(photo) + " make it night");
        assertThat(body.has("image")).isFalse();
        assertThat(sent.getBody().utf8())
                .doesNotContain(Base64.getEncoder().encodeToString(stored.get(photo.sha256())));
    }

    @Test
    void aContinuedBranchSendsItsNewestImageAsTheLink() throws Exception {
        answerWithOneImage();
        ImageRef upload = image(Color.BLUE, 8);
        ImageRef generated = image(Color.GREEN, 9);

        provider(links.kit(sleeper))
                .generate(
                        request(
                                "flux-kontext-pro",
                                turn(Role.USER, "a tower", upload),
                                turn(Role.MODEL, "", generated),
                                turn(Role.USER, "now add snow")),
                        context);

        // flux-kontext takes one reference image: the newest of the branch.
        assertThat(body(gateway.takeRequest()).path("prompt").asText())
                .isEqualTo(links.linkOf(generated) + " now add snow");
        assertThat(links.made).hasSize(1);
    }

    @Test
    void aTextOnlyRequestIsAPlainGenerationWithoutLinks() throws Exception {
        answerWithOneImage();

        provider(links.kit(sleeper)).generate(request("flux-kontext-pro", turn(Role.USER, "a red fox")), context);

        assertThat(body(gateway.takeRequest()).path("prompt").asText()).isEqualTo("a red fox");
        assertThat(links.made).isEmpty();
    }

    @Test
    void withoutPublicLinksAnEditFailsWithoutCallingTheGateway() throws Exception {
        var provider = provider(Providers.kit(sleeper));
        ImageRef photo = image(Color.BLUE, 8);

        Outcome outcome =
                provider.generate(request("flux-kontext-pro", turn(Role.USER, "make it night", photo)), context);

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) outcome).transientFailure()).isFalse();
        assertThat(gateway.getRequestCount()).isZero();
        assertThat(provider.canSendImages("flux-kontext-pro")).isFalse();
        assertThat(provider.canSendImages("gpt-image-1")).isTrue();
    }

    @Test
    void onlyTheDevModelNeedsAnInputImage() {
        var provider = provider(links.kit(sleeper));

        assertThat(provider.needsInputImage("flux-kontext-dev")).isTrue();
        assertThat(provider.needsInputImage("flux-kontext-pro")).isFalse();
        assertThat(provider.needsInputImage("flux")).isFalse();
        assertThat(provider.canSendImages("flux-kontext-pro")).isTrue();
    }
}

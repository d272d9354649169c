package dev.redraw.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.history.History;
import dev.redraw.core.link.ImageLinks;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.provider.ProviderKit;
import dev.redraw.core.provider.openai.OpenAiProvider;
import dev.redraw.core.provider.task.TaskProvider;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcImageLinkStore;
import dev.redraw.core.storage.JdbcImageStore;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.testing.MutableClock;
import dev.redraw.core.testing.Providers;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Image links served by the bot's own HTTP server, fetched with a real HTTP client. */
class ImageLinkRouteTest {

    private static final byte[] PNG = TestImages.png(12, 8, Color.CYAN);
    private static final byte[] JPEG = TestImages.jpeg(10, 10, Color.PINK);

    @StartStop
    final MockWebServer gateway = new MockWebServer();

    private final Database database = TestDatabase.open();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final JdbcImageStore images = new JdbcImageStore(database.dataSource(), clock);
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private WebServer server;
    private ImageLinks links;
    private ImageRef png;

    @BeforeEach
    void start() {
        server = new WebServer(new InetSocketAddress("127.0.0.1", 0), 8);
        server.start();
        links = new ImageLinks(
                new JdbcImageLinkStore(database.dataSource(), clock),
                images,
                Optional.of(URI.create("http://127.0.0.1:" + server.address().getPort() + "/")),
                Duration.ofHours(1),
                clock,
                new SecureRandom());
        new ImageLinkRoute(links, clock).register(server);
        png = images.put(PNG, "image/png", 12, 8);
    }

    @AfterEach
    void stop() {
        server.close();
        client.close();
        database.close();
    }

    private HttpResponse<byte[]> send(String method, String link) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(link))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private String base() {
        return "http://127.0.0.1:" + server.address().getPort();
    }

    @Test
    void aLinkServesTheImageWithItsTypeAndAPrivateCacheLifetime() throws Exception {
        String link = links.linkTo(png);

        HttpResponse<byte[]> answer = send("GET", link);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(PNG);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("private, max-age=3600, immutable");
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void aJpegIsServedAsAJpegAndHeadSendsNoBody() throws Exception {
        String link = links.linkTo(images.put(JPEG, "image/jpeg", 10, 10));

        HttpResponse<byte[]> head = send("HEAD", link);

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(head.body()).isEmpty();
        assertThat(send("GET", link).body()).isEqualTo(JPEG);
    }

    @Test
    void wrongExpiredAndMalformedTokensAllGetTheSame404() throws Exception {
        String link = links.linkTo(png);
        String token = link.substring(link.lastIndexOf('/') + 1);
        String wrong = base() + "/i/" + (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1);

        HttpResponse<byte[]> wrongAnswer = send("GET", wrong);
        HttpResponse<byte[]> malformed = send("GET", base() + "/i/-1");
        HttpResponse<byte[]> listing = send("GET", base() + "/i/");
        HttpResponse<byte[]> byHash = send("GET", base() + "/i/" + png.sha256());
        clock.advance(Duration.ofHours(1));
        HttpResponse<byte[]> expired = send("GET", link);

        for (HttpResponse<byte[]> answer : List.of(wrongAnswer, malformed, listing, byHash, expired)) {
            assertThat(answer.statusCode()).as(answer.uri().toString()).isEqualTo(404);
            assertThat(answer.body()).isEqualTo(expired.body());
            assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
    }

    @Test
    void onlyReadingMethodsAreServed() throws Exception {
        String link = links.linkTo(png);

        HttpResponse<byte[]> post = send("POST", link);
        HttpResponse<byte[]> delete = send("DELETE", link);

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(send("GET", link).statusCode()).isEqualTo(200);
    }

    @Test
    void fluxKontextGetsALinkInItsPromptThatServesTheImage() throws Exception {
        gateway.enqueue(imageAnswer());
        var provider = new OpenAiProvider(settings(), kit());

        provider.generate(request("flux-kontext-pro"), JobContext.NONE);

        JsonNode body = json.readTree(gateway.takeRequest().getBody().utf8());
        String prompt = body.path("prompt").asText();
        assertThat(prompt).matches("http://127\\.0\\.0\\.1:\\d+/i/[A-Za-z0-9_-]{43} add a moon");
        assertThat(send("GET", prompt.substring(0, prompt.indexOf(' '))).body()).isEqualTo(PNG);
    }

    @Test
    void aTaskGatewayGetsLinksInItsImagesThatServeTheImage() throws Exception {
        gateway.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"id\":\"t-1\",\"status\":\"failed\",\"error\":\"test ends here\"}")
                .build());
        var provider = new TaskProvider(settings(), kit());

        provider.generate(request("nano-banana"), JobContext.NONE);

        JsonNode body = json.readTree(gateway.takeRequest().getBody().utf8());
        assertThat(body.path("images")).hasSize(1);
        String link = body.path("images").get(0).asText();
        assertThat(link).startsWith(base() + "/i/");
        assertThat(send("GET", link).body()).isEqualTo(PNG);
    }

    private dev.redraw.core.provider.ProviderSettings settings() {
        return Providers.settings("gateway", gateway.url("/"), "sk-test", Duration.ofSeconds(5));
    }

    private ProviderKit kit() {
        var kit = Providers.kit(new Providers.RecordingSleeper());
        return new ProviderKit(kit.http(), kit.json(), kit.downloader(), kit.sleeper(), kit.bulkheads(), links);
    }

    private GenerationRequest request(String model) {
        return new GenerationRequest(
                ModelCatalog.builtIn().capabilitiesOf(model),
                "1:1",
                Optional.empty(),
                new History(
                        List.of(new History.Entry(
                                Role.USER, List.of(new Part.Text("add a moon"), new Part.Image(png)))),
                        0),
                image -> images.bytes(image.sha256()).orElseThrow());
    }

    private static MockResponse imageAnswer() {
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"data\":[{\"b64_json\":\""
                        + java.util.Base64.getEncoder().encodeToString(TestImages.png(4, 4, Color.RED)) + "\"}]}")
                .build();
    }
}

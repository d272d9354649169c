package dev.redraw.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebServerTest {

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private WebServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        client.close();
    }

    private WebServer started(int maxRequests) {
        server = new WebServer(new InetSocketAddress("127.0.0.1", 0), maxRequests);
        server.start();
        return server;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    private static WebResponse hello(String text) {
        return new WebResponse(200, "text/plain", text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    @Test
    void portZeroBindsAFreePortOnLoopbackOnly() {
        started(4);

        assertThat(server.address().getPort()).isPositive();
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void theLongestMatchingPrefixAnswersWithTheRestOfThePath() throws Exception {
        started(4).route("/", request -> hello("root " + request.rest()));
        server.route("/i/", request -> hello("image " + request.rest()));

        assertThat(get("/i/abc").body()).isEqualTo("image abc");
        assertThat(get("/other").body()).isEqualTo("root other");
        assertThat(get("/i/abc").headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void aPathNoRouteClaimsIs404AndNothingIsListed() throws Exception {
        started(4).route("/i/", request -> hello("image"));

        HttpResponse<String> root = get("/");
        HttpResponse<String> elsewhere = get("/etc/passwd");

        assertThat(root.statusCode()).isEqualTo(404);
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(root.body()).isEqualTo(elsewhere.body()).isEqualTo("Not found\n");
        assertThat(root.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void aFailingRouteAnswers500WithoutItsDetails() throws Exception {
        started(4).route("/boom", request -> {
            throw new IllegalStateException("secret detail");
        });

        HttpResponse<String> answer = get("/boom");

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).doesNotContain("secret");
    }

    @Test
    void requestsBeyondTheLimitAreAnswered503AtOnce() throws Exception {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        started(1).route("/slow", request -> {
            entered.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return hello("done");
        });
        CompletableFuture<HttpResponse<String>> first =
                client.sendAsync(HttpRequest.newBuilder(uri("/slow")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> second = get("/slow");
        release.countDown();

        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(first.get(10, TimeUnit.SECONDS).body()).isEqualTo("done");
        // The permit came back: the next request is served.
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/slow").statusCode() == 200);
    }

    @Test
    void aClosedServerAcceptsNothing() throws Exception {
        started(4).route("/", request -> hello("up"));
        URI address = uri("/");
        server.close();

        assertThatThrownBy(() ->
                        client.send(HttpRequest.newBuilder(address).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void twoRoutesForOnePrefixAreAMistake() {
        var web = new WebServer(new InetSocketAddress("127.0.0.1", 0), 4);
        web.route("/i/", request -> hello("one"));

        assertThatThrownBy(() -> web.route("/i/", request -> hello("two"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> web.route("i/", request -> hello("two"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRouteSeesTheHeadersMayRefuseWithoutReadingAndABodyOverTheLimitIs413() throws Exception {
        var reads = new java.util.concurrent.atomic.AtomicInteger();
        started(4).route("/hook", request -> {
            if (!request.header("X-Key").equals(java.util.Optional.of("open"))) {
                return WebResponse.text(401, "no");
            }
            reads.incrementAndGet();
            return WebResponse.text(200, Integer.toString(request.body().length));
        });

        byte[] small = new byte[1000];
        byte[] large = new byte[WebServer.MAX_BODY + 1];
        assertThat(post("/hook", small, "shut").statusCode()).isEqualTo(401);
        assertThat(reads).hasValue(0);
        var ok = post("/hook", small, "open");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1000\n");
        assertThat(post("/hook", large, "open").statusCode()).isEqualTo(413);
    }

    private HttpResponse<String> post(String path, byte[] body, String key) throws Exception {
        return client.send(
                java.net.http.HttpRequest.newBuilder(uri(path))
                        .header("X-Key", key)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package dev.redraw.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.limits.Bulkheads;
import dev.redraw.core.link.Tokens;
import dev.redraw.core.settings.Memberships;
import dev.redraw.core.settings.RemixRules;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcCommunityStore;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcImageStore;
import dev.redraw.core.storage.JdbcSettingsStore;
import dev.redraw.core.storage.JdbcTreeStore;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.testing.MutableClock;
import dev.redraw.core.testing.TreeTurns;
import dev.redraw.core.tree.Trees;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tree pages served by the bot's own HTTP server: opened in a real headless Chromium for what a
 * user sees, and fetched with a real HTTP client for headers and status codes.
 */
class TreeRouteTest {

    private static final Origin ALICE = new Origin("discord", "500", "1", Optional.of("900"));
    private static final Origin BOB = new Origin("discord", "500", "2", Optional.of("900"));

    private final Database database = TestDatabase.open();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final JdbcConversationStore conversations = new JdbcConversationStore(database.dataSource(), clock);
    private final JdbcImageStore images = new JdbcImageStore(database.dataSource(), clock);
    private final TreeTurns turns = new TreeTurns(conversations, images);
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger thumbnailsServed = new AtomicInteger();
    private WebServer server;
    private Trees trees;
    private String base;

    @BeforeEach
    void start() {
        server = new WebServer(new InetSocketAddress("127.0.0.1", 0), 16);
        server.start();
        base = "http://127.0.0.1:" + server.address().getPort() + "/";
        trees = new Trees(
                conversations,
                images,
                new JdbcTreeStore(database.dataSource(), clock),
                new RemixRules(
                        new JdbcSettingsStore(database.dataSource(), clock),
                        new JdbcCommunityStore(database.dataSource(), clock)),
                new Bulkheads(2, 2),
                Optional.of(URI.create(base)),
                Duration.ofDays(7),
                clock,
                new Tokens(new SecureRandom()));
        var route = new TreeRoute(trees, token -> Optional.of("https://t.me/redraw_bot?start=" + token));
        server.route(Trees.PATH_PREFIX, request -> {
            WebResponse response = route.handle(request);
            if (request.rest().contains("/thumb/") && response.status() == 200) {
                thumbnailsServed.incrementAndGet();
            }
            return response;
        });
    }

    @AfterEach
    void stop() {
        server.close();
        client.close();
        database.close();
    }

    /**
     * A tree of three branches under one result; the deepest image is the one asked about. Bob's
     * branch, on Discord, is not Alice's to see: it may have been shown to him alone.
     */
    private record ThreeBranches(Turn first, Turn left, Turn middle, Turn right, Turn deeper, Turn bobs, URI page) {}

    private ThreeBranches threeBranches() {
        Turn first = turns.answer(turns.ask(ALICE, OptionalLong.empty(), "a lighthouse"), "10");
        Turn left = turns.edit(ALICE, first, "at night", "11");
        Turn middle = turns.edit(ALICE, first, "in snow <script>alert(1)</script>", "12");
        Turn right = turns.edit(ALICE, first, "as a poster", "13");
        Turn deeper = turns.edit(ALICE, left, "with stars", "14");
        Turn bobs = turns.edit(BOB, first, "bob's own take", "15");
        var link = (Trees.Asked.Link) trees.link(ALICE, Optional.of("14"), "en");
        return new ThreeBranches(first, left, middle, right, deeper, bobs, link.url());
    }

    private HttpResponse<byte[]> get(URI url) throws Exception {
        return client.send(
                HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static int count(String text, String pattern) {
        return (int) Pattern.compile(pattern).matcher(text).results().count();
    }

    @Test
    void aBrowserShowsEveryBranchWithThumbnailsAndThePathToTheImageAskedAboutMarked() throws Exception {
        var tree = threeBranches();

        String dom = HeadlessChromium.dumpDom(tree.page());

        assertThat(count(dom, "<img class=\"thumb\"")).isEqualTo(5);
        assertThat(count(dom, "class=\"node marked\"")).isEqualTo(1);
        assertThat(dom).contains("id=\"n" + tree.deeper().id() + "\" aria-current=\"true\"");
        assertThat(count(dom, "class=\"node on-path\"")).isEqualTo(2);
        assertThat(dom)
                .contains("class=\"node on-path\" id=\"n" + tree.first().id() + "\"")
                .contains("class=\"node on-path\" id=\"n" + tree.left().id() + "\"")
                .contains("class=\"node\" id=\"n" + tree.middle().id() + "\"")
                .contains("class=\"node\" id=\"n" + tree.right().id() + "\"");
        assertThat(dom).contains("with stars", "gemini-2.5-flash-image", "5 images");
        assertThat(dom).doesNotContain("bob's own take", "n" + tree.bobs().id() + "\"");
        // The three branches stand side by side, under the first result.
        assertThat(Pattern.compile(
                                "id=\"n" + tree.first().id() + "\".*?<ul><li>.*?n"
                                        + tree.left().id()
                                        + ".*?</li><li>.*?n" + tree.middle().id() + ".*?</li><li>.*?n"
                                        + tree.right().id(),
                                Pattern.DOTALL)
                        .matcher(dom)
                        .find())
                .isTrue();
        assertThat(dom).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");
        assertThat(dom).contains("href=\"https://discord.com/channels/900/500/14\"");
        // Every thumbnail was fetched by the browser, each one small.
        await().atMost(Duration.ofSeconds(30)).until(() -> thumbnailsServed.get() >= 5);
    }

    @Test
    void aLongChainOfEditsStandsInOneColumnWithoutNestingAndReachesTheImageAskedAbout() throws Exception {
        Turn previous = turns.answer(turns.ask(ALICE, OptionalLong.empty(), "step 0"), "1", 8, 8);
        for (int step = 1; step < 300; step++) {
            previous = turns.answer(
                    turns.ask(ALICE, OptionalLong.of(previous.id()), "step " + step), Integer.toString(step + 1), 8, 8);
        }
        var link = (Trees.Asked.Link) trees.link(ALICE, Optional.empty(), "en");

        String dom = HeadlessChromium.dumpDom(link.url());

        assertThat(count(dom, "<img class=\"thumb\"")).isEqualTo(300);
        assertThat(count(dom, "<ul")).as("no list nested in the tree's own").isEqualTo(1);
        assertThat(dom).contains("class=\"node marked\" id=\"n" + previous.id() + "\"", "step 299");
        assertThat(count(dom, "class=\"node on-path\"")).isEqualTo(299);
    }

    @Test
    void aWrongOrExpiredTokenIsTheSame404InTheBrowserAndOverHttp() throws Exception {
        var tree = threeBranches();
        URI wrong = URI.create(base + "t/" + new Tokens(new SecureRandom()).next());

        assertThat(get(wrong).statusCode()).isEqualTo(404);
        assertThat(HeadlessChromium.dumpDom(wrong)).contains("Not found").doesNotContain("thumb");
        assertThat(get(URI.create(base + "t/short")).statusCode()).isEqualTo(404);

        clock.advance(Duration.ofDays(7));

        assertThat(get(tree.page()).statusCode()).isEqualTo(404);
        assertThat(HeadlessChromium.dumpDom(tree.page())).contains("Not found").doesNotContain("thumb");
    }

    @Test
    void aPageIsNeverCachedSendsNoReferrerAndRunsNoScript() throws Exception {
        var tree = threeBranches();

        var page = get(tree.page());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy ->
                        assertThat(policy).contains("default-src 'none'").doesNotContain("script-src"));
        var post = client.send(
                HttpRequest.newBuilder(tree.page())
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void thumbnailsAreSmallAndOnlyOfImagesThePageShows() throws Exception {
        var tree = threeBranches();
        Turn elsewhere = turns.answer(
                turns.ask(new Origin("discord", "777", "3", Optional.of("901")), OptionalLong.empty(), "x"), "1");
        String sha = tree.first().images().getFirst().sha256();

        var thumbnail = get(URI.create(tree.page() + "/thumb/" + sha));

        assertThat(thumbnail.statusCode()).isEqualTo(200);
        assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        var read = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
        assertThat(Math.max(read.getWidth(), read.getHeight())).isEqualTo(Trees.THUMBNAIL_SIDE);
        assertThat(thumbnail.body().length).isLessThan(images.bytes(sha).orElseThrow().length);
        String other = elsewhere.images().getFirst().sha256();
        assertThat(get(URI.create(tree.page() + "/thumb/" + other)).statusCode())
                .isEqualTo(404);
        assertThat(get(URI.create(tree.page() + "/thumb/not-a-hash")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aTelegramNodeLeadsToAStartLinkThatContinuesFromIt() throws Exception {
        Origin carol = new Origin("telegram", "42", "42");
        Turn fox = turns.answer(turns.ask(carol, OptionalLong.empty(), "a fox"), "7");
        var link = (Trees.Asked.Link) trees.link(carol, Optional.empty(), "zh");

        String page = new String(get(link.url()).body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains("<html lang=\"zh\"", "在 Telegram 中继续");
        String token = link.url().getPath().substring(3);
        assertThat(page).contains("href=\"" + token + "/go/" + fox.id() + "\"");

        var go = get(URI.create(link.url() + "/go/" + fox.id()));

        assertThat(go.statusCode()).isEqualTo(303);
        String location = go.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("https://t\\.me/redraw_bot\\?start=[A-Za-z0-9_-]{43}");
        String start = location.substring(location.indexOf('=') + 1);
        assertThat(trees.start(carol, start, Memberships.NONE)).isEqualTo(new Trees.Started.Continue(fox));
        assertThat(get(URI.create(link.url() + "/go/" + (fox.id() + 1000))).statusCode())
                .isEqualTo(404);
    }
}

package dev.redraw.bench;

import dev.redraw.app.http.TreeRoute;
import dev.redraw.app.http.WebRequest;
import dev.redraw.app.http.WebResponse;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.NewTurn;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.image.ImageCodec;
import dev.redraw.core.limits.Bulkheads;
import dev.redraw.core.link.Tokens;
import dev.redraw.core.settings.RemixRules;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcCommunityStore;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcImageStore;
import dev.redraw.core.storage.JdbcSettingsStore;
import dev.redraw.core.storage.JdbcTreeStore;
import dev.redraw.core.tree.Trees;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * A tree page of {@code nodes} results (a binary tree of edits, each result with a 1024 × 1024 PNG
 * of its own) in an H2 file database: the page as the route serves it (the tree loaded, what the
 * viewer may see worked out, the HTML written), then its thumbnails, first made from the originals
 * and then served as kept.
 */
record TreePageBenchmark(int nodes, Path directory) {

    record Result(
            int nodes,
            int samples,
            double pageP50Millis,
            double pageP99Millis,
            double pageKilobytes,
            double firstThumbnailP50Millis,
            double keptThumbnailP50Millis,
            double thumbnailKilobytes) {}

    private static final Origin ALICE = new Origin("telegram", "100", "1");
    private static final Pattern THUMBNAIL = Pattern.compile("src=\"([A-Za-z0-9_-]{43}/thumb/[0-9a-f]{64})\"");

    Result run(int warmup, int samples) throws Exception {
        BenchSupport.deleteRecursively(directory);
        Files.createDirectories(directory);
        var settings = Database.Settings.of(
                "jdbc:h2:file:" + directory.toAbsolutePath().resolve("trees"));
        Clock clock = Clock.systemUTC();
        try (var database = Database.open(settings)) {
            var conversations = new JdbcConversationStore(database.dataSource(), clock);
            var images = new JdbcImageStore(database.dataSource(), clock);
            var trees = new Trees(
                    conversations,
                    images,
                    new JdbcTreeStore(database.dataSource(), clock),
                    new RemixRules(
                            new JdbcSettingsStore(database.dataSource(), clock),
                            new JdbcCommunityStore(database.dataSource(), clock)),
                    Bulkheads.forThisMachine(),
                    Optional.of(URI.create("https://redraw.example.com/")),
                    Duration.ofDays(7),
                    clock,
                    new Tokens(new SecureRandom()));
            var route = new TreeRoute(trees, token -> Optional.of("https://t.me/redraw_bot?start=" + token));
            long last = load(conversations, images);
            var link = (Trees.Asked.Link) trees.link(ALICE, Optional.of(Long.toString(last)), "en");
            String token = link.url().getPath().substring(Trees.PATH_PREFIX.length());

            long[] pages = new long[samples];
            int pageBytes = 0;
            for (int i = 0; i < warmup + samples; i++) {
                long t0 = System.nanoTime();
                WebResponse page = route.handle(new WebRequest("GET", Trees.PATH_PREFIX + token, token));
                long elapsed = System.nanoTime() - t0;
                if (page.status() != 200) {
                    throw new IllegalStateException("the page answered " + page.status());
                }
                pageBytes = page.body().length;
                if (i >= warmup) {
                    pages[i - warmup] = elapsed;
                }
            }
            Arrays.sort(pages);

            String html = new String(
                    route.handle(new WebRequest("GET", Trees.PATH_PREFIX + token, token))
                            .body(),
                    java.nio.charset.StandardCharsets.UTF_8);
            List<String> thumbnails =
                    THUMBNAIL.matcher(html).results().map(m -> m.group(1)).toList();
            if (thumbnails.size() != nodes) {
                throw new IllegalStateException(thumbnails.size() + " thumbnails on a page of " + nodes);
            }
            long[] first = thumbnails(route, thumbnails);
            long[] kept = thumbnails(route, thumbnails);
            long thumbnailBytes = 0;
            for (String path : thumbnails.subList(0, 10)) {
                thumbnailBytes += route.handle(new WebRequest("GET", Trees.PATH_PREFIX + path, path))
                        .body()
                        .length;
            }
            return new Result(
                    nodes,
                    samples,
                    BenchSupport.percentile(pages, 0.50) / 1e6,
                    BenchSupport.percentile(pages, 0.99) / 1e6,
                    pageBytes / 1024.0,
                    BenchSupport.percentile(first, 0.50) / 1e6,
                    BenchSupport.percentile(kept, 0.50) / 1e6,
                    thumbnailBytes / 10 / 1024.0);
        } finally {
            BenchSupport.deleteRecursively(directory);
        }
    }

    private static long[] thumbnails(TreeRoute route, List<String> paths) {
        long[] nanos = new long[paths.size()];
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            long t0 = System.nanoTime();
            WebResponse thumbnail = route.handle(new WebRequest("GET", Trees.PATH_PREFIX + path, path));
            nanos[i] = System.nanoTime() - t0;
            if (thumbnail.status() != 200) {
                throw new IllegalStateException("a thumbnail answered " + thumbnail.status());
            }
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /** A binary tree of {@code nodes} results; returns the message that shows the last one. */
    private long load(JdbcConversationStore conversations, JdbcImageStore images) {
        List<Turn> results = new ArrayList<>();
        long message = 0;
        for (int i = 0; i < nodes; i++) {
            OptionalLong parent = i == 0
                    ? OptionalLong.empty()
                    : OptionalLong.of(results.get((i - 1) / 2).id());
            Turn request = conversations.append(new NewTurn(
                    parent,
                    Role.USER,
                    List.of(new Part.Text("step " + i + ": a lighthouse at dusk, oil painting, warmer light")),
                    ALICE,
                    Optional.of("gemini-2.5-flash-image"),
                    Optional.empty()));
            byte[] png = png(i);
            ImageRef image = images.put(png, "image/png", SIDE, SIDE);
            Turn answer = conversations.append(new NewTurn(
                    OptionalLong.of(request.id()),
                    Role.MODEL,
                    List.of(new Part.Image(image)),
                    ALICE,
                    Optional.of("gemini-2.5-flash-image"),
                    Optional.empty()));
            message = i + 1;
            conversations.link(new MessageRef("telegram", ALICE.chatId(), Long.toString(message)), answer.id());
            results.add(answer);
        }
        return message;
    }

    private static final int SIDE = 1024;

    /** A 1024 × 1024 image of its own for each node: a gradient whose colours the node's number sets. */
    private static byte[] png(int node) {
        var image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        try {
            graphics.setPaint(new java.awt.GradientPaint(
                    0,
                    0,
                    new Color(node * 37 % 256, node * 91 % 256, 128),
                    SIDE,
                    SIDE,
                    new Color(node % 256, 64, 200)));
            graphics.fillRect(0, 0, SIDE, SIDE);
        } finally {
            graphics.dispose();
        }
        return ImageCodec.encodePng(image);
    }
}

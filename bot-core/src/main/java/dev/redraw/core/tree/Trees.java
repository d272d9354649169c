package dev.redraw.core.tree;

import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.image.Thumbnails;
import dev.redraw.core.limits.Bulkheads;
import dev.redraw.core.limits.RecentlyUsed;
import dev.redraw.core.link.Tokens;
import dev.redraw.core.settings.Memberships;
import dev.redraw.core.settings.RemixRules;
import dev.redraw.core.tree.TreeStore.PageLink;
import dev.redraw.core.tree.TreeStore.Thumbnail;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edit tree on the web: {@code /tree} answers with a private, unguessable, expiring link {@code
 * {public-url}/t/<token>} to a page that shows the whole conversation, and Telegram's continue links
 * ({@code t.me/<bot>?start=<token>}) open it again in a private chat.
 *
 * <p>A page shows what its viewer (the user who asked, in the chat they asked in) has seen: their
 * own results, the image they asked about, the steps those were made from, and on Telegram the
 * results others made in that chat (every member sees them). Everything else of the conversation is
 * left out with the branches under it: another user's remix in their own chat, and on Discord other
 * users' results, any of which may have been shown to its author alone.
 */
public final class Trees {

    private static final Logger LOG = LoggerFactory.getLogger(Trees.class);

    /** The path under the public URL that tree pages live in. */
    public static final String PATH_PREFIX = "/t/";

    /** The longer side of a thumbnail, in pixels: twice what a page shows, for sharp high-density screens. */
    public static final int THUMBNAIL_SIDE = 192;

    /**
     * The most turns a page shows: a conversation larger than this shows its oldest turns, and the
     * way to the image asked about.
     */
    public static final int MAX_TURNS = 2000;

    private final ConversationStore conversations;
    private final ImageStore images;
    private final TreeStore store;
    private final RemixRules remixRules;
    private final Bulkheads bulkheads;
    private final Optional<String> publicBase;
    private final Duration lifetime;
    private final Clock clock;
    private final Tokens tokens;
    private final VisibleImages visible = new VisibleImages();
    /** Thumbnails made at once: a page of many new images does not take every decoding thread. */
    private final java.util.concurrent.Semaphore making = new java.util.concurrent.Semaphore(2);

    /**
     * @param publicUrl the address the bot's HTTP server is reached at from outside; without one no
     *     page can be linked, and {@code /tree} says so
     * @param lifetime how long a page link, and a continue link made from a page, works
     */
    public Trees(
            ConversationStore conversations,
            ImageStore images,
            TreeStore store,
            RemixRules remixRules,
            Bulkheads bulkheads,
            Optional<URI> publicUrl,
            Duration lifetime,
            Clock clock,
            Tokens tokens) {
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.images = Objects.requireNonNull(images, "images");
        this.store = Objects.requireNonNull(store, "store");
        this.remixRules = Objects.requireNonNull(remixRules, "remixRules");
        this.bulkheads = Objects.requireNonNull(bulkheads, "bulkheads");
        this.publicBase = publicUrl.map(url -> url.toString().replaceAll("/+$", ""));
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a link must live for some time");
        }
        this.lifetime = lifetime;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /** The answer to {@code /tree}. */
    public sealed interface Asked {
        /** The page's link, and when it stops working. */
        record Link(URI url, Instant expiresAt) implements Asked {}

        /** The user has made nothing in this chat yet. */
        record NoConversation() implements Asked {}

        /** The replied-to message shows no image the bot still knows. */
        record Gone() implements Asked {}

        /** The operator has not given the bot a public address ({@code server.public-url}). */
        record Unavailable() implements Asked {}
    }

    /**
     * A link to the tree of the result {@code repliedToMessageId} shows (a message in the asker's
     * chat), with the path to it marked; without a reply, to the asker's newest conversation in this
     * chat, with its newest turn marked.
     *
     * @param language the language the page is written in
     */
    public Asked link(Origin asker, Optional<String> repliedToMessageId, String language) {
        if (publicBase.isEmpty()) {
            return new Asked.Unavailable();
        }
        OptionalLong marked;
        if (repliedToMessageId.isPresent()) {
            // Looked up in the asker's own chat only: nothing of another chat can be named.
            marked = conversations.resolve(new MessageRef(asker.platform(), asker.chatId(), repliedToMessageId.get()));
            if (marked.isEmpty()) {
                return new Asked.Gone();
            }
        } else {
            marked = conversations.newestTurn(asker);
            if (marked.isEmpty()) {
                return new Asked.NoConversation();
            }
        }
        List<Turn> path = conversations.path(marked.getAsLong());
        if (path.isEmpty()) {
            return new Asked.Gone();
        }
        String token = tokens.next();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        // Expired links are swept as new ones are made: the tables hold about one lifetime's worth.
        store.deleteExpired(now);
        store.savePage(
                Tokens.hash(token), new PageLink(path.getFirst().id(), marked, viewerOf(asker), language, expiresAt));
        return new Asked.Link(URI.create(publicBase.get() + PATH_PREFIX + token), expiresAt);
    }

    /** The page behind {@code token}; empty when the token is malformed, unknown or expired, or the tree is gone. */
    public Optional<TreePage> page(String token) {
        return open(token).flatMap(link -> build(Tokens.hash(token), link));
    }

    /** Too many thumbnails are being made for a while; the client may ask again. */
    public static final class BusyException extends Exception {
        BusyException() {
            super("thumbnails are being made", null, false, false);
        }
    }

    /**
     * The thumbnail of image {@code sha256} on the page behind {@code token}; empty unless the page
     * shows that image. Made once, on first request, and kept.
     */
    public Optional<Thumbnail> thumbnail(String token, String sha256) throws InterruptedException, BusyException {
        Optional<PageLink> link = open(token);
        if (link.isEmpty() || !visible.shows(Tokens.hash(token), sha256, () -> build(Tokens.hash(token), link.get()))) {
            return Optional.empty();
        }
        Optional<Thumbnail> kept = store.thumbnail(sha256);
        if (kept.isPresent()) {
            return kept;
        }
        if (!making.tryAcquire(5, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new BusyException();
        }
        Optional<byte[]> small;
        try {
            Optional<byte[]> original = images.bytes(sha256);
            if (original.isEmpty()) {
                return Optional.empty();
            }
            small = bulkheads.decode(() -> Thumbnails.jpeg(original.get(), THUMBNAIL_SIDE));
        } finally {
            making.release();
        }
        if (small.isEmpty()) {
            return Optional.empty();
        }
        Thumbnail made = new Thumbnail("image/jpeg", small.get());
        try {
            store.saveThumbnail(sha256, made);
        } catch (RuntimeException e) {
            // Served all the same; the next request makes it again.
            LOG.warn("could not keep the thumbnail of image {}: {}", sha256, e.toString());
        }
        return Optional.of(made);
    }

    /**
     * A new continue link's token for node {@code turnId} of the page behind {@code pageToken}, for
     * Telegram's {@code t.me/<bot>?start=<token>}; empty unless the page shows that node.
     */
    public Optional<String> continueFrom(String pageToken, long turnId) {
        Optional<PageLink> link = open(pageToken);
        if (link.isEmpty()) {
            return Optional.empty();
        }
        Optional<TreePage> page = build(Tokens.hash(pageToken), link.get());
        Optional<TreePage.Node> node = page.flatMap(found -> find(found.roots(), turnId));
        // Telegram's links open Telegram's results only.
        if (node.isEmpty() || !node.get().author().platform().equals(TELEGRAM)) {
            return Optional.empty();
        }
        String token = tokens.next();
        Instant now = clock.instant();
        store.deleteExpired(now);
        store.saveStart(Tokens.hash(token), turnId, now.plus(lifetime));
        return Optional.of(token);
    }

    /** How long a lasting continue link works: as long as its result, which retention and /forget end. */
    private static final Duration LASTING = Duration.ofDays(36_500);

    /**
     * A new continue link's token for turn {@code turnId} that lasts as long as the turn: for a
     * gallery post's Remix link, which anyone who sees the post may open.
     */
    public String lastingStart(long turnId) {
        String token = tokens.next();
        store.saveStart(Tokens.hash(token), turnId, clock.instant().plus(LASTING));
        return token;
    }

    /** What a continue link opens. */
    public sealed interface Started {
        /** Continue from {@code turn}: show its images to the user, linked to it. */
        record Continue(Turn turn) implements Started {}

        /** The link is malformed, unknown or expired, or its image is gone. */
        record Gone() implements Started {}

        /** Someone else's image, from a chat that does not let others remix. */
        record NotAllowed() implements Started {}
    }

    /**
     * Opens a continue link for {@code presser}; {@code who} tells their roles in the community the
     * image was made in, where its rules name one.
     */
    public Started start(Origin presser, String token, Memberships who) {
        if (!Tokens.wellFormed(token)) {
            return new Started.Gone();
        }
        OptionalLong turnId = store.findStart(Tokens.hash(token), clock.instant());
        Optional<Turn> turn = turnId.isEmpty() ? Optional.empty() : conversations.find(turnId.getAsLong());
        if (turn.isEmpty()) {
            return new Started.Gone();
        }
        Origin author = turn.get().origin();
        if (!author.platform().equals(presser.platform())) {
            return new Started.Gone();
        }
        boolean own =
                author.platform().equals(presser.platform()) && author.userId().equals(presser.userId());
        if (!own && !remixRules.allows(author.platform(), author.community(), who)) {
            return new Started.NotAllowed();
        }
        return new Started.Continue(turn.get());
    }

    private Optional<PageLink> open(String token) {
        if (!Tokens.wellFormed(token)) {
            return Optional.empty();
        }
        return store.findPage(Tokens.hash(token), clock.instant());
    }

    private static Origin viewerOf(Origin asker) {
        return new Origin(asker.platform(), asker.chatId(), asker.userId());
    }

    private Optional<TreePage> build(String tokenHash, PageLink link) {
        List<Turn> turns = conversations.tree(link.rootId(), MAX_TURNS + 1);
        // A conversation retention expired shows nothing: its images are gone.
        if (turns.isEmpty() || conversations.expiredAt(link.rootId()).isPresent()) {
            return Optional.empty();
        }
        boolean truncated = turns.size() > MAX_TURNS;
        if (truncated) {
            turns = turns.subList(0, MAX_TURNS);
        }
        Map<Long, Turn> byId = new LinkedHashMap<>();
        turns.forEach(turn -> byId.put(turn.id(), turn));
        OptionalLong marked = link.markedId();
        Set<Long> path = new HashSet<>();
        if (marked.isPresent()) {
            // The image asked about and the steps to it are on the page, however large the tree.
            for (Turn step : conversations.path(marked.getAsLong())) {
                byId.putIfAbsent(step.id(), step);
                path.add(step.id());
            }
        }
        Set<Long> shown = shownTo(link.viewer(), byId);
        // The viewer saw the image asked about in their own chat, and so the steps to it.
        shown.addAll(path);
        Map<Long, List<Turn>> children = new HashMap<>();
        for (Turn turn : byId.values()) {
            if (shown.contains(turn.id()) && turn.parentId().isPresent()) {
                children.computeIfAbsent(turn.parentId().getAsLong(), id -> new ArrayList<>())
                        .add(turn);
            }
        }
        children.values().forEach(list -> list.sort(java.util.Comparator.comparingLong(Turn::id)));
        Map<Long, List<MessageRef>> posted = conversations.links(shown);
        var builder = new NodeBuilder(children, posted, path, marked);
        Turn root = byId.get(link.rootId());
        List<TreePage.Node> roots;
        if (root == null || !shown.contains(root.id())) {
            roots = List.of();
        } else if (root.images().isEmpty() || root.role() != Role.USER) {
            roots = builder.resultsOf(root);
        } else {
            roots = List.of(builder.node(root, root));
        }
        TreePage page = new TreePage(link.language(), link.expiresAt(), roots, builder.count, truncated);
        visible.remember(tokenHash, page);
        return Optional.of(page);
    }

    /**
     * The turns {@code viewer} has seen: their own, on Telegram those made in their chat (every
     * member sees them), and every step those were made from.
     */
    private static Set<Long> shownTo(Origin viewer, Map<Long, Turn> byId) {
        Set<Long> shown = new HashSet<>();
        for (Turn turn : byId.values()) {
            Origin author = turn.origin();
            boolean own = author.platform().equals(viewer.platform())
                    && author.userId().equals(viewer.userId());
            boolean here = author.platform().equals(TELEGRAM)
                    && viewer.platform().equals(TELEGRAM)
                    && author.chatId().equals(viewer.chatId());
            if (own || here) {
                for (Turn step = turn;
                        step != null && shown.add(step.id());
                        step = step.parentId().isPresent()
                                ? byId.get(step.parentId().getAsLong())
                                : null) {
                    // walks up to the root, or to a step already shown
                }
            }
        }
        return shown;
    }

    private static Optional<TreePage.Node> find(List<TreePage.Node> nodes, long turnId) {
        for (TreePage.Node node : nodes) {
            if (node.turnId() == turnId) {
                return Optional.of(node);
            }
            Optional<TreePage.Node> below = find(node.children(), turnId);
            if (below.isPresent()) {
                return below;
            }
        }
        return Optional.empty();
    }

    private static final String TELEGRAM = "telegram";

    /** Turns the shown turns into nodes: each model turn with the user turn that asked for it. */
    private static final class NodeBuilder {
        private final Map<Long, List<Turn>> children;
        private final Map<Long, List<MessageRef>> posted;
        private final Set<Long> path;
        private final OptionalLong marked;
        private int count;

        NodeBuilder(
                Map<Long, List<Turn>> children,
                Map<Long, List<MessageRef>> posted,
                Set<Long> path,
                OptionalLong marked) {
            this.children = children;
            this.posted = posted;
            this.path = path;
            this.marked = marked;
        }

        /** The results made from {@code turn}: the answers to each request under it, oldest first. */
        List<TreePage.Node> resultsOf(Turn turn) {
            List<TreePage.Node> results = new ArrayList<>();
            if (turn.role() == Role.USER) {
                for (Turn answer : children.getOrDefault(turn.id(), List.of())) {
                    if (answer.role() == Role.MODEL) {
                        results.add(node(answer, turn));
                    }
                }
                return results;
            }
            for (Turn request : children.getOrDefault(turn.id(), List.of())) {
                results.addAll(resultsOf(request));
            }
            return results;
        }

        /** The node of {@code shows}, asked for by {@code request} (the same turn for sent photos). */
        TreePage.Node node(Turn shows, Turn request) {
            count++;
            List<MessageRef> where = new ArrayList<>(posted.getOrDefault(shows.id(), List.of()));
            if (where.isEmpty() && shows != request) {
                // Several images shown in one message are linked to their request.
                where.addAll(posted.getOrDefault(request.id(), List.of()));
            }
            List<TreePage.Node> made = shows == request ? resultsOf(request) : resultsOf(shows);
            return new TreePage.Node(
                    shows.id(),
                    shows.images(),
                    request.text(),
                    shows == request ? Optional.empty() : shows.model().or(request::model),
                    request.origin(),
                    mark(shows, request),
                    where,
                    made);
        }

        private TreePage.Mark mark(Turn shows, Turn request) {
            if (marked.isPresent()
                    && (marked.getAsLong() == shows.id() || (shows != request && marked.getAsLong() == request.id()))) {
                return TreePage.Mark.MARKED;
            }
            return path.contains(shows.id()) ? TreePage.Mark.ON_PATH : TreePage.Mark.NONE;
        }
    }

    /**
     * The images each recently built page shows, by its token's hash, so that a page's thumbnails
     * (one request each) are checked without building the tree again. Bounded; an instance that has
     * not built the page builds it once.
     */
    private static final class VisibleImages {
        private static final int PAGES = 256;
        private final Map<String, Set<String>> byPage = RecentlyUsed.map(PAGES);

        synchronized void remember(String tokenHash, TreePage page) {
            byPage.put(tokenHash, imagesOf(page.roots()));
        }

        boolean shows(String tokenHash, String sha256, java.util.function.Supplier<Optional<TreePage>> build) {
            Set<String> known;
            synchronized (this) {
                known = byPage.get(tokenHash);
            }
            if (known == null) {
                Optional<TreePage> page = build.get();
                if (page.isEmpty()) {
                    return false;
                }
                known = imagesOf(page.get().roots());
            }
            return known.contains(sha256);
        }

        private static Set<String> imagesOf(List<TreePage.Node> nodes) {
            Set<String> shas = new HashSet<>();
            for (TreePage.Node node : nodes) {
                node.images().stream().map(ImageRef::sha256).forEach(shas::add);
                shas.addAll(imagesOf(node.children()));
            }
            return shas.stream().collect(Collectors.toUnmodifiableSet());
        }
    }
}

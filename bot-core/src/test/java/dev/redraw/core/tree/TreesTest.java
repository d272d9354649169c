package dev.redraw.core.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.NewTurn;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.image.ImageSniffer;
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
import dev.redraw.core.storage.OnEachDatabase;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.testing.MutableClock;
import dev.redraw.core.testing.TestImages;
import dev.redraw.core.testing.TreeTurns;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TreesTest extends OnEachDatabase {

    TreesTest(TestDatabase.Engine engine) {
        super(engine);
    }

    private static final String GROUP = "-100";
    private static final Origin ALICE = new Origin("telegram", GROUP, "1");
    private static final Origin BOB = new Origin("telegram", GROUP, "2");
    private static final Origin CAROL_PRIVATE = new Origin("telegram", "3", "3");
    private static final Origin CAROL_IN_GROUP = new Origin("telegram", GROUP, "3");

    private final Database database = engine.open();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final JdbcConversationStore conversations = new JdbcConversationStore(database.dataSource(), clock);
    private final JdbcImageStore images = new JdbcImageStore(database.dataSource(), clock);
    private final TreeTurns turns = new TreeTurns(conversations, images);
    private final JdbcSettingsStore settings = new JdbcSettingsStore(database.dataSource(), clock);
    private final JdbcTreeStore store = new JdbcTreeStore(database.dataSource(), clock);
    private final Bulkheads bulkheads = new Bulkheads(1, 1);
    private final Trees trees = trees(Optional.of(URI.create("https://bot.example.com/redraw/")));

    @AfterEach
    void close() {
        database.close();
    }

    private Trees trees(Optional<URI> publicUrl) {
        return new Trees(
                conversations,
                images,
                store,
                new RemixRules(settings, new JdbcCommunityStore(database.dataSource(), clock)),
                bulkheads,
                publicUrl,
                Duration.ofDays(7),
                clock,
                new Tokens(new SecureRandom()));
    }

    private static String token(URI link) {
        String path = link.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private String linkFor(Origin who, Optional<String> replyTo) {
        var asked = trees.link(who, replyTo, "en");
        assertThat(asked).isInstanceOf(Trees.Asked.Link.class);
        return token(((Trees.Asked.Link) asked).url());
    }

    /** A conversation that began with a photo {@code who} sent, asking to make it blue. */
    private Turn photoSent(Origin who) {
        ImageRef photo = images.put(TestImages.png(300, 200, Color.RED), "image/png", 300, 200);
        return conversations.append(new NewTurn(
                OptionalLong.empty(),
                Role.USER,
                List.of(new Part.Image(photo), new Part.Text("make it blue")),
                who,
                Optional.of("m"),
                Optional.empty()));
    }

    private static List<TreePage.Node> all(List<TreePage.Node> nodes) {
        List<TreePage.Node> flat = new ArrayList<>();
        for (TreePage.Node node : nodes) {
            flat.add(node);
            flat.addAll(all(node.children()));
        }
        return flat;
    }

    private static TreePage.Node nodeOf(TreePage page, Turn turn) {
        return all(page.roots()).stream()
                .filter(node -> node.turnId() == turn.id())
                .findFirst()
                .orElseThrow(() -> new AssertionError("turn " + turn.id() + " is not on the page"));
    }

    @Test
    void aReplyLinksAPrivatePageOfTheWholeTreeWithThePathToTheRepliedImageMarked() {
        Turn first = turns.answer(turns.ask(ALICE, OptionalLong.empty(), "a lighthouse"), "10");
        Turn left = turns.edit(ALICE, first, "at night", "11");
        Turn middle = turns.edit(ALICE, first, "in snow", "12");
        Turn right = turns.edit(BOB, first, "as a poster", "13");
        Turn deeper = turns.edit(ALICE, left, "with stars", "14");

        var asked = trees.link(ALICE, Optional.of("14"), "zh");

        var link = (Trees.Asked.Link) asked;
        assertThat(link.url().toString()).matches("https://bot\\.example\\.com/redraw/t/[A-Za-z0-9_-]{43}");
        assertThat(link.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
        TreePage page = trees.page(token(link.url())).orElseThrow();
        assertThat(page.language()).isEqualTo("zh");
        assertThat(page.size()).isEqualTo(5);
        assertThat(page.roots()).extracting(TreePage.Node::turnId).containsExactly(first.id());
        assertThat(page.roots().getFirst().children())
                .extracting(TreePage.Node::turnId)
                .containsExactly(left.id(), middle.id(), right.id());
        assertThat(nodeOf(page, deeper).mark()).isEqualTo(TreePage.Mark.MARKED);
        assertThat(nodeOf(page, left).mark()).isEqualTo(TreePage.Mark.ON_PATH);
        assertThat(nodeOf(page, first).mark()).isEqualTo(TreePage.Mark.ON_PATH);
        assertThat(nodeOf(page, middle).mark()).isEqualTo(TreePage.Mark.NONE);
        assertThat(nodeOf(page, right).prompt()).isEqualTo("as a poster");
        assertThat(nodeOf(page, right).model()).contains("gemini-2.5-flash-image");
        assertThat(nodeOf(page, right).posted()).containsExactly(new MessageRef("telegram", GROUP, "13"));
    }

    @Test
    void withoutAReplyThePageMarksTheNewestTurnOfTheAskerInThisChat() {
        Turn first = turns.answer(turns.ask(ALICE, OptionalLong.empty(), "a lighthouse"), "10");
        Turn mine = turns.edit(ALICE, first, "at night", "11");
        turns.edit(BOB, first, "as a poster", "12");

        TreePage page = trees.page(linkFor(ALICE, Optional.empty())).orElseThrow();

        assertThat(nodeOf(page, mine).mark()).isEqualTo(TreePage.Mark.MARKED);
        assertThat(nodeOf(page, first).mark()).isEqualTo(TreePage.Mark.ON_PATH);
    }

    @Test
    void photosAConversationBeganWithAreItsFirstNode() {
        Turn sent = photoSent(ALICE);
        ImageRef photo = sent.images().getFirst();
        Turn result = turns.answer(sent, "10");

        TreePage page = trees.page(linkFor(ALICE, Optional.of("10"))).orElseThrow();

        TreePage.Node root = page.roots().getFirst();
        assertThat(root.turnId()).isEqualTo(sent.id());
        assertThat(root.images()).containsExactly(photo);
        assertThat(root.model()).isEmpty();
        assertThat(root.children()).extracting(TreePage.Node::turnId).containsExactly(result.id());
    }

    @Test
    void aTelegramPageShowsWhatTheChatSawAndLeavesOutARemixInAnotherChat() {
        Turn first = turns.answer(turns.ask(ALICE, OptionalLong.empty(), "a lighthouse"), "10");
        Turn inGroup = turns.edit(ALICE, first, "at night", "11");
        Turn carolsRemix = turns.edit(CAROL_PRIVATE, inGroup, "in a private chat", "5");
        Turn bobs = turns.edit(BOB, first, "bob's take", "12");

        TreePage alices = trees.page(linkFor(ALICE, Optional.of("11"))).orElseThrow();
        assertThat(all(alices.roots()))
                .extracting(TreePage.Node::turnId)
                .containsExactly(first.id(), inGroup.id(), bobs.id());

        // Carol saw her own remix and the steps it came from, not what the group made besides.
        TreePage carols = trees.page(linkFor(CAROL_PRIVATE, Optional.of("5"))).orElseThrow();
        assertThat(all(carols.roots()))
                .extracting(TreePage.Node::turnId)
                .containsExactly(first.id(), inGroup.id(), carolsRemix.id());
    }

    @Test
    void aDiscordPageLeavesOutOtherUsersResultsWhichMayHaveBeenShownToThemAlone() {
        Origin dana = new Origin("discord", "500", "7", Optional.of("900"));
        Origin erin = new Origin("discord", "500", "8", Optional.of("900"));
        Turn first = turns.answer(turns.ask(dana, OptionalLong.empty(), "a lighthouse"), "20");
        Turn erins = turns.edit(erin, first, "kept to herself", "21");
        Turn danas = turns.edit(dana, first, "at night", "22");

        TreePage page = trees.page(linkFor(dana, Optional.empty())).orElseThrow();
        assertThat(all(page.roots())).extracting(TreePage.Node::turnId).containsExactly(first.id(), danas.id());

        TreePage hers = trees.page(linkFor(erin, Optional.empty())).orElseThrow();
        assertThat(all(hers.roots())).extracting(TreePage.Node::turnId).containsExactly(first.id(), erins.id());
    }

    @Test
    void theImageAskedAboutIsShownEvenWhenItIsSomeoneElsesFromAnotherChat() {
        Turn first = turns.answer(turns.ask(ALICE, OptionalLong.empty(), "a lighthouse"), "10");
        Turn night = turns.edit(ALICE, first, "at night", "11");
        // A continue link showed Alice's image in Carol's private chat.
        conversations.link(new MessageRef("telegram", CAROL_PRIVATE.chatId(), "30"), night.id());

        TreePage page = trees.page(linkFor(CAROL_PRIVATE, Optional.of("30"))).orElseThrow();

        assertThat(all(page.roots())).extracting(TreePage.Node::turnId).containsExactly(first.id(), night.id());
        assertThat(nodeOf(page, night).mark()).isEqualTo(TreePage.Mark.MARKED);
    }

    @Test
    void photosSomeoneElseSentAreNotShownToAViewerWhoNoLongerSeesAnythingOfTheConversation() throws Exception {
        Turn sent = photoSent(CAROL_PRIVATE);
        ImageRef photo = sent.images().getFirst();
        turns.answer(sent, "40");
        turns.edit(ALICE, sent, "in the group", "41");
        String bobs = linkFor(BOB, Optional.of("41"));

        conversations.forget("telegram", "1");

        TreePage page = trees.page(bobs).orElseThrow();
        assertThat(page.roots()).isEmpty();
        assertThat(trees.thumbnail(bobs, photo.sha256())).isEmpty();
    }

    @Test
    void aViewersForgetTakesTheirPagesOfOthersConversationsWithThem() {
        Turn sent = photoSent(CAROL_PRIVATE);
        turns.answer(sent, "40");
        Turn alices = turns.edit(ALICE, sent, "mine", "41");
        String token = linkFor(ALICE, Optional.of("41"));

        conversations.forget("telegram", "1");

        assertThat(trees.page(token)).isEmpty();
        assertThat(conversations.find(alices.id())).isEmpty();
    }

    @Test
    void aReplyResolvesOnlyInTheAskersOwnChat() {
        turns.answer(turns.ask(CAROL_PRIVATE, OptionalLong.empty(), "secret"), "77");

        assertThat(trees.link(ALICE, Optional.of("77"), "en")).isInstanceOf(Trees.Asked.Gone.class);
        assertThat(trees.link(ALICE, Optional.empty(), "en")).isInstanceOf(Trees.Asked.NoConversation.class);
        assertThat(trees(Optional.empty()).link(CAROL_PRIVATE, Optional.empty(), "en"))
                .isInstanceOf(Trees.Asked.Unavailable.class);
    }

    @Test
    void aWrongMalformedOrExpiredTokenOpensNothing() {
        turns.answer(turns.ask(ALICE, OptionalLong.empty(), "a lighthouse"), "10");
        String token = linkFor(ALICE, Optional.empty());

        assertThat(trees.page(token)).isPresent();
        assertThat(trees.page(new Tokens(new SecureRandom()).next())).isEmpty();
        assertThat(trees.page("../../etc/passwd")).isEmpty();
        assertThat(trees.page(null)).isEmpty();
        clock.advance(Duration.ofDays(7));
        assertThat(trees.page(token)).isEmpty();
    }

    @Test
    void thumbnailsAreSmallJpegsOfImagesThePageShowsMadeOnce() throws Exception {
        Turn first = turns.answer(turns.ask(ALICE, OptionalLong.empty(), "a lighthouse"), "10");
        Turn carols = turns.edit(CAROL_PRIVATE, first, "hidden", "5");
        String token = linkFor(ALICE, Optional.empty());
        String shown = first.images().getFirst().sha256();

        var thumbnail = trees.thumbnail(token, shown).orElseThrow();

        assertThat(thumbnail.mimeType()).isEqualTo("image/jpeg");
        var read = ImageIO.read(new ByteArrayInputStream(thumbnail.bytes()));
        assertThat(Math.max(read.getWidth(), read.getHeight())).isEqualTo(Trees.THUMBNAIL_SIDE);
        assertThat(ImageSniffer.detect(thumbnail.bytes())).isPresent();
        assertThat(store.thumbnail(shown)).isPresent();
        assertThat(trees.thumbnail(token, shown).orElseThrow().bytes()).isEqualTo(thumbnail.bytes());
        assertThat(trees.thumbnail(token, carols.images().getFirst().sha256())).isEmpty();
        assertThat(trees.thumbnail("x".repeat(43), shown)).isEmpty();
    }

    @Test
    void aContinueLinkIsMadeOnlyForANodeThePageShowsAndOpensItForThoseWhoMayRemix() {
        Turn first = turns.answer(turns.ask(ALICE, OptionalLong.empty(), "a lighthouse"), "10");
        Turn hidden = turns.edit(CAROL_PRIVATE, first, "hidden", "5");
        String page = linkFor(ALICE, Optional.empty());

        assertThat(trees.continueFrom(page, hidden.id())).isEmpty();
        assertThat(trees.continueFrom(page, 999_999)).isEmpty();
        Origin dana = new Origin("discord", "500", "7", Optional.of("900"));
        Turn danas = turns.answer(turns.ask(dana, OptionalLong.empty(), "on discord"), "20");
        assertThat(trees.continueFrom(linkFor(dana, Optional.empty()), danas.id()))
                .as("Telegram's links open Telegram's results only")
                .isEmpty();
        String start = trees.continueFrom(page, first.id()).orElseThrow();

        assertThat(trees.start(new Origin("telegram", "1", "1"), start, Memberships.NONE))
                .isEqualTo(new Trees.Started.Continue(
                        conversations.find(first.id()).orElseThrow()));
        assertThat(trees.start(CAROL_PRIVATE, start, Memberships.NONE)).isInstanceOf(Trees.Started.Continue.class);
        settings.setRemixAllowed("telegram", GROUP, false);
        assertThat(trees.start(CAROL_PRIVATE, start, Memberships.NONE)).isInstanceOf(Trees.Started.NotAllowed.class);
        assertThat(trees.start(new Origin("telegram", "1", "1"), start, Memberships.NONE))
                .isInstanceOf(Trees.Started.Continue.class);
        assertThat(trees.start(CAROL_IN_GROUP, "nonsense", Memberships.NONE)).isInstanceOf(Trees.Started.Gone.class);
        assertThat(trees.start(new Origin("discord", "500", "1", Optional.of("900")), start, Memberships.NONE))
                .isInstanceOf(Trees.Started.Gone.class);
        clock.advance(Duration.ofDays(8));
        assertThat(trees.start(new Origin("telegram", "1", "1"), start, Memberships.NONE))
                .isInstanceOf(Trees.Started.Gone.class);
    }

    @Test
    void aForgottenConversationTakesItsPageWithIt() {
        turns.answer(turns.ask(ALICE, OptionalLong.empty(), "a lighthouse"), "10");
        String token = linkFor(ALICE, Optional.empty());

        conversations.forget("telegram", "1");

        assertThat(trees.page(token)).isEmpty();
    }

    @Test
    void retentionTakesTheThumbnailsWithTheImages() throws Exception {
        Turn first = turns.answer(turns.ask(ALICE, OptionalLong.empty(), "a lighthouse"), "10");
        String sha = first.images().getFirst().sha256();
        trees.thumbnail(linkFor(ALICE, Optional.empty()), sha).orElseThrow();
        assertThat(store.thumbnail(sha)).isPresent();

        clock.advance(Duration.ofDays(100));
        conversations.expireUntouchedSince(clock.instant().minus(Duration.ofDays(90)), clock.instant());

        assertThat(store.thumbnail(sha)).isEmpty();
    }

    @Test
    void aLargeTreeShowsItsOldestTurnsAndTheImageAskedAboutAndSaysItIsCut() {
        Turn previous = turns.answer(turns.ask(ALICE, OptionalLong.empty(), "start"), "1");
        for (int i = 0; i < Trees.MAX_TURNS / 2; i++) {
            previous = turns.answer(
                    turns.ask(ALICE, OptionalLong.of(previous.id()), "step " + i), Integer.toString(i + 2), 4, 4);
        }

        TreePage page = trees.page(linkFor(ALICE, Optional.empty())).orElseThrow();

        assertThat(page.truncated()).isTrue();
        // The oldest 2,000 turns hold 1,000 results; the newest, asked about, comes with the steps to it.
        assertThat(page.size()).isEqualTo(Trees.MAX_TURNS / 2 + 1);
        assertThat(nodeOf(page, previous).mark()).isEqualTo(TreePage.Mark.MARKED);
    }
}

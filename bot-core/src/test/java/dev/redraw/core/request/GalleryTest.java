package dev.redraw.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.settings.CommunityRules;
import dev.redraw.core.settings.Memberships;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcCommunityStore;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcImageStore;
import dev.redraw.core.storage.JdbcSettingsStore;
import dev.redraw.core.storage.OnEachDatabase;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.testing.MutableClock;
import dev.redraw.core.testing.TestCommunity;
import dev.redraw.core.testing.TreeTurns;
import dev.redraw.core.tree.Trees;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GalleryTest extends OnEachDatabase {

    GalleryTest(TestDatabase.Engine engine) {
        super(engine);
    }

    private static final String GROUP = "-100";
    private static final String CHANNEL = "-1009";
    private static final Origin ALICE = new Origin("telegram", GROUP, "1");
    private static final Origin BOB = new Origin("telegram", GROUP, "2");
    private static final Origin BOB_PRIVATE = new Origin("telegram", "2", "2");
    private static final Origin ALICE_ELSEWHERE = new Origin("telegram", "-200", "1");

    private final Database database = engine.open();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final JdbcConversationStore conversations = new JdbcConversationStore(database.dataSource(), clock);
    private final JdbcImageStore images = new JdbcImageStore(database.dataSource(), clock);
    private final TreeTurns turns = new TreeTurns(conversations, images);
    private final JdbcSettingsStore settings = new JdbcSettingsStore(database.dataSource(), clock);
    private final TestCommunity fixture = new TestCommunity(database, clock, conversations, images, settings);
    private final JdbcCommunityStore community = fixture.store;
    private final ResultActions results = fixture.results;
    private final Trees trees = fixture.trees;
    private final Gallery gallery = fixture.gallery;
    private final RecordingChannel channel = new RecordingChannel();

    @AfterEach
    void close() {
        database.close();
    }

    /** A gallery channel that keeps what it was asked to post and take down. */
    static final class RecordingChannel implements GalleryChannel {
        final List<GalleryPost> posted = Collections.synchronizedList(new ArrayList<>());
        final List<String> removed = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger next = new AtomicInteger(500);
        final java.util.Set<String> unreached = java.util.concurrent.ConcurrentHashMap.newKeySet();
        volatile boolean failing;
        volatile boolean refusing;
        volatile CountDownLatch holding;
        final CountDownLatch held = new CountDownLatch(1);

        @Override
        public boolean remixesByLink() {
            return true;
        }

        @Override
        public boolean reaches(String chatId) {
            return !unreached.contains(chatId);
        }

        @Override
        public String post(GalleryPost post) throws Exception {
            if (failing) {
                throw new java.io.IOException("500 Internal Server Error");
            }
            if (refusing) {
                throw new Refused("403 Forbidden: bot was kicked from the channel chat");
            }
            CountDownLatch hold = holding;
            if (hold != null) {
                holding = null;
                held.countDown();
                hold.await();
            }
            post.images().getFirst().bytes();
            posted.add(post);
            return Integer.toString(next.getAndIncrement());
        }

        @Override
        public boolean remove(String chatId, String messageId) throws Exception {
            if (failing) {
                throw new java.io.IOException("timeout");
            }
            removed.add(chatId + "/" + messageId);
            return true;
        }
    }

    private static MessageRef message(String id) {
        return new MessageRef("telegram", GROUP, id);
    }

    private Turn result(Origin who, String prompt, String message) {
        return turns.answer(turns.ask(who, OptionalLong.empty(), prompt), message);
    }

    private Gallery.Shared share(Origin who, String message, Turn turn) {
        return gallery.share(who, message(message), ResultButtons.SHARE + turn.id(), false, channel);
    }

    @Test
    void onlyTheCommunitysManagersNameItsGallery() {
        assertThat(gallery.setGallery(BOB, Preferences.ChatRole.MEMBER, CHANNEL))
                .isEqualTo(new Gallery.Managed.NotManager());
        assertThat(gallery.setGallery(BOB_PRIVATE, Preferences.ChatRole.PRIVATE_CHAT, CHANNEL))
                .isEqualTo(new Gallery.Managed.PrivateChat());
        assertThat(gallery.overview(BOB).galleryChatId()).isEmpty();

        assertThat(gallery.setGallery(ALICE, Preferences.ChatRole.ADMIN, CHANNEL))
                .isEqualTo(new Gallery.Managed.GallerySet(CHANNEL));
        assertThat(gallery.overview(BOB).galleryChatId()).contains(CHANNEL);
        assertThat(gallery.overview(ALICE_ELSEWHERE).galleryChatId())
                .as("another group's gallery is its own")
                .isEmpty();
        assertThat(gallery.setAutoShare(BOB, Preferences.ChatRole.MEMBER, true))
                .isEqualTo(new Gallery.Managed.NotManager());
        assertThat(gallery.setAutoShare(ALICE, Preferences.ChatRole.ADMIN, true))
                .isEqualTo(new Gallery.Managed.AutoShareSet(true));
        assertThat(gallery.overview(BOB).rules().autoShare()).isTrue();

        assertThat(gallery.clearGallery(ALICE, Preferences.ChatRole.ADMIN))
                .isEqualTo(new Gallery.Managed.GalleryCleared());
        assertThat(gallery.overview(BOB).galleryChatId()).isEmpty();
    }

    @Test
    void onlyAnAdministratorSwitchesRemixingOfTheirChat() {
        assertThat(gallery.setRemix(ALICE, Preferences.ChatRole.MEMBER, false, Optional.empty()))
                .isEqualTo(new Gallery.Managed.NotManager());
        assertThat(fixture.remix.switchedOn("telegram", GROUP)).isTrue();

        assertThat(gallery.setRemix(ALICE, Preferences.ChatRole.ADMIN, false, Optional.empty()))
                .isEqualTo(new Gallery.Managed.RemixSet(false, Optional.empty()));
        assertThat(settings.remixAllowed("telegram", GROUP)).isFalse();
        assertThat(fixture.remix.switchedOn("telegram", BOB.community())).isFalse();
        assertThat(settings.remixAllowed("telegram", "-200")).isTrue();

        assertThat(gallery.setRemix(ALICE, Preferences.ChatRole.ADMIN, true, Optional.empty()))
                .isEqualTo(new Gallery.Managed.RemixSet(true, Optional.empty()));
        assertThat(settings.remixAllowed("telegram", GROUP)).isTrue();
    }

    @Test
    void aPrivateChatHasNoRemixSwitch() {
        assertThat(gallery.setRemix(BOB_PRIVATE, Preferences.ChatRole.PRIVATE_CHAT, false, Optional.empty()))
                .isEqualTo(new Gallery.Managed.PrivateChat());
        assertThat(settings.remixAllowed("telegram", BOB_PRIVATE.chatId())).isTrue();
    }

    @Test
    void onDiscordTheSwitchIsTheServersForEveryChannel() {
        var manager = new Origin("discord", "channel-1", "7", Optional.of("guild-9"));
        gallery.setRemix(manager, Preferences.ChatRole.ADMIN, false, Optional.empty());

        assertThat(settings.remixAllowed("discord", "guild-9")).isFalse();
        assertThat(settings.remixAllowed("discord", "channel-1")).isTrue();
        var elsewhere = new Origin("discord", "channel-2", "8", Optional.of("guild-9"));
        assertThat(fixture.remix.switchedOn("discord", elsewhere.community())).isFalse();
    }

    @Test
    void anAuthorSharesOnceWithPromptModelNameAndARemixLink() {
        gallery.setGallery(ALICE, Preferences.ChatRole.ADMIN, CHANNEL);
        settings.saveName("telegram", "1", "@alice");
        Turn fox = result(ALICE, "a fox in the snow", "10");

        Gallery.Shared first = share(ALICE, "10", fox);
        assertThat(first).isEqualTo(new Gallery.Shared.Posted(CHANNEL, "500"));
        assertThat(share(ALICE, "10", fox)).isEqualTo(new Gallery.Shared.AlreadyShared(CHANNEL, "500"));
        assertThat(channel.posted).hasSize(1);
        GalleryPost post = channel.posted.getFirst();
        assertThat(post.chatId()).isEqualTo(CHANNEL);
        assertThat(post.prompt()).isEqualTo("a fox in the snow");
        assertThat(post.model()).isEqualTo("gemini-2.5-flash-image");
        assertThat(post.author()).isEqualTo(new ResultPost.Author("1", Optional.of("@alice")));
        assertThat(post.turnId()).isEqualTo(fox.id());

        // The remix link continues from the result, for anyone, in their own private chat.
        String token = post.remixToken().orElseThrow();
        assertThat(trees.start(BOB_PRIVATE, token, Memberships.NONE)).isEqualTo(new Trees.Started.Continue(fox));
        clock.advance(Duration.ofDays(400));
        assertThat(trees.start(BOB_PRIVATE, token, Memberships.NONE))
                .as("a gallery's link lasts as long as its result")
                .isInstanceOf(Trees.Started.Continue.class);
        // The gallery message is linked to the result, so the platform's buttons and replies under it work.
        assertThat(conversations.resolve(new MessageRef("telegram", CHANNEL, "500")))
                .isEqualTo(OptionalLong.of(fox.id()));
    }

    @Test
    void sharesPressedAtOnceStillPostOnce() throws Exception {
        gallery.setGallery(ALICE, Preferences.ChatRole.ADMIN, CHANNEL);
        Turn fox = result(ALICE, "a fox", "10");
        var start = new CountDownLatch(1);
        List<Future<Gallery.Shared>> presses = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                presses.add(pool.submit(() -> {
                    start.await();
                    return share(ALICE, "10", fox);
                }));
            }
            start.countDown();
        }
        List<Gallery.Shared> outcomes = new ArrayList<>();
        for (var press : presses) {
            outcomes.add(press.get());
        }
        assertThat(channel.posted).hasSize(1);
        assertThat(outcomes).filteredOn(Gallery.Shared.Posted.class::isInstance).hasSize(1);
        assertThat(outcomes)
                .allMatch(outcome -> outcome instanceof Gallery.Shared.Posted
                        || outcome instanceof Gallery.Shared.AlreadyShared
                        || outcome instanceof Gallery.Shared.InProgress);
    }

    @Test
    void nothingIsSharedThatMayNotBe() {
        Turn fox = result(ALICE, "a fox", "10");
        assertThat(share(ALICE, "10", fox)).isEqualTo(new Gallery.Shared.NoGallery());
        gallery.setGallery(ALICE, Preferences.ChatRole.ADMIN, CHANNEL);

        assertThat(share(BOB, "10", fox)).as("someone else's result").isEqualTo(new Gallery.Shared.NotAuthor());
        assertThat(gallery.share(ALICE, message("10"), ResultButtons.SHARE + (fox.id() + 7), false, channel))
                .as("data naming another turn than the pressed message's")
                .isEqualTo(new Gallery.Shared.Forged());
        assertThat(gallery.share(
                        ALICE,
                        new MessageRef("telegram", "-200", "10"),
                        ResultButtons.SHARE + fox.id(),
                        false,
                        channel))
                .as("a message of another chat")
                .isEqualTo(new Gallery.Shared.Forged());
        assertThat(share(ALICE, "99", fox)).as("a message that shows no result").isEqualTo(new Gallery.Shared.Gone());
        assertThat(gallery.share(ALICE, message("10"), ResultButtons.SHARE + fox.id(), true, channel))
                .as("shown to its author alone")
                .isEqualTo(new Gallery.Shared.PrivateResult());
        settings.setRemixAllowed("telegram", GROUP, false);
        assertThat(share(ALICE, "10", fox)).isEqualTo(new Gallery.Shared.RemixOff());
        assertThat(channel.posted).isEmpty();
    }

    @Test
    void aFailedPostIsTriedAgainByTheNextPress() {
        gallery.setGallery(ALICE, Preferences.ChatRole.ADMIN, CHANNEL);
        Turn fox = result(ALICE, "a fox", "10");
        channel.failing = true;
        assertThat(share(ALICE, "10", fox)).isEqualTo(new Gallery.Shared.Failed());
        channel.failing = false;
        assertThat(share(ALICE, "10", fox)).isInstanceOf(Gallery.Shared.Posted.class);
        assertThat(channel.posted).hasSize(1);
    }

    @Test
    void aShareCutOffByACrashIsTakenOverOnceItIsStale() {
        gallery.setGallery(ALICE, Preferences.ChatRole.ADMIN, CHANNEL);
        Turn fox = result(ALICE, "a fox", "10");
        // A process claimed the post and died before it finished.
        assertThat(community.claim("telegram", fox.id(), "1", CHANNEL, clock.instant(), Duration.ofMinutes(2)))
                .isInstanceOf(dev.redraw.core.settings.CommunityStore.Claim.Claimed.class);
        assertThat(share(ALICE, "10", fox)).isEqualTo(new Gallery.Shared.InProgress());
        clock.advance(Duration.ofMinutes(3));
        assertThat(share(ALICE, "10", fox)).isInstanceOf(Gallery.Shared.Posted.class);
        assertThat(channel.posted).hasSize(1);
    }

    @Test
    void aSlowPostOvertakenByATakeOverIsTakenDownAndOnlyOneStands() throws Exception {
        gallery.setGallery(ALICE, Preferences.ChatRole.ADMIN, CHANNEL);
        Turn fox = result(ALICE, "a fox", "10");
        var release = new CountDownLatch(1);
        channel.holding = release;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Gallery.Shared> slow = pool.submit(() -> share(ALICE, "10", fox));
            assertThat(channel.held.await(20, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            clock.advance(Duration.ofMinutes(3));
            assertThat(share(ALICE, "10", fox)).isEqualTo(new Gallery.Shared.Posted(CHANNEL, "500"));
            release.countDown();
            assertThat(slow.get()).isEqualTo(new Gallery.Shared.InProgress());
        }
        assertThat(channel.posted).hasSize(2);
        assertThat(channel.removed).as("the slow one's message goes").containsExactly(CHANNEL + "/501");
        assertThat(share(ALICE, "10", fox)).isEqualTo(new Gallery.Shared.AlreadyShared(CHANNEL, "500"));
    }

    @Test
    void aGalleryThatRefusesForGoodIsToldAsSuchAndNothingIsKept() {
        gallery.setGallery(ALICE, Preferences.ChatRole.ADMIN, CHANNEL);
        Turn fox = result(ALICE, "a fox", "10");
        channel.refusing = true;
        assertThat(share(ALICE, "10", fox)).isEqualTo(new Gallery.Shared.Refused());
        channel.refusing = false;
        assertThat(share(ALICE, "10", fox)).isInstanceOf(Gallery.Shared.Posted.class);
    }

    @Test
    void aResultMadeInTheGalleryItselfIsThereAlready() {
        gallery.setGallery(ALICE, Preferences.ChatRole.ADMIN, GROUP);
        Turn fox = result(ALICE, "a fox", "10");
        assertThat(share(ALICE, "10", fox)).isEqualTo(new Gallery.Shared.AlreadyShared(GROUP, "10"));
        assertThat(channel.posted).isEmpty();
    }

    @Test
    void aGalleryInAnotherGroupDoesNotOpenAResultToMoreThanItsOwnGroupAllows() {
        Origin bobInGallery = new Origin("telegram", "-300", "2");
        Turn fox = result(ALICE, "a fox", "10");
        // Alice's group lets only administrators remix; the gallery group lets everyone.
        gallery.setRemix(ALICE, Preferences.ChatRole.ADMIN, true, Optional.of(CommunityRules.ADMINS));
        conversations.link(new MessageRef("telegram", "-300", "77"), fox.id());
        assertThat(results.replyTarget(bobInGallery, "-300", "77", Memberships.NONE))
                .isInstanceOf(ResultActions.Press.NotAllowed.class);
        Memberships adminOfAlices = (where, role) -> where.equals(GROUP) && role.equals(CommunityRules.ADMINS);
        assertThat(results.replyTarget(bobInGallery, "-300", "77", adminOfAlices))
                .isInstanceOf(ResultActions.Press.Allowed.class);
    }

    @Test
    void aRoleRuleLetsItsHoldersRemixOthersResultsOnly() {
        Turn fox = result(ALICE, "a fox", "10");
        Memberships admin = (where, role) -> where.equals(GROUP) && role.equals(CommunityRules.ADMINS);
        assertThat(gallery.setRemix(BOB, Preferences.ChatRole.MEMBER, true, Optional.of(CommunityRules.ADMINS)))
                .isEqualTo(new Gallery.Managed.NotManager());
        assertThat(results.press(BOB, message("10"), ResultButtons.EDIT + fox.id(), Memberships.NONE))
                .isInstanceOf(ResultActions.Press.Allowed.class);

        assertThat(gallery.setRemix(ALICE, Preferences.ChatRole.ADMIN, true, Optional.of(CommunityRules.ADMINS)))
                .isEqualTo(new Gallery.Managed.RemixSet(true, Optional.of(CommunityRules.ADMINS)));
        assertThat(results.press(BOB, message("10"), ResultButtons.EDIT + fox.id(), Memberships.NONE))
                .isInstanceOf(ResultActions.Press.NotAllowed.class);
        assertThat(results.press(BOB, message("10"), ResultButtons.EDIT + fox.id(), admin))
                .isInstanceOf(ResultActions.Press.Allowed.class);
        assertThat(results.replyTarget(BOB, GROUP, "10", Memberships.NONE))
                .isInstanceOf(ResultActions.Press.NotAllowed.class);
        assertThat(results.press(ALICE, message("10"), ResultButtons.EDIT + fox.id(), Memberships.NONE))
                .as("the author always may")
                .isInstanceOf(ResultActions.Press.Allowed.class);

        // A gallery's remix link follows the rule of the community the image was made in.
        gallery.setGallery(ALICE, Preferences.ChatRole.ADMIN, CHANNEL);
        share(ALICE, "10", fox);
        String token = channel.posted.getFirst().remixToken().orElseThrow();
        assertThat(trees.start(BOB_PRIVATE, token, Memberships.NONE)).isEqualTo(new Trees.Started.NotAllowed());
        assertThat(trees.start(BOB_PRIVATE, token, admin)).isEqualTo(new Trees.Started.Continue(fox));

        assertThat(gallery.setRemix(ALICE, Preferences.ChatRole.ADMIN, false, Optional.empty()))
                .isEqualTo(new Gallery.Managed.RemixSet(false, Optional.empty()));
        assertThat(results.press(BOB, message("10"), ResultButtons.EDIT + fox.id(), admin))
                .as("nobody, whatever their role")
                .isInstanceOf(ResultActions.Press.NotAllowed.class);
        assertThat(gallery.setRemix(ALICE, Preferences.ChatRole.ADMIN, true, Optional.empty()))
                .isEqualTo(new Gallery.Managed.RemixSet(true, Optional.empty()));
        assertThat(results.press(BOB, message("10"), ResultButtons.EDIT + fox.id(), Memberships.NONE))
                .as("everyone again")
                .isInstanceOf(ResultActions.Press.Allowed.class);
    }

    @Test
    void forgettingTakesTheAuthorsPostsDownAndLeavesRemixesWithoutThem() {
        gallery.setGallery(ALICE, Preferences.ChatRole.ADMIN, CHANNEL);
        Turn fox = result(ALICE, "a fox", "10");
        Turn cat = result(BOB, "a cat", "11");
        share(ALICE, "10", fox);
        share(BOB, "11", cat);
        String token = channel.posted.getFirst().remixToken().orElseThrow();
        Turn remix = turns.edit(BOB_PRIVATE, fox, "make it blue", "20");
        assertThat(conversations.path(remix.id())).extracting(Turn::id).contains(fox.id());

        conversations.forget("telegram", "1");
        channel.unreached.add(CHANNEL);
        assertThat(gallery.sweep("telegram", channel))
                .as("another instance's to reach")
                .isZero();
        channel.unreached.clear();
        channel.failing = true;
        assertThat(gallery.sweep("telegram", channel))
                .as("Telegram did not answer")
                .isZero();
        channel.failing = false;
        assertThat(gallery.sweep("telegram", channel)).isEqualTo(1);
        assertThat(channel.removed).containsExactly(CHANNEL + "/500");
        assertThat(gallery.sweep("telegram", channel)).isZero();
        assertThat(gallery.sweep("discord", channel)).isZero();

        assertThat(conversations.path(remix.id()))
                .as("the remix's history no longer holds the author's image")
                .extracting(turn -> turn.origin().userId())
                .containsOnly("2");
        assertThat(trees.start(BOB_PRIVATE, token, Memberships.NONE)).isEqualTo(new Trees.Started.Gone());
        assertThat(conversations.resolve(new MessageRef("telegram", CHANNEL, "500")))
                .isEmpty();
        assertThat(share(BOB, "11", cat))
                .as("another author's post stays")
                .isEqualTo(new Gallery.Shared.AlreadyShared(CHANNEL, "501"));
    }
}

package dev.redraw.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.NewTurn;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.NewJob;
import dev.redraw.core.job.OutcomeDetails;
import dev.redraw.core.job.OutcomeKind;
import dev.redraw.core.settings.UserSettings;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcImageStore;
import dev.redraw.core.storage.JdbcJobStore;
import dev.redraw.core.storage.JdbcSettingsStore;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.testing.TestCommunity;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the core hands a platform to post for a finished job, and what it records of the posting. */
class ResultPostsTest {

    private static final Origin ALICE = new Origin("telegram", "100", "alice");
    private static final byte[] RED = TestImages.png(16, 8, Color.RED);
    private static final byte[] BLUE = TestImages.png(8, 8, Color.BLUE);

    private final Database database = TestDatabase.open();
    private final Clock clock = Clock.systemUTC();
    private final JdbcConversationStore conversations = new JdbcConversationStore(database.dataSource(), clock);
    private final JdbcJobStore jobs = new JdbcJobStore(database.dataSource(), clock, conversations);
    private final JdbcSettingsStore settings = new JdbcSettingsStore(database.dataSource(), clock);
    private final CountingImages images = new CountingImages(new JdbcImageStore(database.dataSource(), clock));
    private final Gallery gallery = new TestCommunity(database, clock, conversations, images, settings).gallery;
    private final ResultPosts posts = new ResultPosts(conversations, images, settings, gallery);

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anImageResultIsPreparedWithoutReadingAnyImage() {
        ImageRef red = images.put(RED, "image/png", 16, 8);
        ImageRef blue = images.put(BLUE, "image/png", 8, 8);
        Job job = finished(accept("a red fox", Optional.of("16:9")), OutcomeKind.IMAGES, List.of(red, blue));
        long answer = job.modelTurnId().getAsLong();

        ResultPost post = posts.prepare(job);

        assertThat(images.reads.get()).as("no bytes read while preparing").isZero();
        assertThat(post.job()).isEqualTo(job);
        assertThat(post.answerTurnId()).hasValue(answer);
        assertThat(post.content()).isInstanceOf(ResultPost.Content.Images.class);
        List<ResultPost.Image> shown = ((ResultPost.Content.Images) post.content()).images();
        assertThat(shown).extracting(ResultPost.Image::ref).containsExactly(red, blue);
        assertThat(shown).extracting(ResultPost.Image::turnId).containsOnly(answer);
        assertThat(shown.getFirst().extension()).isEqualTo(".png");
        assertThat(post.caption()).isEqualTo(new ResultPost.Caption("a red fox", "m", Optional.of("16:9"), "alice"));
        assertThat(post.buttons())
                .extracting(ResultPost.Button::id)
                .containsExactly("r:" + answer, "e:" + answer, "o:" + answer);
        assertThat(post.buttons().stream().map(button -> ResultButtons.turn(button.id())))
                .containsOnly(OptionalLong.of(answer));
        assertThat(post.links()).isEmpty();
        assertThat(post.recipient()).isEqualTo(new Recipient(Optional.empty(), false));
    }

    @Test
    void shareIsOfferedWhereTheChatHasAGalleryAndRemixingIsOnAndNeverForPrivateResults() {
        ImageRef red = images.put(RED, "image/png", 16, 8);
        Job job = finished(accept("a red fox", Optional.empty()), OutcomeKind.IMAGES, List.of(red));
        long answer = job.modelTurnId().getAsLong();
        assertThat(posts.prepare(job).buttons())
                .extracting(ResultPost.Button::id)
                .doesNotContain("g:" + answer);

        gallery.setGallery(ALICE, Preferences.ChatRole.ADMIN, "-1009");
        assertThat(posts.prepare(job).buttons())
                .extracting(ResultPost.Button::id)
                .containsExactly("r:" + answer, "e:" + answer, "o:" + answer, "g:" + answer);

        settings.setRemixAllowed("telegram", "100", false);
        assertThat(posts.prepare(job).buttons())
                .extracting(ResultPost.Button::id)
                .doesNotContain("g:" + answer);
        settings.setRemixAllowed("telegram", "100", true);
        settings.saveUser(
                "telegram", "alice", settings.user("telegram", "alice").withPrivateResults(true));
        assertThat(posts.prepare(job).buttons())
                .extracting(ResultPost.Button::id)
                .doesNotContain("g:" + answer);
    }

    @Test
    void anImagesBytesAreReadWhenAskedForAndAgainOnEveryAsk() {
        ImageRef red = images.put(RED, "image/png", 16, 8);
        ImageRef blue = images.put(BLUE, "image/png", 8, 8);
        ResultPost post =
                posts.prepare(finished(accept("two", Optional.empty()), OutcomeKind.IMAGES, List.of(red, blue)));
        List<ResultPost.Image> shown = ((ResultPost.Content.Images) post.content()).images();

        assertThat(shown.get(1).bytes()).isEqualTo(BLUE);
        assertThat(images.read).containsExactly(blue.sha256());
        assertThat(shown.getFirst().bytes()).isEqualTo(RED);
        assertThat(shown.getFirst().bytes()).isEqualTo(RED);
        assertThat(images.reads.get())
                .as("nothing is kept in memory between uploads")
                .isEqualTo(3);
    }

    @Test
    void theImagesOfATurnForTheOriginalButtonAreReadOnlyWhenAskedFor() {
        ImageRef red = images.put(RED, "image/png", 16, 8);
        Job job = finished(accept("a red fox", Optional.empty()), OutcomeKind.IMAGES, List.of(red));
        Turn answer = conversations.find(job.modelTurnId().getAsLong()).orElseThrow();

        List<ResultPost.Image> originals = posts.images(answer);

        assertThat(originals).extracting(ResultPost.Image::ref).containsExactly(red);
        assertThat(images.reads.get()).isZero();
        assertThat(originals.getFirst().bytes()).isEqualTo(RED);
        assertThat(images.reads.get()).isEqualTo(1);
    }

    @Test
    void aMissingImageGivesAClearError() {
        ImageRef red = images.put(RED, "image/png", 16, 8);
        Job job = finished(accept("a red fox", Optional.empty()), OutcomeKind.IMAGES, List.of(red));
        ResultPost post = posts.prepare(job);
        images.lose(red.sha256());

        ResultPost.Image image =
                ((ResultPost.Content.Images) post.content()).images().getFirst();

        assertThatThrownBy(image::bytes)
                .isInstanceOfSatisfying(MissingImageException.class, e -> {
                    assertThat(e.image()).isEqualTo(red);
                    assertThat(e.turnId()).isEqualTo(job.modelTurnId().getAsLong());
                })
                .hasMessage("image " + red.sha256() + " of turn "
                        + job.modelTurnId().getAsLong() + " is no longer stored");
    }

    @Test
    void postedMessagesAreRecordedAndReadBackForTheNextAttempt() {
        ImageRef red = images.put(RED, "image/png", 16, 8);
        Job job = finished(accept("a red fox", Optional.empty()), OutcomeKind.IMAGES, List.of(red, red));
        long answer = job.modelTurnId().getAsLong();

        posts.record(answer, new MessageRef("telegram", "100", "11"));
        posts.record(answer, new MessageRef("telegram", "100", "12"));
        posts.record(answer, new MessageRef("telegram", "200", "5"));
        // The same turn shared on another platform is not this platform's business.
        conversations.link(new MessageRef("discord", "100", "13"), answer);
        ResultPost again = posts.prepare(job);

        assertThat(conversations.resolve(new MessageRef("telegram", "100", "12")))
                .hasValue(answer);
        assertThat(again.links())
                .containsExactly(
                        new MessageRef("telegram", "100", "11"),
                        new MessageRef("telegram", "100", "12"),
                        new MessageRef("telegram", "200", "5"));
        assertThat(again.linkedIn("100")).containsExactly("11", "12");
        assertThat(again.linkedIn("300")).isEmpty();
    }

    @Test
    void aRecordIsWrittenDespiteAnInterruptWhichIsKeptForAfter() {
        Job job = finished(accept("a fox", Optional.empty()), OutcomeKind.TEXT_ONLY, List.of());
        long answer = job.modelTurnId().getAsLong();

        Thread.currentThread().interrupt();
        try {
            posts.record(answer, new MessageRef("telegram", "100", "21"));
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
        }

        assertThat(conversations.resolve(new MessageRef("telegram", "100", "21")))
                .hasValue(answer);
    }

    @Test
    void aTextAnswerIsTheModelsWordsWithoutButtons() {
        Job job = finished(accept("a fox", Optional.empty()), OutcomeKind.TEXT_ONLY, List.of());

        ResultPost post = posts.prepare(job);

        assertThat(post.content()).isEqualTo(new ResultPost.Content.Answer("Which fox?"));
        assertThat(post.buttons()).isEmpty();
        assertThat(post.answerTurnId()).isEqualTo(job.modelTurnId());
    }

    @Test
    void aJobWithoutAnAnswerIsReportedAndLinkedToNothing() {
        Job job = finished(accept("a fox", Optional.empty()), OutcomeKind.REFUSED, List.of());

        ResultPost post = posts.prepare(job);

        assertThat(post.content()).isEqualTo(new ResultPost.Content.Report(OutcomeKind.REFUSED));
        assertThat(post.answerTurnId()).isEmpty();
        assertThat(post.buttons()).isEmpty();
        assertThat(post.links()).isEmpty();
        assertThat(post.caption().prompt()).isEqualTo("a fox");
    }

    @Test
    void theRecipientSpeaksTheUsersLanguageAndKeepsTheirPrivacyChoice() {
        settings.saveUser(
                "telegram",
                "alice",
                UserSettings.NONE.withLanguage(Optional.of("zh-hans")).withPrivateResults(true));
        Job job = finished(accept("一只狐狸", Optional.empty()), OutcomeKind.FAILED, List.of());

        assertThat(posts.recipient(job)).isEqualTo(new Recipient(Optional.of("zh-hans"), true));
        assertThat(posts.prepare(job).recipient()).isEqualTo(new Recipient(Optional.of("zh-hans"), true));
    }

    @Test
    void aJobStillRunningHasNothingToPost() {
        Job queued = accept("a fox", Optional.empty());

        assertThatThrownBy(() -> posts.prepare(queued))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has not finished");
    }

    /** A request of Alice's, queued as the request desk queues it. */
    @Test
    void aResultMadeFromSomeoneElsesImageCreditsItsAuthorByTheNameTheyWereLastSeenWith() {
        ImageRef red = images.put(RED, "image/png", 16, 8);
        Job alices = finished(accept("a red fox", Optional.empty()), OutcomeKind.IMAGES, List.of(red));
        Origin bob = new Origin("telegram", "200", "bob");
        Job bobs = finished(
                continuing(alices.modelTurnId().getAsLong(), bob, "make it blue"), OutcomeKind.IMAGES, List.of(red));
        Job alicesOwn = finished(
                continuing(alices.modelTurnId().getAsLong(), ALICE, "at night"), OutcomeKind.IMAGES, List.of(red));
        Job bobsNext =
                finished(continuing(bobs.modelTurnId().getAsLong(), bob, "bigger"), OutcomeKind.IMAGES, List.of(red));

        assertThat(posts.prepare(alices).caption().remixOf()).isEmpty();
        assertThat(posts.prepare(alicesOwn).caption().remixOf()).isEmpty();
        assertThat(posts.prepare(bobs).caption().remixOf()).contains(new ResultPost.Author("alice", Optional.empty()));
        settings.saveName("telegram", "alice", "@alice_paints");
        assertThat(posts.prepare(bobsNext).caption().remixOf())
                .contains(new ResultPost.Author("alice", Optional.of("@alice_paints")));
    }

    private Job continuing(long parent, Origin who, String prompt) {
        var turn = new NewTurn(
                OptionalLong.of(parent),
                Role.USER,
                List.of(new Part.Text(prompt)),
                who,
                Optional.of("m"),
                Optional.empty());
        return jobs.accept(turn, new NewJob(Optional.of("1"), "gateway", "m")).job();
    }

    private Job accept(String prompt, Optional<String> ratio) {
        var turn = new NewTurn(
                OptionalLong.empty(), Role.USER, List.of(new Part.Text(prompt)), ALICE, Optional.of("m"), ratio);
        return jobs.accept(turn, new NewJob(Optional.of("1"), "gateway", "m")).job();
    }

    /** The job finished with {@code kind}: with the images as its answer, or words, or no answer. */
    private Job finished(Job job, OutcomeKind kind, List<ImageRef> shown) {
        Optional<NewTurn> answer = Optional.empty();
        String words = "";
        if (kind == OutcomeKind.IMAGES) {
            answer = Optional.of(
                    answer(job, shown.stream().<Part>map(Part.Image::new).toList()));
        } else if (kind == OutcomeKind.TEXT_ONLY) {
            words = "Which fox?";
            answer = Optional.of(answer(job, List.of(new Part.Text(words))));
        }
        return jobs.finish(job.id(), answer, kind, words, OutcomeDetails.NONE, shown.size());
    }

    private static NewTurn answer(Job job, List<Part> parts) {
        return new NewTurn(
                OptionalLong.of(job.userTurnId()), Role.MODEL, parts, job.origin(), Optional.of("m"), Optional.empty());
    }

    /** The image store, counting the reads of bytes, and losing the images a test says are lost. */
    private static final class CountingImages implements ImageStore {
        final AtomicInteger reads = new AtomicInteger();
        final List<String> read = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Set<String> lost = ConcurrentHashMap.newKeySet();
        private final ImageStore real;

        CountingImages(ImageStore real) {
            this.real = real;
        }

        void lose(String sha256) {
            lost.add(sha256);
        }

        @Override
        public ImageRef put(byte[] bytes, String sha256, String mimeType, int width, int height) {
            return real.put(bytes, sha256, mimeType, width, height);
        }

        @Override
        public Optional<byte[]> bytes(String sha256) {
            reads.incrementAndGet();
            read.add(sha256);
            return lost.contains(sha256) ? Optional.empty() : real.bytes(sha256);
        }

        @Override
        public Optional<ImageRef> find(String sha256) {
            return real.find(sha256);
        }
    }
}

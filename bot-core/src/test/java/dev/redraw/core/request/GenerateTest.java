package dev.redraw.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.redraw.core.access.AccessPolicy;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.image.ImageIntake;
import dev.redraw.core.image.ImageNote;
import dev.redraw.core.image.ImageProblem;
import dev.redraw.core.image.IntakePolicy;
import dev.redraw.core.limits.Bulkheads;
import dev.redraw.core.net.Bodies;
import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.testing.CoreHarness;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GenerateTest {

    private static final Origin ALICE = new Origin("telegram", "100", "42");
    private static final Origin MALLORY = new Origin("telegram", "100", "66");
    private static final byte[] RED = TestImages.png(32, 32, Color.RED);
    private static final byte[] GREEN = TestImages.png(32, 32, Color.GREEN);
    private static final byte[] BLUE = TestImages.png(32, 32, Color.BLUE);

    @StartStop
    final MockWebServer gateway = new MockWebServer();

    private CoreHarness core;

    @AfterEach
    void close() {
        if (core != null) {
            core.close();
        }
    }

    private Generate generate(AccessPolicy access, Bulkheads bulkheads) {
        return generate(new CoreHarness(gateway, access), bulkheads);
    }

    private Generate generate(CoreHarness harness, Bulkheads bulkheads) {
        core = harness;
        var services = core.services;
        return new Generate(
                services.desk(),
                services.generation(),
                new ImageIntake(IntakePolicy.defaults()),
                services.images(),
                services.settings(),
                bulkheads);
    }

    private Generate generate() {
        return generate(AccessPolicy.OPEN, Bulkheads.forThisMachine());
    }

    private static AccessPolicy denying(Origin user) {
        return new AccessPolicy(
                Set.of(), AccessPolicy.Lists.EMPTY, new AccessPolicy.Lists(Set.of(user.userKey()), Set.of(), Set.of()));
    }

    /** Each request comes in a message of its own. */
    private static final java.util.concurrent.atomic.AtomicLong MESSAGES =
            new java.util.concurrent.atomic.AtomicLong(7);

    private static Generate.Request request(Origin who, String text, List<ImageFetcher> images) {
        return new Generate.Request(
                who,
                text,
                OptionalLong.empty(),
                Generate.Options.NONE,
                Optional.of(Long.toString(MESSAGES.getAndIncrement())),
                images);
    }

    /** A fetcher that counts its calls and hands back fixed bytes. */
    static class Counting implements ImageFetcher {
        final AtomicInteger calls = new AtomicInteger();
        private final String name;
        private final byte[] bytes;

        Counting(String name, byte[] bytes) {
            this.name = name;
            this.bytes = bytes;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public OptionalLong declaredSize() {
            return OptionalLong.of(bytes.length);
        }

        @Override
        public Bodies.Hashed fetch() throws IOException {
            calls.incrementAndGet();
            return Bodies.Hashed.of(bytes);
        }
    }

    /** A fetcher whose first {@code failures} fetches throw {@code failure}; every fetch is counted. */
    private static Counting failing(String name, byte[] bytes, int failures, IOException failure) {
        return new Counting(name, bytes) {
            @Override
            public Bodies.Hashed fetch() throws IOException {
                if (calls.get() < failures) {
                    calls.incrementAndGet();
                    throw failure;
                }
                return super.fetch();
            }
        };
    }

    @Test
    void aChatMessageIsLinkedToItsRequestAsItIsStoredAndAnInteractionIsNot() throws Exception {
        var generate = generate();
        var asMessage = new Generate.Request(
                ALICE,
                "a lighthouse",
                OptionalLong.empty(),
                Generate.Options.NONE,
                Optional.of("9001"),
                List.of(),
                RequestMessage.CHAT_MESSAGE);

        var accepted = (Generate.Result.Accepted) generate.submit(asMessage);
        var interaction = (Generate.Result.Accepted) generate.submit(new Generate.Request(
                ALICE, "a harbour", OptionalLong.empty(), Generate.Options.NONE, Optional.of("9002"), List.of()));

        var conversations = core.conversations;
        assertThat(conversations.resolve(new dev.redraw.core.conversation.MessageRef("telegram", "100", "9001")))
                .hasValue(accepted.userTurn().id());
        assertThat(conversations.resolve(new dev.redraw.core.conversation.MessageRef("telegram", "100", "9002")))
                .as("an interaction is no message in the chat")
                .isEmpty();
        assertThat(interaction.job().requestMessageId()).contains("9002");
        // Handled again after a crash, the message is answered by its job, not by a second one.
        assertThat(generate.submit(asMessage))
                .isInstanceOfSatisfying(
                        Generate.Result.AlreadyAccepted.class,
                        before -> assertThat(before.job().id())
                                .isEqualTo(accepted.job().id()));
        assertThatThrownBy(() -> new Generate.Request(
                        ALICE,
                        "a fox",
                        OptionalLong.empty(),
                        Generate.Options.NONE,
                        Optional.of("9003"),
                        List.of(),
                        RequestMessage.PRESS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTextRequestIsRefusedByTheAccessRulesThePauseAndTheQuota() throws Exception {
        // Alice may make one image a day; Mallory is denied.
        var generate = generate(new CoreHarness(gateway, denying(MALLORY), 1), Bulkheads.forThisMachine());

        assertThat(generate.submit(request(MALLORY, "a lighthouse", List.of())))
                .isEqualTo(new Generate.Result.Refused(new Refusal.NotAllowed(Refusal.NotAllowed.Reason.DENIED)));

        core.admins.pause("telegram:1", java.time.Instant.now());
        assertThat(generate.submit(request(ALICE, "a lighthouse", List.of())))
                .isInstanceOfSatisfying(
                        Generate.Result.Refused.class,
                        refused -> assertThat(refused.refusal()).isInstanceOf(Refusal.Paused.class));
        core.admins.resume();

        assertThat(generate.submit(request(ALICE, "a lighthouse", List.of())))
                .isInstanceOf(Generate.Result.Accepted.class);
        // Her one image is in progress: a second text request is held back by the quota.
        assertThat(generate.submit(request(ALICE, "a harbour", List.of())))
                .isInstanceOfSatisfying(
                        Generate.Result.Refused.class,
                        refused -> assertThat(refused.refusal()).isInstanceOf(Refusal.QuotaPending.class));
        assertThat(core.jobs.activeJobs("telegram", ALICE.userId())).isEqualTo(1);
        assertThat(core.jobs.activeJobs("telegram", MALLORY.userId())).isZero();
    }

    @Test
    void aDeniedUsersImagesAreNeverFetched() throws Exception {
        var generate = generate(denying(MALLORY), Bulkheads.forThisMachine());
        var photo = new Counting("a.png", RED);

        var result = generate.submit(request(MALLORY, "make it night", List.of(photo)));

        assertThat(result)
                .isEqualTo(new Generate.Result.Refused(new Refusal.NotAllowed(Refusal.NotAllowed.Reason.DENIED)));
        assertThat(photo.calls).hasValue(0);
        assertThat(core.jobs.activeJobs("telegram", MALLORY.userId())).isZero();
    }

    @Test
    void aRequestTheModelWouldRefuseFetchesNothing() throws Exception {
        var generate = generate();
        var photo = new Counting("a.png", RED);

        var result = generate.submit(new Generate.Request(
                ALICE,
                "make it night",
                OptionalLong.empty(),
                new Generate.Options(Optional.of("no-such-model"), Optional.empty(), Optional.empty()),
                Optional.empty(),
                List.of(photo)));

        assertThat(result).isInstanceOf(Generate.Result.Refused.class);
        assertThat(((Generate.Result.Refused) result).refusal()).isInstanceOf(Refusal.UnknownModel.class);
        assertThat(photo.calls).hasValue(0);
    }

    @Test
    void imagesAreFetchedOnceEachSideBySideAndStoredInOrder() throws Exception {
        var generate = generate();
        // Each fetch waits until all three began: they only finish when fetched side by side.
        var started = new CountDownLatch(3);
        List<Counting> photos = List.of(RED, GREEN, BLUE).stream()
                .map(bytes -> new Counting("", bytes) {
                    @Override
                    public Bodies.Hashed fetch() throws IOException {
                        started.countDown();
                        try {
                            if (!started.await(10, TimeUnit.SECONDS)) {
                                throw new IOException("not fetched side by side");
                            }
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                        return super.fetch();
                    }
                })
                .map(Counting.class::cast)
                .toList();

        var result = generate.submit(request(ALICE, "blend them", List.copyOf(photos)));

        assertThat(result).isInstanceOf(Generate.Result.Accepted.class);
        var accepted = (Generate.Result.Accepted) result;
        assertThat(photos).allSatisfy(photo -> assertThat(photo.calls).hasValue(1));
        assertThat(accepted.userTurn().images())
                .extracting(ImageRef::sha256)
                .containsExactly(ImageRef.sha256Of(RED), ImageRef.sha256Of(GREEN), ImageRef.sha256Of(BLUE));
        assertThat(accepted.adjusted()).isEmpty();
        assertThat(accepted.job().userTurnId()).isEqualTo(accepted.userTurn().id());
    }

    @Test
    void oneImageThatIsNotAnImageStoresNoneAndSaysWhich() throws Exception {
        var generate = generate();
        var first = new Counting("red.png", RED);
        var second = new Counting("notes.txt", "not a picture".getBytes(StandardCharsets.UTF_8));
        var third = new Counting("blue.png", BLUE);

        var result = generate.submit(request(ALICE, "blend them", List.of(first, second, third)));

        assertThat(result)
                .isEqualTo(new Generate.Result.ImageRejected(2, 3, "notes.txt", new ImageProblem.NotAnImage()));
        assertThat(core.services.images().find(ImageRef.sha256Of(RED))).isEmpty();
        assertThat(core.services.images().find(ImageRef.sha256Of(BLUE))).isEmpty();
        assertThat(core.jobs.activeJobs("telegram", ALICE.userId())).isZero();
    }

    @Test
    void aDownloadThatFailsIsTriedAgainAndOneThatKeepsFailingIsRefusedAsADownloadFailure() throws Exception {
        var generate = generate();
        var flaky = failing("", RED, 2, new IOException("getFile failed (HTTP 500)"));
        var broken = failing("", GREEN, Integer.MAX_VALUE, new IOException("file download failed with HTTP 502"));

        var accepted = generate.submit(request(ALICE, "edit", List.of(flaky)));
        var refused = generate.submit(request(ALICE, "edit", List.of(broken)));

        assertThat(accepted).isInstanceOf(Generate.Result.Accepted.class);
        assertThat(flaky.calls).as("two failures, then the bytes").hasValue(3);
        assertThat(refused).isEqualTo(new Generate.Result.ImageRejected(1, 1, "", new ImageProblem.DownloadFailed()));
        assertThat(broken.calls).as("tried three times in all").hasValue(3);
    }

    @Test
    void aFileThePlatformWillNotHandOverIsRejectedWithItsSize() throws Exception {
        var generate = generate();
        ImageFetcher huge = failing("huge.png", RED, Integer.MAX_VALUE, new Bodies.TooLarge(30_000_000, 20_000_000));

        var result = generate.submit(request(ALICE, "edit", List.of(huge)));

        assertThat(result)
                .isEqualTo(new Generate.Result.ImageRejected(
                        1, 1, "huge.png", new ImageProblem.TooLargeToDownload(30_000_000, 20_000_000)));
    }

    @Test
    void anAnimatedImageIsAcceptedWithANoteSayingWhatChanged() throws Exception {
        var generate = generate();
        byte[] gif = TestImages.animatedGif(TestImages.solid(20, 10, Color.RED), TestImages.solid(20, 10, Color.BLUE));

        var result = generate.submit(request(ALICE, "edit", List.of(new Counting("", RED), new Counting("", gif))));

        assertThat(result).isInstanceOf(Generate.Result.Accepted.class);
        assertThat(((Generate.Result.Accepted) result).adjusted())
                .containsExactly(new Generate.Adjusted(
                        2, List.of(new ImageNote.FirstFrameOnly(dev.redraw.core.image.ImageFormat.GIF))));
    }

    @Test
    void decodingWaitsForTheInjectedLimit() throws Exception {
        var bulkheads = new Bulkheads(1, 4);
        var generate = generate(AccessPolicy.OPEN, bulkheads);
        var photos = List.of(new Counting("", RED), new Counting("", GREEN));
        Bulkheads.Permit held = bulkheads.decoding();

        var result = CompletableFuture.supplyAsync(() -> {
            try {
                return generate.submit(request(ALICE, "blend", List.copyOf(photos)));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> photos.stream().allMatch(photo -> photo.calls.get() == 1));
        assertThat(result).isNotDone();
        held.close();
        assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOf(Generate.Result.Accepted.class);
    }
}

package dev.redraw.core.request;

import static dev.redraw.core.testing.ContentsGateway.image;
import static dev.redraw.core.testing.ContentsGateway.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.access.AccessPolicy;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobEvents;
import dev.redraw.core.job.OutcomeKind;
import dev.redraw.core.job.ResultDelivery;
import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.CoreHarness;
import dev.redraw.core.testing.TestImages;
import dev.redraw.core.text.Messages;
import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests for several images, through the real core (storage, runner, router) against a gateway:
 * calls side by side where the dialect has no count, each image its own answer, numbered buttons,
 * partial failures, quotas counted up front, and a restart that resumes every call's task.
 */
class VariationsTest {

    private static final String PLATFORM = "chat";
    private static final Origin ALICE = new Origin(PLATFORM, "room", "alice");
    private static final Origin BOB = new Origin(PLATFORM, "room", "bob");
    private static final List<byte[]> COLOURS = List.of(
            TestImages.png(8, 8, Color.RED),
            TestImages.png(8, 8, Color.GREEN),
            TestImages.png(8, 8, Color.BLUE),
            TestImages.png(8, 8, Color.YELLOW));
    private static final MockResponse REJECTED =
            ok("{\"code\":400,\"msg\":\"Invalid parameter: Unsupported aspect ratio\",\"data\":null}");

    @StartStop
    private final MockWebServer gateway = new MockWebServer();

    private final ObjectMapper json = new ObjectMapper();
    private final List<CoreHarness> cores = new ArrayList<>();
    private final List<ResultPost> posts = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void close() {
        cores.forEach(CoreHarness::close);
    }

    @Test
    void fourImagesAreFourCallsWithoutACountAndFourSiblingAnswersWithNumberedButtons() throws Exception {
        CoreHarness core = started(new CoreHarness(gateway));
        COLOURS.forEach(colour -> gateway.enqueue(image(colour)));

        Job job = accepted(core, ALICE, "a red fox", OptionalLong.empty(), 4);

        ResultPost post = delivered(job);
        String single = "{\"model\":\"gemini-2.5-flash-image\",\"prompt\":\"a red fox\","
                + "\"response_format\":\"b64_json\",\"size\":\"1:1\"}";
        for (int i = 0; i < 4; i++) {
            assertThat(body(gateway.takeRequest(5, TimeUnit.SECONDS))).isEqualTo(json.readTree(single));
        }
        assertThat(gateway.getRequestCount()).isEqualTo(4);
        ResultPost.Variations variations = post.variations().orElseThrow();
        assertThat(variations.items()).extracting(ResultPost.Variation::number).containsExactly(1, 2, 3, 4);
        assertThat(variations.failed()).isZero();
        assertThat(variations.requestTurnId()).isEqualTo(job.userTurnId());
        List<Long> turns =
                variations.items().stream().map(ResultPost.Variation::turnId).toList();
        assertThat(Set.copyOf(turns)).hasSize(4);
        for (long turn : turns) {
            Turn answer = core.conversations.find(turn).orElseThrow();
            assertThat(answer.role()).isEqualTo(Role.MODEL);
            assertThat(answer.parentId()).hasValue(job.userTurnId());
            assertThat(answer.images()).hasSize(1);
        }
        // Every colour came back once, whichever call got which.
        assertThat(variations.items().stream()
                        .map(item -> TestImages.sha256(item.image().bytes()))
                        .collect(Collectors.toSet()))
                .isEqualTo(COLOURS.stream().map(TestImages::sha256).collect(Collectors.toSet()));
        assertThat(variations.buttons())
                .extracting(
                        numbered -> numbered.number() + " " + numbered.button().id())
                .containsExactly(
                        "1 r:" + turns.get(0),
                        "1 e:" + turns.get(0),
                        "1 o:" + turns.get(0),
                        "2 r:" + turns.get(1),
                        "2 e:" + turns.get(1),
                        "2 o:" + turns.get(1),
                        "3 r:" + turns.get(2),
                        "3 e:" + turns.get(2),
                        "3 o:" + turns.get(2),
                        "4 r:" + turns.get(3),
                        "4 e:" + turns.get(3),
                        "4 o:" + turns.get(3));
        assertThat(post.answerTurnId()).hasValue(turns.getFirst());
        assertThat(post.content())
                .isInstanceOfSatisfying(
                        ResultPost.Content.Images.class,
                        images -> assertThat(images.images())
                                .extracting(ResultPost.Image::turnId)
                                .containsExactlyElementsOf(turns));
        assertThat(core.services.desk().usage(ALICE).own().used()).isEqualTo(4);
        assertThat(Messages.forLanguage("en")
                        .variationButton(variations.buttons().get(4)))
                .isEqualTo("✏️ 2");
        assertThat(Messages.forLanguage("zh")
                        .variationButton(variations.buttons().get(4)))
                .isEqualTo("✏️ 2号");
    }

    @Test
    void whenTwoOfFourCallsFailTheOtherTwoAreTheAnswerAndOnlyTheyAreCharged() throws Exception {
        CoreHarness core = started(new CoreHarness(gateway));
        gateway.enqueue(image(COLOURS.get(0)));
        gateway.enqueue(REJECTED);
        gateway.enqueue(image(COLOURS.get(1)));
        gateway.enqueue(REJECTED);

        Job job = accepted(core, ALICE, "a red fox", OptionalLong.empty(), 4);

        ResultPost post = delivered(job);
        Job finished = core.jobs.find(job.id()).orElseThrow();
        assertThat(finished.outcome()).contains(OutcomeKind.IMAGES);
        assertThat(finished.chargedImages()).isEqualTo(2);
        assertThat(core.services.desk().usage(ALICE).own().used()).isEqualTo(2);
        ResultPost.Variations variations = post.variations().orElseThrow();
        assertThat(variations.items()).hasSize(2);
        assertThat(variations.failed()).isEqualTo(2);
        assertThat(variations.asked()).isEqualTo(4);
        assertThat(Messages.forLanguage("en").variationsFailed(variations.failed(), variations.asked()))
                .isEqualTo("⚠️ 2 images of the 4 images asked for could not be made;"
                        + " you are charged only for the images delivered.");
        assertThat(Messages.forLanguage("zh").variationsFailed(1, 4)).contains("1 张图片", "4 张图片");
        assertThat(core.conversations.children(job.userTurnId())).hasSize(2);
    }

    @Test
    void whenEveryCallFailsTheJobFailsAndNothingIsCharged() throws Exception {
        CoreHarness core = started(new CoreHarness(gateway));
        gateway.enqueue(REJECTED);
        gateway.enqueue(REJECTED);

        Job job = accepted(core, ALICE, "a red fox", OptionalLong.empty(), 2);

        ResultPost post = delivered(job);
        assertThat(post.variations()).isEmpty();
        assertThat(post.content()).isInstanceOf(ResultPost.Content.Report.class);
        assertThat(core.services.desk().usage(ALICE).own().used()).isZero();
    }

    @Test
    void withThreeImagesLeftFourAreRefusedSayingHowManyAreLeftAndThreeAreAccepted() throws Exception {
        CoreHarness core = started(new CoreHarness(gateway, AccessPolicy.OPEN, 3));

        Generate.Result refused = submit(core, ALICE, "a red fox", OptionalLong.empty(), 4);

        assertThat(refused)
                .isEqualTo(new Generate.Result.Refused(new Refusal.QuotaTooFewLeft(4, 3, 3, Duration.ofHours(24))));
        assertThat(Messages.forLanguage("en").refusal(((Generate.Result.Refused) refused).refusal()))
                .contains("You asked for 4 images", "room for only 3 images");
        assertThat(gateway.getRequestCount()).isZero();
        COLOURS.subList(0, 3).forEach(colour -> gateway.enqueue(image(colour)));
        assertThat(submit(core, ALICE, "a red fox", OptionalLong.empty(), 3))
                .isInstanceOf(Generate.Result.Accepted.class);
    }

    @Test
    void twoRequestsAtOnceNeverTogetherGoPastTheQuota() throws Exception {
        CoreHarness core = started(new CoreHarness(gateway, AccessPolicy.OPEN, 4));
        // The gateway holds the calls: the first request is still in progress when the second comes.
        var release = new CountDownLatch(1);
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                release.await(10, TimeUnit.SECONDS);
                return image(COLOURS.getFirst());
            }
        });

        List<Generate.Result> results;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var start = new CountDownLatch(1);
            Callable<Generate.Result> three = () -> {
                start.await();
                return submit(core, ALICE, "a red fox", OptionalLong.empty(), 3);
            };
            List<Future<Generate.Result>> both = List.of(threads.submit(three), threads.submit(three));
            start.countDown();
            results = new ArrayList<>();
            for (Future<Generate.Result> result : both) {
                results.add(result.get(10, TimeUnit.SECONDS));
            }
        } finally {
            release.countDown();
        }

        assertThat(results)
                .filteredOn(Generate.Result.Accepted.class::isInstance)
                .hasSize(1);
        assertThat(results)
                .filteredOn(Generate.Result.Refused.class::isInstance)
                .singleElement()
                .isEqualTo(new Generate.Result.Refused(new Refusal.QuotaTooFewLeft(3, 1, 4, Duration.ofHours(24))));
        assertThat(core.idle()).isTrue();
        assertThat(core.services.desk().usage(ALICE).own().used()).isEqualTo(3);
    }

    @Test
    void aReplyToImageThreeContinuesFromImageThreeAndAReplyToTheSharedMessageAsksWhichOne() throws Exception {
        CoreHarness core = started(new CoreHarness(gateway));
        COLOURS.forEach(colour -> gateway.enqueue(image(colour)));
        Job job = accepted(core, ALICE, "a red fox", OptionalLong.empty(), 4);
        ResultPost.Variations variations = delivered(job).variations().orElseThrow();
        for (int i = 0; i < 4; i++) {
            gateway.takeRequest(5, TimeUnit.SECONDS);
        }
        ResultPost.Variation third = variations.items().get(2);
        ResultActions results = core.services.results();

        // A reply to the shared message (it shows all four) is refused with the request to choose.
        var shared = results.replyTarget(ALICE, "room", "buttons-" + job.id());
        assertThat(shared).isInstanceOf(ResultActions.Press.Allowed.class);
        long sharedTurn = ((ResultActions.Press.Allowed) shared).answer().id();
        assertThat(submit(core, ALICE, "make it night", OptionalLong.of(sharedTurn), 1))
                .isEqualTo(new Generate.Result.Refused(new Refusal.ChooseVariation(4)));
        assertThat(Messages.forLanguage("en").refusal(new Refusal.ChooseVariation(4)))
                .contains("4 images", "✏️");
        assertThat(gateway.getRequestCount()).isEqualTo(4);

        // The numbered buttons under the shared message act on their own image only.
        MessageRef buttons = new MessageRef(PLATFORM, "room", "buttons-" + job.id());
        assertThat(results.press(ALICE, buttons, "e:" + third.turnId()))
                .isEqualTo(new ResultActions.Press.Allowed(
                        core.conversations.find(third.turnId()).orElseThrow()));
        assertThat(results.press(ALICE, buttons, "e:" + job.userTurnId())).isEqualTo(new ResultActions.Press.Forged());
        assertThat(results.press(ALICE, buttons, "e:999999")).isEqualTo(new ResultActions.Press.Forged());
        assertThat(results.press(BOB, buttons, "e:" + third.turnId())).isInstanceOf(ResultActions.Press.Allowed.class);
        core.services.settings().setRemixAllowed(PLATFORM, "room", false);
        assertThat(results.press(BOB, buttons, "e:" + third.turnId())).isEqualTo(new ResultActions.Press.NotAllowed());
        assertThat(results.press(BOB, buttons, "r:" + job.userTurnId())).isEqualTo(new ResultActions.Press.Forged());
        assertThat(results.press(new Origin(PLATFORM, "elsewhere", "alice"), buttons, "e:" + third.turnId()))
                .isEqualTo(new ResultActions.Press.Forged());

        // A reply to the third image's own message continues from the third image.
        gateway.enqueue(image(TestImages.png(8, 8, Color.BLACK)));
        var reply = results.replyTarget(ALICE, "room", "img-" + job.id() + "-3");
        long parent = ((ResultActions.Press.Allowed) reply).answer().id();
        assertThat(parent).isEqualTo(third.turnId());
        Job night = accepted(core, ALICE, "make it night", OptionalLong.of(parent), 1);
        delivered(night);
        JsonNode sent = body(gateway.takeRequest(5, TimeUnit.SECONDS));
        assertThat(ContentsGateway.imageAt(sent, 1, 1))
                .isEqualTo(ContentsGateway.dataUri("image/png", third.image().bytes()));
        for (ResultPost.Variation other : List.of(
                variations.items().get(0),
                variations.items().get(1),
                variations.items().get(3))) {
            assertThat(sent.toString())
                    .doesNotContain(
                            ContentsGateway.dataUri("image/png", other.image().bytes()));
        }
    }

    @Test
    void theUsersDefaultNumberOfImagesAppliesWhereARequestDoesNotSay() throws Exception {
        CoreHarness core = started(new CoreHarness(gateway));
        core.services.preferences().change(PLATFORM, "alice", new Preferences.Change.Variations(OptionalInt.of(3)));
        COLOURS.forEach(colour -> gateway.enqueue(image(colour)));

        Job job = ((Generate.Result.Accepted) core.services
                        .generate()
                        .submit(new Generate.Request(
                                ALICE,
                                "a red fox",
                                OptionalLong.empty(),
                                Generate.Options.NONE,
                                Optional.of("1"),
                                List.of())))
                .job();
        Job one = accepted(core, ALICE, "a red fox", OptionalLong.empty(), 1);

        assertThat(job.variations()).isEqualTo(3);
        assertThat(one.variations()).isEqualTo(1);
        assertThat(delivered(job).variations().orElseThrow().items()).hasSize(3);
        assertThat(delivered(one).variations()).isEmpty();
        assertThat(gateway.getRequestCount()).isEqualTo(4);
    }

    @Test
    void aRestartResumesTheTaskOfEveryCallAndMakesNoneAgain() throws Exception {
        Database database = TestDatabase.open();
        var submitted = new AtomicInteger();
        var answering = new CountDownLatch(1);
        Set<String> polled = ConcurrentHashMap.newKeySet();
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                String target = request.getTarget();
                if (target.equals("/v1/api/generate")) {
                    return ok("{\"id\":\"t-" + submitted.incrementAndGet() + "\",\"status\":\"running\"}");
                }
                if (target.startsWith("/v1/api/result?id=")) {
                    String task = target.substring(target.indexOf('=') + 1);
                    // Before the restart the tasks run on and on; after it they are done.
                    if (!answering.await(20, TimeUnit.SECONDS)) {
                        return ok("{\"id\":\"" + task + "\",\"status\":\"running\",\"progress\":10}");
                    }
                    polled.add(task);
                    return ok("{\"id\":\"" + task + "\",\"status\":\"succeeded\",\"progress\":100,\"results\":"
                            + "[{\"url\":\"" + gateway.url("/files/" + task + ".png") + "\"}],\"error\":\"\"}");
                }
                if (target.startsWith("/files/t-")) {
                    int n = Integer.parseInt(target.replaceAll("\\D", ""));
                    return new MockResponse.Builder()
                            .addHeader("Content-Type", "image/png")
                            .body(new okio.Buffer().write(COLOURS.get(n - 1)))
                            .build();
                }
                return new MockResponse.Builder().code(404).build();
            }
        });
        try {
            CoreHarness first =
                    started(CoreHarness.overWithTaskGateway(database, gateway, ResultDelivery.Backoff.DEFAULT));
            Job job = accepted(first, ALICE, "a red fox", OptionalLong.empty(), 3, "nano-banana-2");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> first.jobs.variationTasks(job.id()).size() == 3);
            first.halt();
            assertThat(posts).isEmpty();

            answering.countDown();
            CoreHarness second =
                    started(CoreHarness.overWithTaskGateway(database, gateway, ResultDelivery.Backoff.DEFAULT));

            ResultPost post = delivered(job);
            assertThat(second.idle()).isTrue();
            assertThat(submitted.get()).as("no call was made again").isEqualTo(3);
            assertThat(polled).contains("t-1", "t-2", "t-3");
            ResultPost.Variations variations = post.variations().orElseThrow();
            assertThat(variations.items()).hasSize(3);
            assertThat(variations.items().stream()
                            .map(item -> TestImages.sha256(item.image().bytes()))
                            .toList())
                    .containsExactlyInAnyOrderElementsOf(COLOURS.subList(0, 3).stream()
                            .map(TestImages::sha256)
                            .toList());
            assertThat(second.jobs.find(job.id()).orElseThrow().chargedImages()).isEqualTo(3);
            assertThat(posts).hasSize(1);
        } finally {
            answering.countDown();
            cores.forEach(CoreHarness::close);
            cores.clear();
            database.close();
        }
    }

    // ---- helpers ----

    /** The core with a chat platform that posts what {@link ResultPosts} prepares and records it. */
    private CoreHarness started(CoreHarness core) {
        cores.add(core);
        core.events.register(PLATFORM, new Chat(core.services.posts()));
        core.startRunner();
        return core;
    }

    private Generate.Result submit(CoreHarness core, Origin who, String text, OptionalLong parent, int count)
            throws InterruptedException {
        return submit(core, who, text, parent, count, Optional.empty());
    }

    private Generate.Result submit(
            CoreHarness core, Origin who, String text, OptionalLong parent, int count, Optional<String> model)
            throws InterruptedException {
        var options = new Generate.Options(model, Optional.empty(), Optional.empty()).withCount(OptionalInt.of(count));
        return core.services
                .generate()
                .submit(new Generate.Request(
                        who, text, parent, options, Optional.of("m-" + messages.getAndIncrement()), List.of()));
    }

    /** Each request comes in a message of its own. */
    private final java.util.concurrent.atomic.AtomicLong messages = new java.util.concurrent.atomic.AtomicLong();

    private Job accepted(CoreHarness core, Origin who, String text, OptionalLong parent, int count)
            throws InterruptedException {
        return accepted(core, who, text, parent, count, null);
    }

    private Job accepted(CoreHarness core, Origin who, String text, OptionalLong parent, int count, String model)
            throws InterruptedException {
        Generate.Result result = submit(core, who, text, parent, count, Optional.ofNullable(model));
        assertThat(result).isInstanceOf(Generate.Result.Accepted.class);
        return ((Generate.Result.Accepted) result).job();
    }

    /** The post of {@code job}, once it was delivered. */
    private ResultPost delivered(Job job) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> posts.stream().anyMatch(post -> post.job().id() == job.id()));
        return posts.stream()
                .filter(post -> post.job().id() == job.id())
                .findFirst()
                .orElseThrow();
    }

    private JsonNode body(RecordedRequest request) throws Exception {
        assertThat(request).as("a request reached the gateway").isNotNull();
        return json.readTree(request.getBody().utf8());
    }

    /**
     * A chat that posts each image of several as its own message ({@code img-<job>-<number>}) and
     * one shared message of numbered buttons ({@code buttons-<job>}), recording each as the
     * contract says; a single result is one message.
     */
    private final class Chat implements JobEvents {
        private final ResultPosts results;

        Chat(ResultPosts results) {
            this.results = results;
        }

        @Override
        public Optional<String> deliver(Job job) {
            ResultPost post = results.prepare(job);
            if (post.variations().isPresent()) {
                ResultPost.Variations variations = post.variations().get();
                for (ResultPost.Variation item : variations.items()) {
                    if (item.linkedIn("room").isEmpty()) {
                        results.record(
                                item.turnId(),
                                new MessageRef(PLATFORM, "room", "img-" + job.id() + "-" + item.number()));
                    }
                }
                if (variations.sharedIn("room").isEmpty()) {
                    results.recordShared(variations, new MessageRef(PLATFORM, "room", "buttons-" + job.id()));
                }
            } else {
                post.answerTurnId()
                        .ifPresent(turn -> results.record(turn, new MessageRef(PLATFORM, "room", "msg-" + job.id())));
            }
            posts.add(post);
            return Optional.of("posted-" + job.id());
        }

        @Override
        public DeliveryCheck check(Job job) {
            return DeliveryCheck.UNKNOWN;
        }
    }
}

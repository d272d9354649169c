package dev.redraw.discord;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.job.JobRunner.CancelResult;
import dev.redraw.core.job.OutcomeKind;
import dev.redraw.core.testing.TestImages;
import dev.redraw.core.text.Messages;
import dev.redraw.core.text.TypedNumber;
import dev.redraw.discord.fake.FakeDiscord;
import dev.redraw.discord.fake.FakeDiscord.Reply;
import java.awt.Color;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** /cancel in all its forms on Discord, the numbers users type, and what a new job's status says. */
class DiscordCancelTest extends DiscordTestBase {

    private static final Messages EN = Messages.forLanguage("en");
    private static final byte[] RED = TestImages.png(64, 64, Color.RED);

    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    DiscordHarness start(MockWebServer gateway) throws Exception {
        // Every image is held back until the test lets them go.
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                release.await(20, TimeUnit.SECONDS);
                return image(RED);
            }
        });
        return super.start(gateway);
    }

    @AfterEach
    void releaseHeldImages() {
        release.countDown();
    }

    /** Asks for an image and waits until it is job {@code job}. */
    private FakeDiscord.Interaction imagine(long user, String prompt, long job) {
        var interaction = slash(user, "imagine", Map.of("prompt", prompt));
        await().atMost(WAIT).until(() -> harness.core.jobs.find(job).isPresent());
        return interaction;
    }

    @Test
    void theCancelOptionOnlyTakesJobNumbersDiscordCanCarry() {
        JsonNode job = null;
        for (JsonNode command : harness.discord.commands("global")) {
            if (command.path("name").asText().equals("cancel")) {
                job = command.path("options").get(0);
            }
        }
        assertThat(job).isNotNull();
        assertThat(job.path("min_value").asLong()).isEqualTo(1);
        assertThat(job.path("max_value").asLong()).isEqualTo(TypedNumber.MAX);
    }

    /** What a status line of a waiting job begins with ("⏳ Queued:"). */
    private static final String QUEUED = EN.queued(0).substring(0, EN.queued(0).indexOf(':') + 1);

    /** Waits until one of the replies to {@code interaction} is what {@code wanted} accepts. */
    private void awaitReply(FakeDiscord.Interaction interaction, java.util.function.Predicate<Reply> wanted) {
        await().atMost(WAIT)
                .until(() ->
                        harness.discord.replies(interaction.token()).stream().anyMatch(wanted));
    }

    /** No reply to {@code interaction} said it was queued. */
    private void assertNeverQueued(FakeDiscord.Interaction interaction) {
        assertThat(harness.discord.replies(interaction.token()))
                .extracting(Reply::content)
                .noneMatch(content -> content != null && content.contains(QUEUED));
    }

    @Test
    void aJobThatStartsAtOnceShowsItIsDrawingNeverQueued() throws Exception {
        var interaction = imagine(FakeDiscord.ALICE, "a red fox", 1);
        String drawing = EN.withJobNumber(EN.generating(DiscordHarness.MODEL), 1);
        awaitReply(interaction, r -> drawing.equals(r.content()));
        release.countDown();
        awaitReply(interaction, r -> !r.files().isEmpty());

        assertNeverQueued(interaction);
    }

    @Test
    void aJobThatWaitsBehindTheUsersOwnLimitShowsItIsQueued() throws Exception {
        // Two of a user's jobs run at once; the third waits for one of them.
        var first = imagine(FakeDiscord.ALICE, "a red fox", 1);
        imagine(FakeDiscord.ALICE, "a blue fox", 2);
        var third = imagine(FakeDiscord.ALICE, "a green fox", 3);

        awaitReply(third, r -> r.content() != null && r.content().contains(QUEUED));
        release.countDown();
        awaitReply(third, r -> !r.files().isEmpty());
        assertNeverQueued(first);
    }

    @Test
    void aBareCancelStopsTheOneRequestInProgressThere() throws Exception {
        imagine(FakeDiscord.ALICE, "a slow fox", 1);

        assertThat(answer(slash(FakeDiscord.BOB, "cancel", Map.of())).content()).isEqualTo(EN.nothingToCancel());
        assertThat(answer(slash(FakeDiscord.ALICE, "cancel", Map.of())).content())
                .isIn(EN.cancelResult(CancelResult.CANCELLING, 1), EN.cancelResult(CancelResult.CANCELLED, 1));
        assertThat(harness.core.idle()).isTrue();
        assertThat(harness.core.jobs.find(1).orElseThrow().outcome()).contains(OutcomeKind.CANCELLED);
    }

    @Test
    void withSeveralRequestsABareCancelAsksWithAButtonEachThatOnlyTheAskerMayPress() throws Exception {
        imagine(FakeDiscord.ALICE, "a lighthouse at dusk", 1);
        imagine(FakeDiscord.ALICE, "a fox", 2);
        imagine(FakeDiscord.BOB, "a cat", 3);

        Reply question = answer(slash(FakeDiscord.ALICE, "cancel", Map.of()));

        assertThat(question.content()).isEqualTo(EN.cancelWhich(2));
        assertThat(question.flags() & 64).as("only Alice sees it").isEqualTo(64);
        JsonNode buttons = question.components().get(0).path("components");
        assertThat(buttons).hasSize(2);
        assertThat(buttons.get(0).path("label").asText()).isEqualTo("⏹ Job #1: a lighthouse at dusk");
        assertThat(buttons.get(1).path("custom_id").asText()).isEqualTo(CancelButtons.PREFIX + 2);

        // Bob presses Alice's button; Alice forges one for Bob's job, and ids that are no number.
        var bobs = harness.discord.button(FakeDiscord.BOB, 1, CancelButtons.PREFIX + 2, "en-US");
        assertThat(answer(bobs).content()).isEqualTo(EN.cancelResult(CancelResult.NOT_YOURS, 2));
        var forged = harness.discord.button(FakeDiscord.ALICE, 1, CancelButtons.PREFIX + 3, "en-US");
        assertThat(answer(forged).content()).isEqualTo(EN.cancelResult(CancelResult.NOT_YOURS, 3));
        for (String garbage : List.of("-2", "99999999999999999999999", "two")) {
            var press = harness.discord.button(FakeDiscord.ALICE, 1, CancelButtons.PREFIX + garbage, "en-US");
            assertThat(answer(press).isDefer()).as(garbage).isTrue();
        }
        assertThat(harness.core.jobs.find(2).orElseThrow().status().finished()).isFalse();
        assertThat(harness.core.jobs.find(3).orElseThrow().status().finished()).isFalse();

        var alices = harness.discord.button(FakeDiscord.ALICE, 1, CancelButtons.PREFIX + 2, "en-US");
        Reply done = answer(alices);
        assertThat(done.callbackType()).as("the question is replaced").isEqualTo(7);
        assertThat(done.content())
                .isIn(EN.cancelResult(CancelResult.CANCELLING, 2), EN.cancelResult(CancelResult.CANCELLED, 2));
        await().atMost(WAIT)
                .until(() -> harness.core.jobs.find(2).orElseThrow().status().finished());
        release.countDown();
        assertThat(harness.core.idle()).isTrue();
        assertThat(harness.core.jobs.find(2).orElseThrow().outcome()).contains(OutcomeKind.CANCELLED);
        assertThat(harness.core.jobs.find(1).orElseThrow().outcome()).contains(OutcomeKind.IMAGES);
        assertThat(harness.core.jobs.find(3).orElseThrow().outcome()).contains(OutcomeKind.IMAGES);
    }

    @Test
    void everyJobNumberIsCheckedWithAClearAnswer() throws Exception {
        imagine(FakeDiscord.ALICE, "a slow fox", 1);

        record Typed(Object value, String echo, TypedNumber.Problem problem) {}
        for (Typed typed : List.of(
                new Typed(
                        new BigInteger("999999999999999999999"), "999999999999999999999", TypedNumber.Problem.TOO_BIG),
                new Typed(TypedNumber.MAX + 1, Long.toString(TypedNumber.MAX + 1), TypedNumber.Problem.TOO_BIG),
                new Typed(-3L, "-3", TypedNumber.Problem.NEGATIVE),
                new Typed(0L, "0", TypedNumber.Problem.ZERO))) {
            var cancel = slash(FakeDiscord.ALICE, "cancel", Map.of("job", typed.value()));
            assertThat(answer(cancel).content())
                    .isEqualTo(EN.numberProblem(
                            new TypedNumber.Invalid(TypedNumber.Kind.JOB, typed.problem(), typed.echo())));
        }
        assertThat(answer(slash(FakeDiscord.ALICE, "cancel", Map.of("job", 99L)))
                        .content())
                .isEqualTo(EN.cancelResult(CancelResult.NOT_FOUND, 99));
        assertThat(harness.core.jobs.find(1).orElseThrow().status().finished()).isFalse();
        assertThat(answer(slash(FakeDiscord.ALICE, "cancel", Map.of("job", 1L))).content())
                .isIn(EN.cancelResult(CancelResult.CANCELLING, 1), EN.cancelResult(CancelResult.CANCELLED, 1));
    }
}

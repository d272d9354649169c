package dev.redraw.telegram;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.job.DeliveryState;
import dev.redraw.core.job.JobRunner.CancelResult;
import dev.redraw.core.job.OutcomeKind;
import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.TestImages;
import dev.redraw.core.text.Messages;
import dev.redraw.core.text.TypedNumber;
import dev.redraw.telegram.fake.FakeChat;
import dev.redraw.telegram.fake.FakeTelegram.Call;
import dev.redraw.telegram.fake.FakeTelegram.Incoming;
import dev.redraw.telegram.fake.FakeTelegram.Kind;
import dev.redraw.telegram.fake.FakeTelegram.SentMessage;
import dev.redraw.telegram.fake.FakeUser;
import java.awt.Color;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * Several variations of one request ({@code --n}) on Telegram: one album, then one message of
 * numbered buttons; each photo its own branch.
 */
class TelegramVariationsTest extends TelegramTestBase {

    private static final Messages EN = Messages.forLanguage("en");
    private static final Messages ZH = Messages.forLanguage("zh");
    private static final byte[] GREEN = TestImages.png(64, 64, Color.GREEN);
    private static final byte[] BLUE = TestImages.png(64, 64, Color.BLUE);
    private static final byte[] YELLOW = TestImages.png(64, 64, Color.YELLOW);
    private static final byte[] WHITE = TestImages.png(64, 64, Color.WHITE);

    /** What a request for variations left in a chat: the album's photos in order, and the buttons under them. */
    private record Posted(List<SentMessage> photos, SentMessage buttons) {

        /** The callback data of image {@code number}'s button starting with {@code prefix}. */
        String data(int number, String prefix) throws Exception {
            for (JsonNode button : rows().get(number - 1)) {
                if (button.path("callback_data").asText().startsWith(prefix)) {
                    return button.path("callback_data").asText();
                }
            }
            throw new AssertionError("no " + prefix + " button for image " + number + " in " + buttons.replyMarkup());
        }

        List<JsonNode> rows() throws Exception {
            List<JsonNode> rows = new ArrayList<>();
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(buttons.replyMarkup())
                    .path("inline_keyboard")
                    .forEach(rows::add);
            return rows;
        }
    }

    /** Waits for the message of numbered buttons in {@code chat}, and returns it with the photos before it. */
    private Posted variationsIn(long chat) {
        SentMessage buttons = awaitSent(
                chat,
                m -> m.kind() == Kind.TEXT
                        && m.replyMarkup() != null
                        && m.replyMarkup().contains("\"r:"));
        List<SentMessage> photos = telegram.sent(chat).stream()
                .filter(m -> m.photo() && m.messageId() < buttons.messageId())
                .toList();
        return new Posted(photos, buttons);
    }

    /** The next {@code count} requests the gateway received, in any order. */
    private List<JsonNode> requests(int count) throws Exception {
        List<JsonNode> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(nextRequest());
        }
        return requests;
    }

    /** Checks that a request continued from exactly the image {@code from}, and from no other of {@code all}. */
    private static void continuesFrom(JsonNode request, byte[] from, List<SentMessage> all) {
        assertThat(request.path("contents")).hasSize(3);
        assertThat(request.path("contents").get(1).path("role").asText()).isEqualTo("model");
        assertThat(request.path("contents").get(1).toString()).contains(ContentsGateway.dataUri("image/png", from));
        for (SentMessage other : all) {
            if (!Arrays.equals(other.file(), from)) {
                assertThat(request.toString()).doesNotContain(ContentsGateway.dataUri("image/png", other.file()));
            }
        }
    }

    private String pressAnswer(Incoming press) {
        Call answer = telegram.awaitCall(
                "answerCallbackQuery", c -> press.callbackQueryId().equals(c.param("callback_query_id")), WAIT);
        return answer.param("text") == null ? "" : answer.param("text");
    }

    @Test
    void fourVariationsArriveAsOneAlbumAndAReplyToTheThirdContinuesFromTheThird() throws Exception {
        for (byte[] colour : List.of(RED, GREEN, BLUE, YELLOW, WHITE)) {
            gateway.enqueue(image(colour));
        }
        harness.startPolling();

        var asked = telegram.from(ALICE).text("a fox --n 4");

        Posted posted = variationsIn(ALICE.id());
        assertThat(telegram.calls("sendMediaGroup")).hasSize(1);
        assertThat(telegram.calls("sendPhoto")).isEmpty();
        assertThat(posted.photos()).hasSize(4);
        assertThat(posted.photos())
                .allSatisfy(photo -> assertThat(photo.replyTo()).isEqualTo(asked.messageId()));
        assertThat(posted.photos().getFirst().text()).contains("a fox").doesNotContain("--n");
        assertThat(posted.photos().subList(1, 4))
                .allSatisfy(photo -> assertThat(photo.text()).isNull());
        assertThat(posted.photos().stream().map(p -> ByteBuffer.wrap(p.file())))
                .as("four different images")
                .doesNotHaveDuplicates();
        assertThat(posted.buttons().replyTo()).isEqualTo(asked.messageId());
        assertThat(posted.buttons().text()).startsWith("The 4 images above").doesNotContain("could not be made");
        List<JsonNode> rows = posted.rows();
        assertThat(rows).hasSize(4);
        for (int number = 1; number <= 4; number++) {
            List<String> labels = new ArrayList<>();
            rows.get(number - 1)
                    .forEach(button -> labels.add(button.path("text").asText()));
            assertThat(labels).containsExactly("🔁 " + number, "✏️ " + number, "📄 " + number);
        }
        List<JsonNode> made = requests(4);
        assertThat(made)
                .allSatisfy(
                        request -> assertThat(request.path("prompt").asText()).isEqualTo("a fox"));
        // The album counts as four messages against the chat's limits: the buttons wait for them.
        List<TelegramHarness.Slot> grants = harness.grantsOf(ALICE.id());
        int album = grants.stream().map(TelegramHarness.Slot::messages).toList().indexOf(4);
        assertThat(album).isNotNegative();
        assertThat(grants.get(album + 1).nanos() - grants.get(album).nanos())
                .isGreaterThanOrEqualTo(4 * SendPacer.PER_CHAT.toNanos());
        // The status message goes once the result is there.
        SentMessage deleted = awaitSent(ALICE.id(), m -> m.kind() == Kind.DELETE);
        assertThat(deleted.messageId()).isLessThan(posted.photos().getFirst().messageId());
        assertThat(telegram.sent(ALICE.id()).indexOf(deleted))
                .isGreaterThan(telegram.sent(ALICE.id()).indexOf(posted.buttons()));

        SentMessage third = posted.photos().get(2);
        telegram.from(ALICE).replyTo(third.messageId()).text("at night");

        SentMessage night = awaitSent(
                ALICE.id(), m -> m.photo() && m.messageId() > posted.buttons().messageId());
        assertThat(night.file()).containsExactly(WHITE);
        continuesFrom(nextRequest(), third.file(), posted.photos());
    }

    @Test
    void aReplyToTheButtonsMessageAsksWhichImageAndCallsNoModel() throws Exception {
        for (byte[] colour : List.of(RED, GREEN)) {
            gateway.enqueue(image(colour));
        }
        harness.startPolling();
        telegram.from(ALICE).text("a fox --n 2");
        Posted posted = variationsIn(ALICE.id());

        var reply = telegram.from(ALICE).replyTo(posted.buttons().messageId()).text("at night");

        SentMessage answer = awaitSent(
                ALICE.id(),
                m -> m.kind() == Kind.TEXT && Long.valueOf(reply.messageId()).equals(m.replyTo()));
        assertThat(answer.text()).isEqualTo(EN.refusal(new Refusal.ChooseVariation(2)));
        assertThat(harness.idle()).isTrue();
        assertThat(gateway.getRequestCount()).isEqualTo(2);
    }

    @Test
    void editThreeThenTheChangeContinuesFromTheThirdAndOriginalTwoSendsTheSecondFile() throws Exception {
        for (byte[] colour : List.of(RED, GREEN, BLUE, YELLOW, WHITE)) {
            gateway.enqueue(image(colour));
        }
        harness.startPolling();
        telegram.from(ALICE).text("a fox --n 4");
        Posted posted = variationsIn(ALICE.id());
        requests(4);

        telegram.from(ALICE).callback(posted.buttons().messageId(), posted.data(2, "o:"));
        SentMessage original = awaitSent(ALICE.id(), m -> m.kind() == Kind.DOCUMENT);
        assertThat(original.file()).containsExactly(posted.photos().get(1).file());

        SentMessage question = pressEdit(posted.buttons().messageId(), posted.data(3, "e:"));
        telegram.from(ALICE).replyTo(question.messageId()).text("add a hat");

        awaitSent(ALICE.id(), m -> m.photo() && m.messageId() > question.messageId());
        JsonNode edit = nextRequest();
        continuesFrom(edit, posted.photos().get(2).file(), posted.photos());
        assertThat(ContentsGateway.textAt(edit, 2, 0)).isEqualTo("add a hat");
    }

    @Test
    void whenTwoOfFourCallsFailTwoPhotosArriveAndTheButtonsSayTwoFailed() throws Exception {
        MockResponse refused = ContentsGateway.everyFailure().getFirst();
        for (MockResponse answer : List.of(image(RED), refused, image(GREEN), refused)) {
            gateway.enqueue(answer);
        }
        harness.startPolling();
        FakeUser li = FakeUser.of(77, "Li").withLanguage("zh-hans");
        gateway.enqueue(image(BLUE));
        gateway.enqueue(refused);

        telegram.from(ALICE).text("a fox --n 4");

        Posted posted = variationsIn(ALICE.id());
        assertThat(posted.photos()).extracting(SentMessage::file).containsExactlyInAnyOrder(RED, GREEN);
        assertThat(posted.rows()).hasSize(2);
        assertThat(posted.buttons().text()).startsWith("The 2 images above").contains(EN.variationsFailed(2, 4));
        assertThat(posted.buttons().text()).contains("2 images of the 4 images asked for could not be made");

        // One image of two: Telegram takes no album of one, so it is a photo, and the buttons follow.
        telegram.from(li).text("一只狐狸 --n 2");
        Posted one = variationsIn(li.id());
        assertThat(one.photos()).extracting(SentMessage::file).containsExactly(BLUE);
        assertThat(one.rows()).hasSize(1);
        assertThat(one.buttons().text())
                .startsWith("上面的1 张图片")
                .contains(ZH.variationsFailed(1, 2))
                .doesNotContainPattern("[A-Za-z]{2,}");
        assertThat(telegram.calls("sendMediaGroup")).hasSize(1);
    }

    @Test
    void aServerErrorOnTheAlbumIsRetriedWithoutASecondAlbum() throws Exception {
        for (byte[] colour : List.of(RED, GREEN, BLUE, YELLOW)) {
            gateway.enqueue(image(colour));
        }
        telegram.failNext("sendMediaGroup", 1, 500, 0);
        harness.startPolling();

        telegram.from(ALICE).text("a fox --n 4");

        Posted posted = variationsIn(ALICE.id());
        assertThat(telegram.calls("sendMediaGroup")).hasSize(2);
        assertThat(posted.photos()).hasSize(4);
        assertThat(telegram.sent(ALICE.id()).stream().filter(m -> m.photo())).hasSize(4);
        awaitDeliveredOnce(ALICE.id());
    }

    @Test
    void aServerErrorOnTheButtonsIsRetriedWithoutPostingTheAlbumAgain() throws Exception {
        for (byte[] colour : List.of(RED, GREEN, BLUE)) {
            gateway.enqueue(
                    image(colour).newBuilder().headersDelay(1, TimeUnit.SECONDS).build());
        }
        harness.startPolling();

        telegram.from(ALICE).text("a fox --n 3");
        awaitSent(ALICE.id(), textContaining("#"));
        telegram.failNext("sendMessage", 1, 500, 0);

        Posted posted = variationsIn(ALICE.id());
        assertThat(telegram.calls("sendMediaGroup")).hasSize(1);
        assertThat(posted.photos()).hasSize(3);
        awaitDeliveredOnce(ALICE.id());
        for (SentMessage photo : posted.photos()) {
            assertThat(harness.conversations.resolve(ref(ALICE.id(), photo))).isPresent();
        }
        assertThat(harness.conversations.resolve(ref(ALICE.id(), posted.buttons())))
                .isPresent();
    }

    @Test
    void afterACrashWhileTheButtonsWerePostedTheRestartPostsOnlyTheButtons() throws Exception {
        for (byte[] colour : List.of(RED, GREEN)) {
            gateway.enqueue(
                    image(colour).newBuilder().headersDelay(1, TimeUnit.SECONDS).build());
        }
        harness.startPolling();
        telegram.from(ALICE).text("a fox --n 2");
        awaitSent(ALICE.id(), textContaining("#"));
        telegram.stallNext("sendMessage", 1);
        await().atMost(WAIT)
                .until(() -> telegram.sent(ALICE.id()).stream()
                                .filter(m -> m.photo())
                                .count()
                        == 2);
        List<SentMessage> album =
                telegram.sent(ALICE.id()).stream().filter(m -> m.photo()).toList();
        await().atMost(WAIT)
                .until(() -> album.stream()
                        .allMatch(photo -> harness.conversations
                                .resolve(ref(ALICE.id(), photo))
                                .isPresent()));
        harness.kill();

        try (TelegramHarness second = harness.restart(gateway)) {
            second.startPolling();

            Posted posted = variationsIn(ALICE.id());
            await().atMost(WAIT).until(() -> second.jobs.find(1).orElseThrow().delivery() == DeliveryState.DELIVERED);
            assertThat(telegram.calls("sendMediaGroup")).hasSize(1);
            assertThat(posted.photos()).containsExactlyElementsOf(album);
            assertThat(posted.rows()).hasSize(2);
        }
    }

    @Test
    void someoneElsePressingAnotherImagesButtonInAGroupIsRefusedAsForOneImage() throws Exception {
        for (byte[] colour : List.of(RED, GREEN)) {
            gateway.enqueue(image(colour));
        }
        harness.startPolling();
        FakeChat group = FakeChat.group(-400, "Club");
        harness.core.services.settings().setRemixAllowed("telegram", Long.toString(group.id()), false);
        telegram.from(ALICE).in(group).text("/imagine a fox --n 2");
        Posted posted = variationsIn(group.id());

        Incoming bobs = telegram.from(BOB).in(group).callback(posted.buttons().messageId(), posted.data(2, "r:"));
        assertThat(pressAnswer(bobs)).isEqualTo(EN.remixNotAllowed());
        Incoming bobsOriginal =
                telegram.from(BOB).in(group).callback(posted.buttons().messageId(), posted.data(1, "o:"));
        assertThat(pressAnswer(bobsOriginal)).isEqualTo(EN.remixNotAllowed());
        // Data naming no image of this request (the request itself, garbage) reaches nothing.
        long request =
                harness.conversations.resolve(ref(group.id(), posted.buttons())).orElseThrow();
        for (String forged : List.of(
                "r:" + request, "e:" + request, "o:" + request, "r:99999999999999999999", "r:-2", "r:x", "e:")) {
            Incoming press =
                    telegram.from(ALICE).in(group).callback(posted.buttons().messageId(), forged);
            assertThat(pressAnswer(press)).isEqualTo(EN.imageGone());
        }
        assertThat(harness.idle()).isTrue();
        assertThat(gateway.getRequestCount()).isEqualTo(2);
        assertThat(telegram.sent(group.id())).noneMatch(m -> m.kind() == Kind.DOCUMENT);
    }

    @Test
    void aCountOutsideOneToFourIsRefusedWithTheNumberRuleBeforeAnyCall() throws Exception {
        harness.startPolling();
        record Typed(String prompt, String echo, TypedNumber.Problem problem) {}
        for (Typed typed : List.of(
                new Typed("a fox --n 0", "0", TypedNumber.Problem.ZERO),
                new Typed("a fox --n 5", "5", TypedNumber.Problem.TOO_BIG),
                new Typed("a fox --n x", "x", TypedNumber.Problem.NOT_A_NUMBER),
                new Typed("a fox --n -1", "-1", TypedNumber.Problem.NEGATIVE),
                new Typed("a fox --n=99999999999999999999", "99999999999999999999", TypedNumber.Problem.TOO_BIG))) {
            var asked = telegram.from(ALICE).text(typed.prompt());
            SentMessage answer = awaitSent(
                    ALICE.id(),
                    m -> m.kind() == Kind.TEXT
                            && Long.valueOf(asked.messageId()).equals(m.replyTo()));
            assertThat(answer.text())
                    .isEqualTo(EN.numberProblem(
                            new TypedNumber.Invalid(TypedNumber.Kind.VARIATIONS, typed.problem(), typed.echo())));
        }
        FakeUser li = FakeUser.of(77, "Li").withLanguage("zh-hans");
        var chinese = telegram.from(li).text("一只狐狸 --n 5");
        SentMessage answer = awaitSent(
                li.id(),
                m -> m.kind() == Kind.TEXT && Long.valueOf(chinese.messageId()).equals(m.replyTo()));
        assertThat(answer.text())
                .isEqualTo(ZH.numberProblem(
                        new TypedNumber.Invalid(TypedNumber.Kind.VARIATIONS, TypedNumber.Problem.TOO_BIG, "5")))
                .doesNotContainPattern("[A-Za-z]{2,}");
        assertThat(harness.idle()).isTrue();
        assertThat(gateway.getRequestCount()).isZero();
        assertThat(harness.jobs.find(1)).isEmpty();
    }

    @Test
    void aRequestForSeveralImagesCanBeCancelledAndItsStatusMessageSaysSo() throws Exception {
        for (int i = 0; i < 3; i++) {
            gateway.enqueue(
                    image(RED).newBuilder().headersDelay(4, TimeUnit.SECONDS).build());
        }
        harness.startPolling();
        telegram.from(ALICE).text("a slow fox --n 3");
        SentMessage status = awaitSent(ALICE.id(), textContaining("#1"));
        await().atMost(WAIT).until(() -> gateway.getRequestCount() == 3);

        var cancel = telegram.from(ALICE).text("/cancel");

        SentMessage answer = awaitSent(
                ALICE.id(),
                m -> m.kind() == Kind.TEXT && Long.valueOf(cancel.messageId()).equals(m.replyTo()));
        assertThat(answer.text())
                .isIn(EN.cancelResult(CancelResult.CANCELLING, 1), EN.cancelResult(CancelResult.CANCELLED, 1));
        assertThat(harness.idle()).isTrue();
        assertThat(harness.jobs.find(1).orElseThrow().outcome()).contains(OutcomeKind.CANCELLED);
        // The status message now says so itself, rather than going and leaving a message behind.
        awaitSent(
                ALICE.id(),
                m -> m.kind() == Kind.EDIT
                        && m.messageId() == status.messageId()
                        && m.text().equals("⏹ Cancelled."));
        assertThat(telegram.sent(ALICE.id()))
                .noneMatch(m -> m.kind() == Kind.DELETE
                        || m.kind() == Kind.TEXT && m.text().equals("⏹ Cancelled."));
        assertThat(telegram.calls("sendMediaGroup")).isEmpty();
        assertThat(telegram.sent(ALICE.id())).noneMatch(m -> m.photo());
    }

    /** Job 1's result was delivered, its status message deleted after the buttons, and nothing posted twice. */
    private void awaitDeliveredOnce(long chat) {
        await().atMost(WAIT).until(() -> harness.jobs.find(1).orElseThrow().delivery() == DeliveryState.DELIVERED);
        SentMessage deleted = awaitSent(chat, m -> m.kind() == Kind.DELETE);
        List<SentMessage> sent = telegram.sent(chat);
        assertThat(sent.stream()
                        .filter(m -> m.replyMarkup() != null && m.replyMarkup().contains("\"r:")))
                .hasSize(1);
        int buttonsAt = -1;
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i).replyMarkup() != null && sent.get(i).replyMarkup().contains("\"r:")) {
                buttonsAt = i;
            }
        }
        assertThat(sent.indexOf(deleted)).isGreaterThan(buttonsAt);
    }

    private static MessageRef ref(long chat, SentMessage message) {
        return new MessageRef(UpdateHandler.PLATFORM, Long.toString(chat), Long.toString(message.messageId()));
    }
}

package dev.redraw.telegram;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.job.DeliveryState;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.settings.ReceivedUpdate;
import dev.redraw.core.settings.SettingsStore;
import dev.redraw.core.settings.UserSettings;
import dev.redraw.core.storage.StorageException;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.TestImages;
import dev.redraw.telegram.fake.FakeChat;
import dev.redraw.telegram.fake.FakeTelegram.Call;
import dev.redraw.telegram.fake.FakeTelegram.Kind;
import dev.redraw.telegram.fake.FakeTelegram.SentMessage;
import dev.redraw.telegram.fake.FakeUser;
import java.awt.Color;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Failures on Telegram's side and the bot's own, and many users at once. */
class TelegramReliabilityTest extends TelegramTestBase {

    private static final byte[] GREEN = TestImages.png(64, 64, Color.GREEN);

    // ------------------------------------------------------------------ results survive Telegram failures

    @Test
    void aServerErrorOnTheResultPhotoIsRetriedAndTheResultArrivesOnce() throws Exception {
        answerOnceStatusShows(ALICE.id(), image(RED));
        telegram.failNext("editMessageMedia", 1, 500, 0);
        harness.startPolling();

        telegram.from(ALICE).text("a red fox");

        awaitResultInStatusMessage(ALICE.id());
        assertThat(telegram.calls("editMessageMedia")).hasSize(2);
    }

    @Test
    void aTimedOutResultPhotoIsPostedAgain() throws Exception {
        restart(Duration.ofSeconds(1), UnaryOperator.identity());
        answerOnceStatusShows(ALICE.id(), image(RED));
        telegram.stallNext("editMessageMedia", 1);
        harness.startPolling();

        telegram.from(ALICE).text("a red fox");

        awaitResultInStatusMessage(ALICE.id());
    }

    @Test
    void aResultPostedWhoseAnswerWasLostIsNotPostedTwice() throws Exception {
        answerOnceStatusShows(ALICE.id(), image(RED));
        telegram.loseAnswerNext("editMessageMedia", 2);
        harness.startPolling();

        telegram.from(ALICE).text("a red fox");

        // Telegram made the photo each time; the bot, told nothing, made it again into the same message.
        awaitResultInStatusMessage(ALICE.id());
        assertThat(telegram.calls("editMessageMedia")).hasSize(3);
    }

    @Test
    void aStatusMessageThatCannotBeEditedLeavesTheResultToBePostedAnew() throws Exception {
        answerOnceStatusShows(ALICE.id(), image(RED));
        // As for a status message the user deleted, or one older than Telegram lets bots edit.
        telegram.failNext("editMessageMedia", 1, 400, 0);
        harness.startPolling();

        telegram.from(ALICE).text("a red fox");

        SentMessage status =
                awaitSent(ALICE.id(), m -> m.kind() == Kind.TEXT && m.text().contains("#"));
        SentMessage photo = awaitSent(ALICE.id(), m -> m.kind() == Kind.PHOTO);
        assertThat(photo.file()).containsExactly(RED);
        SentMessage deleted = awaitSent(ALICE.id(), m -> m.kind() == Kind.DELETE);
        assertThat(deleted.messageId()).isEqualTo(status.messageId());
        assertThat(telegram.sent(ALICE.id()).indexOf(deleted))
                .isGreaterThan(telegram.sent(ALICE.id()).indexOf(photo));
        assertThat(telegram.calls("sendPhoto")).hasSize(1);
        assertThat(harness.conversations.resolve(new MessageRef(
                        UpdateHandler.PLATFORM, Long.toString(ALICE.id()), Long.toString(photo.messageId()))))
                .isPresent();
    }

    @Test
    void aStatusMessageThatArrivesOnlyAfterItsJobFinishedIsRemovedAndTheResultArrivesOnce() throws Exception {
        gateway.enqueue(image(RED));
        // Telegram takes its time with the status message: the result is ready first.
        telegram.holdNext("sendMessage", 1);
        harness.startPolling();

        telegram.from(ALICE).text("a red fox");

        // The result stops waiting for the status message and is posted anew.
        SentMessage photo = awaitSent(ALICE.id(), m -> m.kind() == Kind.PHOTO);
        assertThat(photo.file()).containsExactly(RED);

        telegram.releaseHeld();

        // The status message arrives late; no record of it is kept on the finished job, and it is
        // removed at once rather than left saying "Queued" or "Drawing" forever.
        SentMessage status =
                awaitSent(ALICE.id(), m -> m.kind() == Kind.TEXT && m.text().contains("#"));
        long job = jobNumber(status);
        await().atMost(WAIT).until(() -> harness.jobs.find(job).orElseThrow().delivery() == DeliveryState.DELIVERED);
        awaitSent(ALICE.id(), m -> m.kind() == Kind.DELETE && m.messageId() == status.messageId());
        assertThat(harness.jobs.find(job).orElseThrow().statusMessageId()).isEmpty();
        assertThat(telegram.sent(ALICE.id()).stream().filter(SentMessage::photo))
                .hasSize(1);
        assertThat(telegram.calls("editMessageMedia")).isEmpty();
    }

    @Test
    void aResultThatStopsWaitingForItsStatusMessageDropsTheRecordBeforeItIsPosted() throws Exception {
        SentMessage status = thirdJobWhoseDrawingEditHangs(() -> telegram.holdNext("sendMessage", 1));
        long job = jobNumber(status);

        // The answer stops waiting for the status message and is sent anew. While it is under way
        // (a crash now would leave it unrecorded), the job names no status message: the next attempt
        // cannot turn that message into a second copy of the answer.
        await().atMost(WAIT).until(() -> telegram.heldCalls() == 2);
        assertThat(harness.jobs.find(job).orElseThrow().statusMessageId()).isEmpty();
        telegram.releaseHeld();

        awaitAnswerAnewAndStatusGone(status);
    }

    @Test
    void aResultThatGaveUpOnItsStatusMessageLeavesItOutWhenItIsTriedAgain() throws Exception {
        int sendsBefore = telegram.calls("sendMessage").size();
        SentMessage status = thirdJobWhoseDrawingEditHangs(() -> telegram.failNext("sendMessage", 1, 500, 0));

        // The answer, sent anew, fails once; by its next attempt the status message has settled.
        await().atMost(WAIT).until(() -> telegram.calls("sendMessage").size() == sendsBefore + 4);
        telegram.releaseHeld();

        // Still sent anew: the status message, no longer recorded, is never turned into the answer.
        awaitAnswerAnewAndStatusGone(status);
        assertThat(telegram.sent(ALICE.id()).stream()
                        .filter(m -> m.messageId() == status.messageId() && m.kind() == Kind.EDIT)
                        .map(SentMessage::text))
                .allMatch(text -> text.contains("#"));
    }

    /**
     * Alice's third prompt waits behind her first two ("Queued", recorded); once they are let
     * through, its "Drawing…" edit hangs at Telegram until {@code releaseHeld}, and the model
     * refuses it, so its answer is a report, which would take over the status message. {@code
     * meanwhile} runs just before the first two are let through. Returns the status message.
     */
    private SentMessage thirdJobWhoseDrawingEditHangs(Runnable meanwhile) throws Exception {
        var firstTwo = new CountDownLatch(1);
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                if (request.getBody().utf8().contains("three")) {
                    await().atMost(WAIT).until(() -> telegram.heldCalls() >= 1);
                    return ContentsGateway.everyFailure().getFirst();
                }
                firstTwo.await();
                return image(RED);
            }
        });
        harness.startPolling();
        telegram.from(ALICE).text("one");
        telegram.from(ALICE).text("two");
        // Two at a time per user: the third waits, and its status message says so.
        telegram.from(ALICE).text("three");
        SentMessage queued = awaitSent(ALICE.id(), textContaining("Queued"));
        await().atMost(WAIT)
                .until(() -> telegram.sent(ALICE.id()).stream()
                                .filter(m -> m.kind() == Kind.TEXT && m.text().contains("#"))
                                .count()
                        == 3);
        long job = jobNumber(queued);
        await().atMost(WAIT)
                .until(() -> harness.jobs
                        .find(job)
                        .orElseThrow()
                        .statusMessageId()
                        .equals(Optional.of(Long.toString(queued.messageId()))));
        telegram.holdNext("editMessageText", 1);
        meanwhile.run();
        firstTwo.countDown();
        return queued;
    }

    /** The job's answer arrives once, as a new message in reply to the request; its status message is deleted. */
    private void awaitAnswerAnewAndStatusGone(SentMessage status) throws Exception {
        SentMessage answer = awaitSent(
                ALICE.id(),
                m -> m.kind() == Kind.TEXT
                        && m.messageId() != status.messageId()
                        && Long.valueOf(status.replyTo()).equals(m.replyTo())
                        && !m.text().contains("#"));
        awaitSent(ALICE.id(), m -> m.kind() == Kind.DELETE && m.messageId() == status.messageId());
        long job = jobNumber(status);
        await().atMost(WAIT).until(() -> harness.jobs.find(job).orElseThrow().delivery() == DeliveryState.DELIVERED);
        assertThat(telegram.sent(ALICE.id()).stream()
                        .filter(m -> m.kind() == Kind.TEXT && m.messageId() == answer.messageId()))
                .hasSize(1);
    }

    @Test
    void aRetriedResultGoesOnWhereItStoppedAndKeepsItsLinks() throws Exception {
        // Wider than Telegram's photo limits: a preview photo, then the original as a document.
        byte[] wide = TestImages.png(9500, 520, Color.ORANGE);
        answerOnceStatusShows(ALICE.id(), image(wide));
        telegram.failNext("sendDocument", 1, 500, 0);
        harness.startPolling();

        telegram.from(ALICE).text("a long panorama");

        SentMessage document = awaitSent(ALICE.id(), m -> m.kind() == Kind.DOCUMENT);
        SentMessage preview = awaitResultInStatusMessage(ALICE.id());
        assertThat(document.file()).containsExactly(wide);
        assertThat(document.replyTo()).isEqualTo(preview.messageId());
        assertThat(telegram.calls("editMessageMedia")).hasSize(1);
        assertThat(telegram.calls("sendDocument")).hasSize(2);
        for (SentMessage posted : List.of(preview, document)) {
            assertThat(harness.conversations.resolve(new MessageRef(
                            UpdateHandler.PLATFORM, Long.toString(ALICE.id()), Long.toString(posted.messageId()))))
                    .isPresent();
        }
    }

    /**
     * The photo arrives once, as the status message turned into it (so posting it again could only
     * edit that message again); nothing is deleted, the job is delivered and keeps no status message.
     * Returns the photo.
     */
    private SentMessage awaitResultInStatusMessage(long chat) throws Exception {
        SentMessage status =
                awaitSent(chat, m -> m.kind() == Kind.TEXT && m.text().contains("#"));
        SentMessage photo = awaitSent(chat, photo());
        assertThat(photo.messageId()).isEqualTo(status.messageId());
        assertThat(photo.replyTo()).isEqualTo(status.replyTo());
        assertThat(buttonData(photo, "r:")).isNotEmpty();
        long job = jobNumber(status);
        await().atMost(WAIT).until(() -> harness.jobs.find(job).orElseThrow().delivery() == DeliveryState.DELIVERED);
        assertThat(harness.jobs.find(job).orElseThrow().statusMessageId()).isEmpty();
        List<SentMessage> sent = telegram.sent(chat);
        assertThat(sent.stream()
                        .filter(m -> m.photo())
                        .map(SentMessage::messageId)
                        .distinct())
                .containsExactly(status.messageId());
        assertThat(sent).noneMatch(m -> m.kind() == Kind.DELETE);
        assertThat(telegram.calls("sendPhoto")).isEmpty();
        assertThat(harness.conversations.resolve(
                        new MessageRef(UpdateHandler.PLATFORM, Long.toString(chat), Long.toString(photo.messageId()))))
                .isPresent();
        return photo;
    }

    @Test
    void theStatusMessageIsRecordedWithItsJobWhileItIsShown() throws Exception {
        answerOnceStatusShows(ALICE.id(), image(RED));
        telegram.failNext("editMessageMedia", 1, 500, 0);
        harness.startPolling();

        telegram.from(ALICE).text("a red fox");

        SentMessage status =
                awaitSent(ALICE.id(), m -> m.kind() == Kind.TEXT && m.text().contains("#"));
        long job = jobNumber(status);
        await().atMost(WAIT).until(() -> harness.jobs.find(job).orElseThrow().statusMessageId(), s -> s.isPresent());
        assertThat(harness.jobs.find(job).orElseThrow().statusMessageId()).contains(Long.toString(status.messageId()));
        awaitSent(ALICE.id(), photo());
        await().atMost(WAIT).until(() -> harness.jobs.find(job).orElseThrow().statusMessageId(), s -> s.isEmpty());
    }

    @Test
    void aChatThatBlockedTheBotIsGivenUpOnWithoutRetrying() throws Exception {
        answerOnceStatusShows(ALICE.id(), image(RED));
        telegram.failNext("editMessageMedia", 1, 403, 0);
        harness.startPolling();

        telegram.from(ALICE).text("a red fox");

        SentMessage status =
                awaitSent(ALICE.id(), m -> m.kind() == Kind.TEXT && m.text().contains("#"));
        long job = jobNumber(status);
        await().atMost(WAIT)
                .until(() -> harness.jobs.find(job).orElseThrow().delivery() == DeliveryState.UNDELIVERABLE);
        assertThat(telegram.calls("editMessageMedia")).hasSize(1);
        assertThat(telegram.calls("sendPhoto")).isEmpty();
    }

    // ------------------------------------------------------------------ polling never stops

    @Test
    void anUpdateTheLibraryCannotReadIsSkippedAndOtherUsersAreServed() throws Exception {
        gateway.enqueue(image(RED));
        // file_size past 2^31: TelegramBots' PhotoSize holds an int, so this update cannot be read.
        long poison = telegram.enqueueRaw("""
                {"message":{"message_id":1,"date":1700000000,
                  "from":{"id":43,"is_bot":false,"first_name":"Bob"},
                  "chat":{"id":43,"type":"private","first_name":"Bob"},
                  "photo":[{"file_id":"big","file_unique_id":"big1","width":9000,"height":900,
                            "file_size":3000000000}]}}""");
        telegram.from(ALICE).text("a red fox");
        harness.startPolling();

        assertThat(awaitSent(ALICE.id(), photo()).file()).containsExactly(RED);
        // Confirmed with the rest: the next poll asks past it, and Telegram drops it.
        telegram.awaitCall("getUpdates", c -> offsetOf(c) > poison, WAIT);
        await().atMost(WAIT).until(() -> telegram.pendingUpdates() == 0);
    }

    @Test
    void aStorageFaultIsToldToTheUserAndServiceResumesWhenStorageWorksAgain() throws Exception {
        var broken = new AtomicBoolean();
        restart(Duration.ofSeconds(20), services -> withSettings(services, failing(services.settings(), broken)));
        gateway.enqueue(image(RED));
        harness.startPolling();
        FakeUser li = FakeUser.of(77, "Li").withLanguage("zh-hans");

        broken.set(true);
        telegram.from(ALICE).text("a red fox");
        telegram.from(li).text("一只狐狸");

        assertThat(awaitSent(ALICE.id(), textContaining("I can't save anything right now"))
                        .replyTo())
                .isNotNull();
        awaitSent(li.id(), textContaining("现在无法保存"));

        broken.set(false);
        telegram.from(ALICE).text("a red fox, again");

        assertThat(awaitSent(ALICE.id(), photo()).file()).containsExactly(RED);
        await().atMost(WAIT).until(() -> telegram.pendingUpdates() == 0);
    }

    // ------------------------------------------------------------------ users side by side

    @Test
    void aSlowAlbumDoesNotHoldUpAnotherUsersPrompt() throws Exception {
        // Requests reach the gateway in this order: Bob's prompt first, then Alice's album.
        gateway.enqueue(image(RED));
        gateway.enqueue(image(GREEN));
        harness.startPolling();
        List<byte[]> large = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            large.add(TestImages.png(1024, 1024, new Color(40 * i, 90, 200)));
        }
        telegram.holdDownloads();

        telegram.from(ALICE).album(large, "blend these five");
        telegram.awaitCall("getFile", WAIT);
        telegram.from(BOB).text("a red fox");

        assertThat(awaitSent(BOB.id(), photo()).file()).containsExactly(RED);
        assertThat(telegram.sent(ALICE.id()).stream().filter(m -> m.photo())).isEmpty();

        telegram.releaseDownloads();

        assertThat(awaitSent(ALICE.id(), photo()).file()).containsExactly(GREEN);
        nextRequest();
        JsonNode parts = nextRequest().path("contents").get(0).path("parts");
        assertThat(parts).hasSize(6);
    }

    // ------------------------------------------------------------------ flood limits

    @Test
    void sendsToOneChatAreSpacedAtLeastASecondApart() throws Exception {
        harness.startPolling();
        for (int i = 0; i < 8; i++) {
            telegram.from(ALICE).text("/help");
        }

        await().atMost(WAIT)
                .until(() -> telegram.sent(ALICE.id()).stream()
                                .filter(m -> m.kind() == Kind.TEXT)
                                .count()
                        == 8);

        List<Long> slots = harness.slotsOf(ALICE.id());
        assertThat(slots).hasSizeGreaterThanOrEqualTo(8);
        for (int i = 1; i < slots.size(); i++) {
            assertThat(slots.get(i) - slots.get(i - 1)).isGreaterThanOrEqualTo(SendPacer.PER_CHAT.toNanos());
        }
    }

    @Test
    void aGroupGetsAtMostTwentyMessagesAMinute() throws Exception {
        harness.startPolling();
        FakeChat group = FakeChat.group(-300, "Crowd");
        for (int i = 0; i < 25; i++) {
            telegram.from(i % 2 == 0 ? ALICE : BOB).in(group).text("/help@" + "redraw_test_bot");
        }

        await().atMost(WAIT)
                .until(() -> telegram.sent(group.id()).stream()
                                .filter(m -> m.kind() == Kind.TEXT)
                                .count()
                        == 25);

        List<Long> slots = harness.slotsOf(group.id());
        long minute = SendPacer.GROUP_WINDOW.toNanos();
        for (int i = 0; i + SendPacer.GROUP_MAX < slots.size(); i++) {
            assertThat(slots.get(i + SendPacer.GROUP_MAX) - slots.get(i)).isGreaterThanOrEqualTo(minute);
        }
    }

    // ------------------------------------------------------------------ command menus

    @Test
    void theCommandMenuIsRegisteredInEnglishAndInChinese() throws Exception {
        harness.startPolling();

        List<Call> menus = telegram.calls("setMyCommands");
        assertThat(menus).hasSize(2);
        Call english = menus.stream()
                .filter(c -> c.param("language_code") == null)
                .findFirst()
                .orElseThrow();
        Call chinese = menus.stream()
                .filter(c -> "zh".equals(c.param("language_code")))
                .findFirst()
                .orElseThrow();
        assertThat(english.json("commands").toString()).contains("imagine").doesNotContainPattern("\\p{IsHan}");
        assertThat(chinese.json("commands").toString()).contains("imagine").containsPattern("\\p{IsHan}");
    }

    // ------------------------------------------------------------------ helpers

    private void restart(Duration callTimeout, UnaryOperator<ChatServices> services) throws Exception {
        harness.close();
        harness = new TelegramHarness(gateway, Duration.ofMillis(400), callTimeout, services);
        telegram = harness.telegram;
    }

    private static long offsetOf(Call call) {
        String offset = call.param("offset");
        return offset == null ? 0 : Long.parseLong(offset);
    }

    private static ChatServices withSettings(ChatServices s, SettingsStore settings) {
        return s.over(settings, s.conversations());
    }

    /** A settings store that fails like a read-only database while {@code broken} is set. */
    private static SettingsStore failing(SettingsStore real, AtomicBoolean broken) {
        return new SettingsStore() {
            private void check() {
                if (broken.get()) {
                    throw new StorageException(new SQLException("The database is read only", "90097"));
                }
            }

            @Override
            public UserSettings user(String platform, String userId) {
                check();
                return real.user(platform, userId);
            }

            @Override
            public void saveUser(String platform, String userId, UserSettings settings) {
                check();
                real.saveUser(platform, userId, settings);
            }

            @Override
            public boolean remixAllowed(String platform, String chatId) {
                check();
                return real.remixAllowed(platform, chatId);
            }

            @Override
            public java.util.Optional<String> name(String platform, String userId) {
                check();
                return real.name(platform, userId);
            }

            @Override
            public void saveName(String platform, String userId, String name) {
                check();
                real.saveName(platform, userId, name);
            }

            @Override
            public void setRemixAllowed(String platform, String chatId, boolean allowed) {
                check();
                real.setRemixAllowed(platform, chatId, allowed);
            }

            @Override
            public boolean handledBefore(String platform, String updateKey) {
                check();
                return real.handledBefore(platform, updateKey);
            }

            @Override
            public boolean firstTold(String platform, String userId, String note) {
                check();
                return real.firstTold(platform, userId, note);
            }

            @Override
            public boolean firstDelivery(String platform, String updateKey) {
                check();
                return real.firstDelivery(platform, updateKey);
            }

            @Override
            public void keepReceived(String platform, long updateId, String body) {
                check();
                real.keepReceived(platform, updateId, body);
            }

            @Override
            public java.util.List<ReceivedUpdate> received(String platform) {
                check();
                return real.received(platform);
            }

            @Override
            public void dropReceived(String platform, long updateId) {
                check();
                real.dropReceived(platform, updateId);
            }

            @Override
            public void keepReceived(String platform, long updateId, String body, String lane, String album) {
                check();
                real.keepReceived(platform, updateId, body, lane, album);
            }

            @Override
            public java.util.List<ReceivedUpdate> received(String platform, String lane) {
                check();
                return real.received(platform, lane);
            }

            @Override
            public java.util.List<String> waitingLanes(String platform, String holder) {
                check();
                return real.waitingLanes(platform, holder);
            }

            @Override
            public boolean holdLane(String platform, String lane, String holder, java.time.Duration lease) {
                check();
                return real.holdLane(platform, lane, holder, lease);
            }

            @Override
            public boolean renewLane(String platform, String lane, String holder, java.time.Duration lease) {
                check();
                return real.renewLane(platform, lane, holder, lease);
            }

            @Override
            public void releaseLane(String platform, String lane, String holder) {
                check();
                real.releaseLane(platform, lane, holder);
            }
        };
    }
}

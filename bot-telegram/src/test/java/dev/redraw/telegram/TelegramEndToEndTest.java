package dev.redraw.telegram;

import static dev.redraw.core.testing.ContentsGateway.image;
import static dev.redraw.core.testing.ContentsGateway.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.TestImages;
import dev.redraw.telegram.fake.FakeChat;
import dev.redraw.telegram.fake.FakeTelegram;
import dev.redraw.telegram.fake.FakeTelegram.Kind;
import dev.redraw.telegram.fake.FakeTelegram.SentMessage;
import dev.redraw.telegram.fake.FakeUser;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/** The Telegram bot end to end: the real TelegramBots library against a fake Bot API and a fake gateway. */
class TelegramEndToEndTest extends TelegramTestBase {

    private static final byte[] GREEN = TestImages.png(64, 64, Color.GREEN);
    private static final byte[] BLUE = TestImages.png(64, 64, Color.BLUE);

    @Test
    void aPromptInAPrivateChatGetsAPhotoWithButtonsAsAReply() throws Exception {
        gateway.enqueue(image(RED));
        harness.startPolling();

        var asked = telegram.from(ALICE).text("a red fox --ar 16:9");

        SentMessage result = awaitSent(ALICE.id(), photo());
        assertThat(result.file()).containsExactly(RED);
        assertThat(result.text()).contains("a red fox");
        assertThat(result.replyTo()).isEqualTo(asked.messageId());
        assertThat(result.replyMarkup()).contains("r:").contains("e:").contains("o:");
        JsonNode sent = nextRequest();
        assertThat(sent.path("prompt").asText()).isEqualTo("a red fox");
        assertThat(sent.path("size").asText()).isEqualTo("16:9");
        assertThat(telegram.calls("sendChatAction")).isNotEmpty();
    }

    @Test
    void aJobThatStartsAtOnceIsNotEditedToTheTextItsStatusAlreadyShows() throws Exception {
        gateway.enqueue(image(RED)
                .newBuilder()
                .headersDelay(800, java.util.concurrent.TimeUnit.MILLISECONDS)
                .build());
        harness.startPolling();

        telegram.from(ALICE).text("a red fox");

        awaitSent(ALICE.id(), photo());
        List<String> statuses = telegram.calls("sendMessage").stream()
                .map(call -> call.param("text"))
                .filter(text -> text != null && text.contains("job #"))
                .toList();
        assertThat(statuses).hasSize(1);
        assertThat(statuses.getFirst()).contains("Drawing");
        assertThat(telegram.calls("editMessageText"))
                .as("an edit to the text the status message already shows")
                .noneMatch(call -> statuses.getFirst().equals(call.param("text")));
    }

    @Test
    void aQualityTypedInThePromptIsCheckedAgainstTheModelBeforeAnyCall() throws Exception {
        harness.startPolling();

        telegram.from(ALICE).text("a red fox --quality HIGH");

        SentMessage refusal = awaitSent(ALICE.id(), textContaining("quality"));
        assertThat(refusal.text()).contains("has no quality choice");
        assertThat(gateway.getRequestCount()).isZero();
    }

    @Test
    void closingTheBotLeavesNoThreadThatWouldKeepTheProcessAlive() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        harness.startPolling();
        telegram.awaitCall("getUpdates", WAIT);

        harness.close();
        harness = null;

        List<Thread> left = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive() && !thread.isDaemon())
                .toList();
        for (Thread thread : left) {
            thread.join(2_000);
        }
        assertThat(left.stream().filter(Thread::isAlive).map(Thread::getName)).isEmpty();
    }

    @Test
    void eachUpdateIsConfirmedSoTheNextPollWaitsInsteadOfFetchingItAgain() throws Exception {
        gateway.enqueue(image(RED));
        harness.startPolling();
        telegram.from(ALICE).text("a red fox");
        awaitSent(ALICE.id(), photo());
        assertThat(harness.idle()).isTrue();
        int before = telegram.calls("getUpdates").size();

        // A poll waits up to a second here; an unconfirmed update would be fetched again at once.
        await("at most three polls in 1.5 s")
                .during(Duration.ofMillis(1_500))
                .atMost(Duration.ofSeconds(3))
                .until(() -> telegram.calls("getUpdates").size() - before <= 3);
        assertThat(telegram.pendingUpdates()).isZero();
    }

    @Test
    void aPhotoWithACaptionIsEditedAndTheGatewayGetsItsBytes() throws Exception {
        gateway.enqueue(image(GREEN));
        harness.startPolling();

        telegram.from(ALICE).photo(BLUE, "make it night");

        awaitSent(ALICE.id(), photo());
        JsonNode parts = nextRequest().path("contents").get(0).path("parts");
        assertThat(parts.get(0).path("text").asText()).isEqualTo("make it night");
        assertThat(parts.get(1).path("image").asText()).isEqualTo(ContentsGateway.dataUri("image/png", BLUE));
    }

    @Test
    void anAlbumOfThreeIsOneFusionWithTheImagesInOrder() throws Exception {
        gateway.enqueue(image(GREEN));
        harness.startPolling();

        telegram.from(ALICE).album(List.of(RED, GREEN, BLUE), "blend the three");

        awaitSent(ALICE.id(), photo());
        JsonNode parts = nextRequest().path("contents").get(0).path("parts");
        assertThat(parts).hasSize(4);
        assertThat(parts.get(1).path("image").asText()).isEqualTo(ContentsGateway.dataUri("image/png", RED));
        assertThat(parts.get(2).path("image").asText()).isEqualTo(ContentsGateway.dataUri("image/png", GREEN));
        assertThat(parts.get(3).path("image").asText()).isEqualTo(ContentsGateway.dataUri("image/png", BLUE));
        assertThat(harness.idle()).isTrue();
        assertThat(gateway.getRequestCount()).isEqualTo(1);
    }

    @Test
    void anAlbumGoesOnAsSoonAsTheNextPollBringsNothingMoreForIt() throws Exception {
        harness.close();
        // A debounce longer than the wait below: only the answered polls can complete the album.
        harness = new TelegramHarness(gateway, Duration.ofMinutes(5));
        telegram = harness.telegram;
        gateway.enqueue(image(GREEN));
        harness.startPolling();

        telegram.from(ALICE).album(List.of(RED, GREEN, BLUE, RED, GREEN), "blend all five");

        awaitSent(ALICE.id(), photo());
        assertThat(nextRequest().path("contents").get(0).path("parts")).hasSize(6);
        List<String> timeouts = telegram.calls("getUpdates").stream()
                .map(call -> call.param("timeout"))
                .toList();
        assertThat(timeouts).as("one immediate poll confirmed the album").contains("0");
    }

    @Test
    void aReplyToTheBotsPhotoContinuesItsBranchAndAnOlderPhotoStartsANewOne() throws Exception {
        SentMessage first = firstFoxOfThree();

        telegram.from(ALICE).replyTo(first.messageId()).text("at night");
        SentMessage second = awaitSent(ALICE.id(), m -> m.photo() && m.messageId() != first.messageId());
        JsonNode night = nextRequest();
        telegram.from(ALICE).replyTo(first.messageId()).text("in winter");
        awaitSent(ALICE.id(), m -> m.photo() && m.messageId() > second.messageId());
        JsonNode winter = nextRequest();

        assertThat(night.path("contents")).hasSize(3);
        assertThat(night.path("contents").get(1).path("role").asText()).isEqualTo("model");
        assertThat(ContentsGateway.imageAt(night, 1, 1)).isEqualTo(ContentsGateway.dataUri("image/png", RED));
        assertThat(winter.path("contents")).hasSize(3);
        assertThat(winter.toString()).doesNotContain("at night");
    }

    @Test
    void rerollEditAndOriginalButtonsWork() throws Exception {
        SentMessage result = firstFoxOfThree();
        String turn = buttonData(result, "r:").substring(2);

        telegram.from(ALICE).callback(result.messageId(), "o:" + turn);
        SentMessage original = awaitSent(ALICE.id(), m -> m.kind() == Kind.DOCUMENT);
        assertThat(original.file()).containsExactly(RED);

        telegram.from(ALICE).callback(result.messageId(), "r:" + turn);
        awaitSent(ALICE.id(), m -> m.photo() && m.messageId() > original.messageId());
        JsonNode reroll = nextRequest();
        assertThat(reroll.path("prompt").asText()).isEqualTo("a fox");

        SentMessage question = pressEdit(result.messageId(), "e:" + turn);
        assertThat(telegram.calls("sendMessage").getLast().param("reply_markup"))
                .contains("force_reply");
        telegram.from(ALICE).replyTo(question.messageId()).text("add a hat");
        JsonNode edit = nextRequest();
        assertThat(edit.path("contents")).hasSize(3);
        assertThat(ContentsGateway.textAt(edit, 2, 0)).isEqualTo("add a hat");
    }

    @Test
    void inGroupsOnlyCommandsMentionsAndRepliesToTheBotCount() throws Exception {
        gateway.enqueue(image(RED));
        gateway.enqueue(image(GREEN));
        harness.startPolling();
        FakeChat group = FakeChat.group(-100, "Friends");

        telegram.from(ALICE).in(group).text("what a nice day");
        telegram.from(BOB).in(group).text("@" + FakeTelegram.BOT_USERNAME + " a fox");
        awaitSent(group.id(), photo());
        telegram.from(ALICE).in(group).text("/imagine@" + FakeTelegram.BOT_USERNAME + " a cat");
        awaitSent(group.id(), m -> m.photo() && m.text().contains("a cat"));

        assertThat(harness.idle()).isTrue();
        assertThat(gateway.getRequestCount()).isEqualTo(2);
        assertThat(nextRequest().path("prompt").asText()).isEqualTo("a fox");
    }

    @Test
    void aResultOverTenMegabytesIsSentCompressedWithTheOriginalAsADocument() throws Exception {
        byte[] huge = noise(2200, 2000);
        assertThat(huge.length).isGreaterThan(10 * 1024 * 1024);
        gateway.enqueue(image(huge));
        harness.startPolling();

        telegram.from(ALICE).text("a detailed map");

        SentMessage preview = awaitSent(ALICE.id(), photo());
        SentMessage document = awaitSent(ALICE.id(), m -> m.kind() == Kind.DOCUMENT);
        assertThat(preview.file().length).isLessThan(10 * 1024 * 1024);
        assertThat(document.file()).containsExactly(huge);
    }

    @Test
    void aFloodWaitFromTelegramIsWaitedOutAndTheResultStillArrives() throws Exception {
        answerOnceStatusShows(ALICE.id(), image(RED));
        telegram.failNext("editMessageMedia", 1, 429, 3);
        harness.startPolling();

        telegram.from(ALICE).text("a fox");

        assertThat(awaitSent(ALICE.id(), photo()).file()).containsExactly(RED);
        assertThat(harness.sleeper.waits).contains(Duration.ofSeconds(3));
    }

    @Test
    void theSameUpdateDeliveredTwiceMakesOneJob() throws Exception {
        gateway.enqueue(image(RED));
        gateway.enqueue(image(GREEN));
        var asked = telegram.from(ALICE).text("a fox");
        telegram.queueSame(asked.updateId());
        harness.startPolling();

        awaitSent(ALICE.id(), photo());
        assertThat(harness.idle()).isTrue();
        await("no second generation")
                .during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> gateway.getRequestCount() == 1);
        assertThat(telegram.sent(ALICE.id()).stream().filter(m -> m.photo())).hasSize(1);
    }

    @Test
    void aChineseSpeakingUserIsAnsweredInChinese() throws Exception {
        gateway.enqueue(ok("{\"code\":400,\"msg\":\"Invalid parameter: Unsupported aspect ratio\",\"data\":null}"));
        harness.startPolling();
        FakeUser li = FakeUser.of(77, "Li").withLanguage("zh-hans");

        telegram.from(li).text("一只狐狸");

        SentMessage answer = awaitSent(li.id(), says("Unsupported"));
        assertThat(answer.text()).containsPattern("\\p{IsHan}");
    }

    @Test
    void aChineseSpeakingUserSeesNoEnglishSentenceOfOursInAFailureOrTheUsageReport() throws Exception {
        String upstream = "Invalid parameter: Unsupported aspect ratio";
        gateway.enqueue(ok("{\"code\":400,\"msg\":\"" + upstream + "\",\"data\":null}"));
        gateway.enqueue(ContentsGateway.status(401, "{\"code\":401,\"msg\":\"invalid key\"}"));
        harness.startPolling();
        FakeUser li = FakeUser.of(78, "Li").withLanguage("zh");

        telegram.from(li).text("一只狐狸");
        SentMessage rejected = awaitSent(li.id(), says("原话"));
        telegram.from(li).text("一只猫");
        SentMessage unauthorized = awaitSent(li.id(), says("🔑"));
        telegram.from(li).text("/usage");
        SentMessage usage =
                awaitSent(li.id(), m -> m.kind() == Kind.TEXT && m.text().contains("📊"));

        assertThat(rejected.text()).startsWith("✋ ").endsWith("图像服务的原话：“" + upstream + "”");
        assertThat(unauthorized.text()).containsPattern("\\p{IsHan}").doesNotContain("invalid key");
        assertThat(usage.text()).contains("用量", "还没有生成图片");
        // Everything the bot said to them, status messages and their edits included: apart from the
        // upstream's quoted words, the model id and "UTC", not one English word.
        List<String> said = telegram.calls().stream()
                .filter(call -> String.valueOf(li.id()).equals(call.param("chat_id")))
                .map(call -> call.param("text"))
                .filter(text -> text != null && !text.isBlank())
                .toList();
        assertThat(said).contains(rejected.text(), unauthorized.text(), usage.text());
        for (String text : said) {
            String ours = text.replace(upstream, "")
                    .replace(TelegramHarness.MODEL, "")
                    .replace("UTC", "");
            assertThat(ours).as(text).doesNotContainPattern("[A-Za-z]{2,}");
        }
    }

    @Test
    void everyFailureClassReachesTheUserAsAReply() throws Exception {
        List<MockResponse> failures = new java.util.ArrayList<>(ContentsGateway.everyFailure());
        failures.add(ok("{\"code\":200,\"msg\":\"ok\",\"data\":{\"data\":[{\"url\":\"\",\"b64_json\":\"\","
                + "\"revised_prompt\":\"Which fox do you mean?\"}]}}"));
        failures.forEach(gateway::enqueue);
        harness.startPolling();

        for (int i = 0; i < failures.size(); i++) {
            var asked = telegram.from(ALICE).text("a fox number " + i);
            harness.idle();
            awaitSent(
                    ALICE.id(),
                    m -> says("").test(m)
                            && asked.messageId() == (m.replyTo() == null ? -1 : m.replyTo())
                            && !m.text().contains("#"));
        }

        List<String> replies = telegram.sent(ALICE.id()).stream()
                .filter(m -> says("").test(m) && !m.text().contains("#"))
                .map(SentMessage::text)
                .toList();
        assertThat(replies).hasSize(failures.size());
        assertThat(replies.get(0)).contains("IMAGE_SAFETY");
        assertThat(replies.get(1)).contains("Unsupported aspect ratio");
        assertThat(replies.get(2)).contains("credentials");
        assertThat(replies.get(6)).isEqualTo("Which fox do you mean?");
        assertThat(String.join("\n", replies)).doesNotContain("sk-gateway").doesNotContain(TelegramHarness.TOKEN);
    }

    /** Queues red, green and blue answers, asks for "a fox" and returns the red photo posted. */
    private SentMessage firstFoxOfThree() throws Exception {
        gateway.enqueue(image(RED));
        gateway.enqueue(image(GREEN));
        gateway.enqueue(image(BLUE));
        harness.startPolling();
        telegram.from(ALICE).text("a fox");
        SentMessage photo = awaitSent(ALICE.id(), photo());
        nextRequest();
        return photo;
    }

    private static byte[] noise(int width, int height) {
        var random = new Random(1);
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return TestImages.png(image);
    }
}

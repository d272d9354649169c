package dev.redraw.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.testing.TestImages;
import dev.redraw.telegram.fake.FakeTelegram;
import dev.redraw.telegram.fake.FakeTelegram.Kind;
import dev.redraw.telegram.fake.FakeTelegram.SentMessage;
import dev.redraw.telegram.fake.FakeUser;
import java.awt.Color;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A bot wired like production against a fake Telegram and a MockWebServer gateway, for each test. */
abstract class TelegramTestBase {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final FakeUser ALICE = FakeUser.of(42, "Alice");
    static final FakeUser BOB = FakeUser.of(43, "Bob");
    static final byte[] RED = TestImages.png(64, 64, Color.RED);

    @StartStop
    final MockWebServer gateway = new MockWebServer();

    final ObjectMapper json = new ObjectMapper();
    TelegramHarness harness;
    FakeTelegram telegram;

    @BeforeEach
    void startBot() throws Exception {
        harness = new TelegramHarness(gateway);
        telegram = harness.telegram;
    }

    @AfterEach
    void stopBot() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    SentMessage awaitSent(long chat, Predicate<SentMessage> what) {
        return telegram.awaitSent(chat, what, WAIT);
    }

    static Predicate<SentMessage> photo() {
        return m -> m.photo();
    }

    /**
     * Answers the next upstream requests with {@code answers}, each only once {@code chat} shows one
     * more status message and the bot has recorded it with its job: the result then takes over a
     * status message that is already there (one that arrives after its job finished is removed).
     */
    void answerOnceStatusShows(long chat, MockResponse... answers) {
        var next = new java.util.concurrent.atomic.AtomicInteger();
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                int number = next.getAndIncrement();
                if (number >= answers.length) {
                    return new MockResponse.Builder().code(500).build();
                }
                await().atMost(WAIT)
                        .until(() -> telegram.sent(chat).stream()
                                        .filter(m -> m.kind() == Kind.TEXT
                                                && m.text().contains("#"))
                                        .count()
                                > number);
                SentMessage status = telegram.sent(chat).stream()
                        .filter(m -> m.kind() == Kind.TEXT && m.text().contains("#"))
                        .toList()
                        .get(number);
                await().atMost(WAIT)
                        .until(() -> harness.jobs
                                .find(jobNumber(status))
                                .flatMap(dev.redraw.core.job.Job::statusMessageId)
                                .equals(java.util.Optional.of(Long.toString(status.messageId()))));
                return answers[number];
            }
        });
    }

    private static final java.util.regex.Pattern JOB_NUMBER = java.util.regex.Pattern.compile("#(\\d+)");

    /** The job a status message shows ("… · job #12"). */
    static long jobNumber(SentMessage status) {
        var matcher = JOB_NUMBER.matcher(status.text());
        assertThat(matcher.find()).as("a job number in " + status.text()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** Text the chat shows: a message sent, or a message (a status message) edited to it. */
    static Predicate<SentMessage> says(String part) {
        return m -> (m.kind() == Kind.TEXT || m.kind() == Kind.EDIT)
                && m.text() != null
                && m.text().contains(part);
    }

    static Predicate<SentMessage> textContaining(String part) {
        return m -> m.kind() == Kind.TEXT && m.text() != null && m.text().contains(part);
    }

    /** Alice presses the Edit button {@code data} under {@code message}: the bot's question, what should change. */
    SentMessage pressEdit(long message, String data) {
        telegram.from(ALICE).callback(message, data);
        return awaitSent(ALICE.id(), textContaining("What should change?"));
    }

    /** The JSON body of the next request the gateway received. */
    JsonNode nextRequest() throws Exception {
        RecordedRequest request = gateway.takeRequest(20, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the gateway").isNotNull();
        return json.readTree(request.getBody().utf8());
    }

    /** The callback data of the button under {@code message} whose data starts with {@code prefix}. */
    String buttonData(SentMessage message, String prefix) throws Exception {
        for (JsonNode row : json.readTree(message.replyMarkup()).path("inline_keyboard")) {
            for (JsonNode button : row) {
                if (button.path("callback_data").asText().startsWith(prefix)) {
                    return button.path("callback_data").asText();
                }
            }
        }
        throw new AssertionError("no button " + prefix + " in " + message.replyMarkup());
    }

    /** {@code user} sends /forget and confirms it; returns once the confirmation is answered. */
    protected void forgetConfirmed(FakeUser user) {
        telegram.from(user).text("/forget");
        SentMessage confirm = awaitSent(
                user.id(),
                m -> m.kind() == Kind.TEXT
                        && m.replyMarkup() != null
                        && m.replyMarkup().contains(ForgetButtons.FORGET_YES));
        telegram.from(user).callback(confirm.messageId(), ForgetButtons.FORGET_YES);
        telegram.awaitCall(
                "editMessageText", c -> c.param("message_id").equals(Long.toString(confirm.messageId())), WAIT);
    }
}

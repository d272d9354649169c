package dev.redraw.telegram;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.access.AccessPolicy;
import dev.redraw.telegram.fake.FakeChat;
import dev.redraw.telegram.fake.FakeTelegram.Incoming;
import dev.redraw.telegram.fake.FakeTelegram.Kind;
import dev.redraw.telegram.fake.FakeTelegram.SentMessage;
import dev.redraw.telegram.fake.FakeUser;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /admin through the real TelegramBots library: who may use it, and what it changes, here and on a second instance. */
class TelegramAdminTest extends TelegramTestBase {

    private static final FakeUser ADMIN = FakeUser.of(900, "Ops");
    private static final FakeChat GROUP = FakeChat.group(-500, "Painters");
    private static final AccessPolicy ACCESS =
            new AccessPolicy(Set.of("telegram:900"), AccessPolicy.Lists.EMPTY, AccessPolicy.Lists.EMPTY);

    @BeforeEach
    void withAnAdministratorAndOneImageADay() throws Exception {
        harness.close();
        harness = new TelegramHarness(gateway, ACCESS, 1);
        telegram = harness.telegram;
        harness.startPolling();
    }

    /** The bot's answer to message {@code asked} in {@code chat}. */
    private String answerTo(long chat, Incoming asked) {
        return awaitSent(
                        chat,
                        m -> m.kind() == Kind.TEXT
                                && Long.valueOf(asked.messageId()).equals(m.replyTo()))
                .text();
    }

    private String admin(String words) {
        return answerTo(ADMIN.id(), telegram.from(ADMIN).text("/admin " + words));
    }

    @Test
    void someoneElseIsToldTheCommandIsForAdministratorsAndChangesNothing() throws Exception {
        assertThat(answerTo(ALICE.id(), telegram.from(ALICE).text("/admin ban telegram:43")))
                .isEqualTo("Only the bot's administrators can use this command.");
        assertThat(answerTo(ALICE.id(), telegram.from(ALICE).text("/admin")))
                .as("not even the list of actions")
                .isEqualTo("Only the bot's administrators can use this command.");
        assertThat(answerTo(ALICE.id(), telegram.from(ALICE).text("/admin pause")))
                .isEqualTo("Only the bot's administrators can use this command.");

        assertThat(harness.core.admins.bans()).isEmpty();
        assertThat(harness.core.admins.pause()).isEmpty();
    }

    @Test
    void aBanInReplyToAUserHoldsHereAndOnASecondInstanceUntilLifted() throws Exception {
        var hello = telegram.from(ALICE).in(GROUP).text("hello everyone");
        var ban = telegram.from(ADMIN).in(GROUP).replyTo(hello.messageId()).text("/admin ban");
        assertThat(answerTo(GROUP.id(), ban))
                .isEqualTo("🚫 telegram:42 is banned on every instance until you unban them.");

        assertThat(answerTo(ALICE.id(), telegram.from(ALICE).text("a fox")))
                .contains("An administrator has banned you from using this bot.");
        try (var second = harness.secondInstance(gateway, ACCESS, 1).startPolling()) {
            var elsewhere = second.telegram.from(ALICE).text("a fox");
            assertThat(second.telegram
                            .awaitSent(
                                    ALICE.id(),
                                    m -> Long.valueOf(elsewhere.messageId()).equals(m.replyTo()),
                                    WAIT)
                            .text())
                    .contains("banned you");

            var unban = second.telegram.from(ADMIN).text("/admin unban telegram:42");
            assertThat(second.telegram
                            .awaitSent(
                                    ADMIN.id(),
                                    m -> Long.valueOf(unban.messageId()).equals(m.replyTo()),
                                    WAIT)
                            .text())
                    .isEqualTo("✅ telegram:42 is no longer banned.");
        }
        assertThat(gateway.getRequestCount())
                .as("a banned user's requests never reach the upstream")
                .isZero();

        gateway.enqueue(image(RED));
        telegram.from(ALICE).text("a fox");
        awaitSent(ALICE.id(), photo());
    }

    @Test
    void aGrantInReplyToTheBotsResultGivesItsRequesterMoreImages() throws Exception {
        gateway.enqueue(image(RED));
        telegram.from(ALICE).in(GROUP).text("/imagine a fox");
        SentMessage fox = awaitSent(GROUP.id(), photo());
        assertThat(harness.idle()).isTrue();
        assertThat(answerTo(GROUP.id(), telegram.from(ALICE).in(GROUP).text("/imagine a cat")))
                .contains("which is your limit");

        var grant = telegram.from(ADMIN).in(GROUP).replyTo(fox.messageId()).text("/admin grant 2");
        assertThat(answerTo(GROUP.id(), grant))
                .isEqualTo("🎁 telegram:42 can make 2 images more over the next 24 h (2 images granted to them in that"
                        + " window so far).");

        assertThat(answerTo(ALICE.id(), telegram.from(ALICE).text("/usage")))
                .contains("Of your limit, 2 images came from an administrator.");
        gateway.enqueue(image(RED));
        telegram.from(ALICE).in(GROUP).text("/imagine a cat");
        telegram.awaitSent(
                GROUP.id(),
                m -> telegram.sent(GROUP.id()).stream()
                                .filter(SentMessage::photo)
                                .count()
                        == 2,
                WAIT);
    }

    @Test
    void whatIsTypedWrongIsSaidAndNothingIsGranted() throws Exception {
        assertThat(admin("grant telegram:42 abc")).contains("\"abc\" is not a number of images", "from 1 to 1000");
        assertThat(admin("grant telegram:42 -5")).contains("\"-5\" is not a number of images");
        assertThat(admin("grant telegram:42 99999999999999999999999")).contains("is not a number of images");
        assertThat(admin("grant telegram:42")).isEqualTo("How many images? Add a whole number from 1 to 1000.");
        assertThat(admin("ban @alice")).contains("\"@alice\" is not a user I can ban");
        assertThat(admin("ban")).startsWith("Whom should I ban?");
        assertThat(admin("nuke")).startsWith("I don't know /admin nuke.").contains("/admin status");
        assertThat(admin("ban telegram:900"))
                .isEqualTo("telegram:900 is an administrator in the configuration (access.admins); a ban does not"
                        + " apply to them.");

        assertThat(harness.core.admins.grantedSince("telegram:42", java.time.Instant.EPOCH))
                .isZero();
        assertThat(harness.core.admins.bans()).isEmpty();
    }

    @Test
    void aPauseRefusesUsersButNotAdministratorsAndStatusShowsIt() throws Exception {
        assertThat(admin("pause")).startsWith("⏸ Image making is paused");

        assertThat(answerTo(ALICE.id(), telegram.from(ALICE).text("a fox"))).contains("paused image making at");
        assertThat(admin("status"))
                .contains(
                        "Image making has been paused since",
                        "by telegram:900",
                        "gateway: working",
                        "Nobody is banned.");
        gateway.enqueue(image(RED));
        telegram.from(ADMIN).text("a fox for testing");
        awaitSent(ADMIN.id(), photo());

        assertThat(admin("resume")).isEqualTo("▶️ Image making runs again.");
        gateway.enqueue(image(RED));
        telegram.from(ALICE).text("a fox");
        awaitSent(ALICE.id(), photo());
    }

    @Test
    void aReloadIsAskedOfEveryInstanceAndItsOutcomeSaid() throws Exception {
        assertThat(admin("reload"))
                .startsWith("🔄 Configuration reloaded here")
                .contains("Applied now: access, quotas.");
        assertThat(harness.core.reloads.generations).containsExactly(1L);
        assertThat(harness.core.admins.reloadGeneration()).isEqualTo(1);
    }

    @Test
    void statusAndReloadAnswerOnlyInAPrivateChat() throws Exception {
        var status = telegram.from(ADMIN).in(GROUP).text("/admin status");
        assertThat(answerTo(GROUP.id(), status))
                .startsWith("/admin status and /admin reload answer only in a private chat");
        var reload = telegram.from(ADMIN).in(GROUP).text("/admin reload");
        assertThat(answerTo(GROUP.id(), reload)).startsWith("/admin status and /admin reload answer only");

        assertThat(harness.core.reloads.generations).isEmpty();
        assertThat(harness.core.admins.reloadGeneration()).isZero();
    }

    @Test
    void neitherATopicsFirstMessageNorAPostInAChatsNameNamesAUser() throws Exception {
        FakeChat forum = FakeChat.supergroup(-700, "Art");
        telegram.knowChat(forum);
        // In a forum topic every message carries the topic's first message as the one it replies to.
        telegram.enqueueRaw(adminBan(
                forum,
                101,
                "\"message_thread_id\":5,\"is_topic_message\":true,",
                "\"from\":{\"id\":42,\"is_bot\":false,\"first_name\":\"Alice\"},"
                        + "\"forum_topic_created\":{\"name\":\"Foxes\",\"icon_color\":7322096}"));
        // A channel's post, or an anonymous administrator's, comes from an account all of them share.
        telegram.enqueueRaw(adminBan(
                forum,
                102,
                "",
                "\"from\":{\"id\":136817688,\"is_bot\":true,\"first_name\":\"Channel\"},"
                        + "\"sender_chat\":{\"id\":-1001,\"type\":\"channel\",\"title\":\"News\"},"
                        + "\"text\":\"news\""));

        // Raw messages are not kept by the fake Telegram, so the answers are matched by what they reply to.
        for (long asked : new long[] {101, 102}) {
            var answer = telegram.awaitCall(
                    "sendMessage", call -> call.param("reply_parameters").contains("\"message_id\":" + asked), WAIT);
            assertThat(answer.param("text")).startsWith("Whom should I ban?");
        }
        assertThat(harness.core.admins.bans()).isEmpty();
    }

    /**
     * An administrator's {@code /admin ban} as message {@code id} of {@code chat}, with {@code extra}
     * fields, in reply to a message with {@code target}'s fields.
     */
    private static String adminBan(FakeChat chat, long id, String extra, String target) {
        String where = "\"chat\":{\"id\":" + chat.id() + ",\"type\":\"supergroup\",\"title\":\"" + chat.title()
                + "\",\"is_forum\":true}";
        return "{\"message\":{\"message_id\":" + id + ",\"date\":1700000000,"
                + "\"from\":{\"id\":900,\"is_bot\":false,\"first_name\":\"Ops\"}," + where + "," + extra
                + "\"text\":\"/admin ban\",\"entities\":[{\"type\":\"bot_command\",\"offset\":0,\"length\":6}],"
                + "\"reply_to_message\":{\"message_id\":5,\"date\":1700000000," + where + "," + target + "}}}";
    }
}

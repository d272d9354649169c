package dev.redraw.telegram;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.testing.TestImages;
import dev.redraw.telegram.fake.FakeChat;
import dev.redraw.telegram.fake.FakeTelegram;
import dev.redraw.telegram.fake.FakeTelegram.Incoming;
import dev.redraw.telegram.fake.FakeTelegram.Kind;
import dev.redraw.telegram.fake.FakeTelegram.SentMessage;
import dev.redraw.telegram.fake.FakeUser;
import java.awt.Color;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A group's gallery channel: set by its administrators, shared to once with 📢 Share, remixed by link, cleaned by /forget. */
class TelegramGalleryTest extends TelegramTestBase {

    private static final byte[] BLUE = TestImages.png(64, 64, Color.BLUE);
    private static final Pattern REMIX =
            Pattern.compile("https://t\\.me/" + FakeTelegram.BOT_USERNAME + "\\?start=([A-Za-z0-9_-]{43})");

    private final FakeChat group = FakeChat.supergroup(-1001000, "Club");
    private final FakeChat channel = FakeChat.channel(-1002000, "Club gallery", "club_gallery");

    @BeforeEach
    void poll() throws Exception {
        harness.startPolling();
        telegram.knowChannel(channel, true);
        telegram.makeAdmin(group, ALICE);
        telegram.makeAdmin(channel, ALICE);
    }

    private SentMessage answerTo(long chat, Incoming message) {
        return awaitSent(
                chat,
                m -> m.kind() == Kind.TEXT && Long.valueOf(message.messageId()).equals(m.replyTo()));
    }

    private String callbackAnswer(Incoming press) {
        return telegram.awaitCall(
                        "answerCallbackQuery",
                        call -> press.callbackQueryId().equals(call.param("callback_query_id")),
                        WAIT)
                .param("text");
    }

    private void galleryIsSet() {
        var set = telegram.from(ALICE).in(group).text("/gallery @club_gallery");
        assertThat(answerTo(group.id(), set).text()).contains("The gallery is now @club_gallery");
    }

    private SentMessage result(FakeUser who, String prompt) {
        long before = telegram.sent(group.id()).stream()
                .mapToLong(SentMessage::messageId)
                .max()
                .orElse(0);
        telegram.from(who).in(group).text("/imagine " + prompt);
        return awaitSent(group.id(), m -> m.photo() && m.messageId() > before);
    }

    private String remixLink(SentMessage post) throws Exception {
        JsonNode button = json.readTree(post.replyMarkup())
                .path("inline_keyboard")
                .path(0)
                .path(0);
        assertThat(button.path("text").asText()).isEqualTo("🎨 Remix");
        Matcher link = REMIX.matcher(button.path("url").asText());
        assertThat(link.matches()).as("a remix link: %s", button).isTrue();
        return link.group(1);
    }

    @Test
    void onlyAGroupAdministratorWhoAdministersAChannelTheBotMayPostInMakesItTheGallery() {
        var bobs = telegram.from(BOB).in(group).text("/gallery @club_gallery");
        assertThat(answerTo(group.id(), bobs).text()).contains("administrators");

        var unknown = telegram.from(ALICE).in(group).text("/gallery @no_such_channel");
        assertThat(answerTo(group.id(), unknown).text()).contains("I cannot find the channel @no_such_channel");

        FakeChat closed = FakeChat.channel(-1002001, "Closed", "closed_channel");
        telegram.knowChannel(closed, false);
        telegram.makeAdmin(closed, ALICE);
        var cannot = telegram.from(ALICE).in(group).text("/gallery @closed_channel");
        assertThat(answerTo(group.id(), cannot).text()).contains("I cannot post in @closed_channel");

        FakeChat others = FakeChat.channel(-1002002, "Someone else's", "someone_elses");
        telegram.knowChannel(others, true);
        var notHers = telegram.from(ALICE).in(group).text("/gallery @someone_elses");
        assertThat(answerTo(group.id(), notHers).text()).contains("You are not an administrator of @someone_elses");

        var nonsense = telegram.from(ALICE).in(group).text("/gallery " + "x".repeat(5000));
        assertThat(answerTo(group.id(), nonsense).text()).contains("/gallery @channel");
        var privately = telegram.from(ALICE).text("/gallery @club_gallery");
        assertThat(answerTo(ALICE.id(), privately).text()).contains("belongs to a group");

        galleryIsSet();
        var shown = telegram.from(BOB).in(group).text("/gallery");
        assertThat(answerTo(group.id(), shown).text())
                .contains("Gallery: @club_gallery", "remix others' images: everyone", "Automatic sharing: off");
    }

    @Test
    void theAuthorSharesOnceAndAnyoneRemixesFromTheGalleryWithCredit() throws Exception {
        galleryIsSet();
        gateway.enqueue(image(RED));
        SentMessage fox = result(ALICE, "a fox in the snow");
        String share = buttonData(fox, "g:");
        assertThat(json.readTree(fox.replyMarkup()).toString()).contains("📢 Share");

        assertThat(callbackAnswer(telegram.from(BOB).in(group).callback(fox.messageId(), share)))
                .contains("Only the person who made this image");
        assertThat(callbackAnswer(telegram.from(ALICE).in(group).callback(fox.messageId(), share)))
                .contains("Shared to the gallery");
        SentMessage post = awaitSent(channel.id(), photo());
        assertThat(post.text()).contains("a fox in the snow", "by Alice", "gemini");
        assertThat(post.file()).isEqualTo(RED);
        assertThat(callbackAnswer(telegram.from(ALICE).in(group).callback(fox.messageId(), share)))
                .contains("already");
        assertThat(telegram.sent(channel.id())).filteredOn(SentMessage::photo).hasSize(1);

        // Button data forged under the gallery post reaches nothing: the bot's channel posts carry links only.
        String turn = share.substring(2);
        for (String forged : java.util.List.of("r:" + turn, "e:" + turn, "o:" + turn, share)) {
            assertThat(callbackAnswer(telegram.from(BOB).in(channel).callback(post.messageId(), forged)))
                    .contains("no longer");
        }
        assertThat(harness.idle()).isTrue();
        assertThat(telegram.sent(channel.id())).hasSize(1);

        // Bob remixes from the gallery: the link opens his private chat with the bot.
        String token = remixLink(post);
        telegram.from(BOB).text("/start " + token);
        SentMessage shown = awaitSent(BOB.id(), photo());
        assertThat(shown.text()).contains("Continuing from this image");
        nextRequest();
        gateway.enqueue(image(BLUE));
        telegram.from(BOB).replyTo(shown.messageId()).text("make it blue");
        SentMessage remix = awaitSent(BOB.id(), m -> m.photo() && m.messageId() > shown.messageId());
        assertThat(remix.text()).contains("make it blue", "Remix of Alice's image");
        assertThat(nextRequest().path("contents")).hasSize(3);

        // Alice forgets: her post leaves the gallery, and Bob's remix keeps nothing of hers.
        forgetConfirmed(ALICE);
        awaitSent(channel.id(), m -> m.kind() == Kind.DELETE && m.messageId() == post.messageId());
        var again = telegram.from(BOB).text("/start " + token);
        assertThat(answerTo(BOB.id(), again).text()).contains("This link has expired");
        gateway.enqueue(image(RED));
        telegram.from(BOB).replyTo(remix.messageId()).text("at night");
        awaitSent(BOB.id(), m -> m.photo() && m.messageId() > remix.messageId());
        assertThat(nextRequest().path("contents"))
                .as("the remix's history starts at Bob's own request now")
                .hasSize(3);
    }

    @Test
    void aPostTelegramNoLongerLetsTheBotDeleteLosesItsImageWordsAndLinkAndOneItDidNotAnswerForIsTriedAgain()
            throws Exception {
        galleryIsSet();
        gateway.enqueue(image(RED));
        SentMessage fox = result(ALICE, "a fox in the snow");
        telegram.from(ALICE).in(group).callback(fox.messageId(), buttonData(fox, "g:"));
        SentMessage post = awaitSent(channel.id(), photo());

        // Older than Telegram's 48 hours: deleting it is refused.
        telegram.failNext("deleteMessage", 1, 400, 0);
        forgetConfirmed(ALICE);
        var covered = telegram.awaitCall(
                "editMessageMedia", call -> call.param("message_id").equals(Long.toString(post.messageId())), WAIT);
        assertThat(covered.param("media")).contains("🗑").doesNotContain("a fox");
        assertThat(covered.param("reply_markup")).doesNotContain("start=");
        assertThat(telegram.sent(channel.id())).noneMatch(m -> m.kind() == Kind.DELETE);
    }

    @Test
    void resultsAreSharedByThemselvesWhereTheGroupWantsAndNeverWhereRemixIsOff() throws Exception {
        galleryIsSet();
        var bobs = telegram.from(BOB).in(group).text("/autoshare on");
        assertThat(answerTo(group.id(), bobs).text()).contains("administrators");
        var alices = telegram.from(ALICE).in(group).text("/autoshare on");
        assertThat(answerTo(group.id(), alices).text()).contains("goes to the gallery by itself");

        gateway.enqueue(image(RED));
        result(BOB, "a cat");
        SentMessage post = awaitSent(channel.id(), photo());
        assertThat(post.text()).contains("a cat", "by Bob");

        var off = telegram.from(ALICE).in(group).text("/remix off");
        assertThat(answerTo(group.id(), off).text()).contains("only the person who asked");
        gateway.enqueue(image(BLUE));
        SentMessage dog = result(BOB, "a dog");
        assertThat(dog.replyMarkup()).doesNotContain("g:");
        assertThat(harness.idle()).isTrue();
        assertThat(telegram.sent(channel.id())).filteredOn(SentMessage::photo).hasSize(1);
    }

    @Test
    void withRemixLimitedToAdministratorsOthersButtonsAreRefusedToMembers() throws Exception {
        var limited = telegram.from(ALICE).in(group).text("/remix admins");
        assertThat(answerTo(group.id(), limited).text()).contains("others' images here: administrators only");
        gateway.enqueue(image(RED));
        SentMessage fox = result(ALICE, "a fox");
        String reroll = buttonData(fox, "r:");

        assertThat(callbackAnswer(telegram.from(BOB).in(group).callback(fox.messageId(), reroll)))
                .contains("only the person who asked");
        telegram.makeAdmin(group, BOB);
        gateway.enqueue(image(BLUE));
        telegram.from(BOB).in(group).callback(fox.messageId(), reroll);
        awaitSent(group.id(), m -> m.photo() && m.messageId() > fox.messageId());
    }

    @Test
    void aChineseSpeakingUserIsAnsweredInChinese() {
        FakeUser li = FakeUser.of(46, "Li").withLanguage("zh-hans");
        var asked = telegram.from(li).in(group).text("/gallery @club_gallery");
        assertThat(answerTo(group.id(), asked).text()).contains("管理员");
        var shown = telegram.from(li).in(group).text("/gallery");
        assertThat(answerTo(group.id(), shown).text()).contains("画廊", "未设置");
    }
}

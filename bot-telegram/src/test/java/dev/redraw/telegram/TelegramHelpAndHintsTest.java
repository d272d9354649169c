package dev.redraw.telegram;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.access.AccessPolicy;
import dev.redraw.core.testing.TestImages;
import dev.redraw.telegram.fake.FakeChat;
import dev.redraw.telegram.fake.FakeTelegram;
import dev.redraw.telegram.fake.FakeTelegram.SentMessage;
import dev.redraw.telegram.fake.FakeUser;
import java.awt.Color;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the Telegram bot says about itself and to requests it cannot act on: its help, commands it
 * does not have or that are another bot's, /usage in the user's language, and photos without words.
 */
class TelegramHelpAndHintsTest extends TelegramTestBase {

    private static final String BOT = FakeTelegram.BOT_USERNAME;
    private static final FakeUser LI = FakeUser.of(44, "Li").withLanguage("zh-hans");
    private static final FakeChat GROUP = FakeChat.group(-300, "Painters");
    private static final byte[] BLUE = TestImages.png(48, 48, Color.BLUE);

    /** Waits for the answer to /usage in {@code chat}: every update of that chat before it is handled by then. */
    private SentMessage usage(FakeUser user, FakeChat chat) {
        telegram.from(user).in(chat).text(chat.isPrivate() ? "/usage" : "/usage@" + BOT);
        return awaitSent(chat.id(), m -> m.text() != null && m.text().startsWith("📊"));
    }

    /** No run of Latin letters but commands, options and the names given: the text is Chinese through and through. */
    private static void assertNoEnglish(String text, String... names) {
        // Commands and options are typed as they are, in any language.
        String rest = text.replace("UTC", "").replaceAll("(/|--)[a-z]+", "");
        for (String name : names) {
            rest = rest.replace(name, "");
        }
        assertThat(rest).as(text).doesNotContainPattern("[A-Za-z]{2,}");
    }

    @Test
    void helpNamesTheBotByItsUsernameAndDescribesTelegramsCommands() throws Exception {
        harness.startPolling();

        telegram.from(ALICE).text("/help");
        telegram.from(LI).text("/help");
        telegram.from(BOB).in(GROUP).text("/help@" + BOT);

        String english = awaitSent(ALICE.id(), textContaining("/remix")).text();
        assertThat(english)
                .startsWith("🎨 @" + BOT + " makes and edits images.")
                .contains("/imagine", "/edit", "/settings", "/usage", "/cancel", "/forget", "/help")
                .contains("In a private chat with me", "In groups, start with /imagine or mention @" + BOT)
                .contains("album of 2–10 photos", "--ar 16:9")
                .doesNotContain("/blend", "Edit image", "@redraw ");
        String chinese = awaitSent(LI.id(), textContaining("/remix")).text();
        assertThat(chinese).startsWith("🎨 @" + BOT + " 可以生成和修改图片。").contains("私聊", "群组");
        assertNoEnglish(chinese, BOT, "id", "off", "on", "admins");
        assertThat(awaitSent(GROUP.id(), textContaining("/remix")).text()).isEqualTo(english);
    }

    @Test
    void commandsAddressedToAnotherBotAreIgnoredEverywhere() throws Exception {
        harness.startPolling();

        telegram.from(ALICE).text("/start@someotherbot");
        telegram.from(ALICE).text("/imagine@someotherbot a red fox in the snow");
        telegram.from(ALICE).photo(RED, "/imagine@someotherbot make it night");
        telegram.from(BOB).in(GROUP).text("/imagine@someotherbot a fox, @" + BOT);
        SentMessage privately = usage(ALICE, FakeChat.privateWith(ALICE));
        SentMessage inGroup = usage(BOB, GROUP);

        assertThat(privately.text()).contains("You made no images");
        assertThat(telegram.sent(ALICE.id())).containsExactly(privately);
        assertThat(telegram.sent(GROUP.id())).containsExactly(inGroup);
        assertThat(telegram.callCount("getFile")).isZero();
        assertThat(gateway.getRequestCount()).isZero();
        assertThat(harness.jobs.find(1)).isEmpty();
    }

    @Test
    void unknownCommandsGetAHintAndNeverAnImage() throws Exception {
        harness.startPolling();

        telegram.from(ALICE).text("/paint a red fox");
        telegram.from(LI).text("/foo@" + BOT);
        telegram.from(BOB).in(GROUP).text("/paint@" + BOT + " a red fox");
        telegram.from(BOB).in(GROUP).text("/dice");

        assertThat(awaitSent(ALICE.id(), textContaining("/paint")).text())
                .isEqualTo("I don't know the command /paint. /help shows what I can do.");
        String chinese = awaitSent(LI.id(), textContaining("/foo")).text();
        assertThat(chinese).isEqualTo("我不认识命令 /foo。发送 /help 查看我能做什么。");
        SentMessage hint = awaitSent(GROUP.id(), textContaining("/paint"));
        // A bare unknown command in a group may be another bot's: it is left alone.
        SentMessage inGroup = usage(BOB, GROUP);
        assertThat(telegram.sent(GROUP.id())).containsExactly(hint, inGroup);
        assertThat(gateway.getRequestCount()).isZero();
        assertThat(harness.jobs.find(1)).isEmpty();
    }

    @Test
    void usageIsInTheUsersLanguageAndCountsAreWordedByNumber() throws Exception {
        harness.startPolling();
        gateway.enqueue(image(RED));

        assertThat(usage(LI, FakeChat.privateWith(LI)).text())
                .isEqualTo("📊 用量\n\n过去 24 小时内你还没有生成图片。你的额度是 1000 张图片，现在还可以再生成 1000 张。");
        telegram.from(LI).text("一只红狐狸");
        awaitSent(LI.id(), photo());
        assertThat(harness.idle()).isTrue();
        telegram.from(LI).text("/usage");

        String chinese = awaitSent(LI.id(), textContaining("生成了 1 张图片")).text();
        assertThat(chinese).contains("过去 24 小时内你生成了 1 张图片。", "还可以再生成 999 张");
        assertNoEnglish(chinese);
        assertThat(usage(ALICE, FakeChat.privateWith(ALICE)).text())
                .isEqualTo("📊 Usage\n\nYou made no images in the last 24 h. Your limit is 1000 images, so you can"
                        + " make 1000 more now.");
    }

    @Test
    void administratorsSeeEveryonesImagesInTheirLanguage() throws Exception {
        harness.close();
        harness = new TelegramHarness(
                gateway,
                new AccessPolicy(Set.of("telegram:" + LI.id()), AccessPolicy.Lists.EMPTY, AccessPolicy.Lists.EMPTY));
        telegram = harness.telegram;
        harness.startPolling();
        gateway.enqueue(image(RED));
        telegram.from(BOB).text("a red fox");
        awaitSent(BOB.id(), photo());

        String report = usage(LI, FakeChat.privateWith(LI)).text();

        assertThat(report)
                .contains("你是管理员，不受额度限制。过去 24 小时内你还没有生成图片。")
                .contains(" · telegram:" + BOB.id() + " · 聊天 " + BOB.id() + " · ")
                .endsWith(" · 1 张图片");
        assertNoEnglish(report, "telegram", TelegramHarness.MODEL);
    }

    @Test
    void photosAndAlbumsWithoutCaptionAreToldHowToSayWhatToChange() throws Exception {
        harness.startPolling();

        telegram.from(ALICE).photo(RED, null);
        telegram.from(LI).photo(RED, null);
        telegram.from(BOB).album(List.of(RED, BLUE), null);

        assertThat(awaitSent(ALICE.id(), textContaining("caption")).text())
                .isEqualTo("Tell me what to change: send the photo again with a caption that says it, or reply to the"
                        + " photo with what to change (in groups: /edit <what to change>).");
        assertThat(awaitSent(LI.id(), textContaining("说明")).text()).contains("回复这张图片");
        assertThat(awaitSent(BOB.id(), textContaining("album")).text())
                .isEqualTo("Tell me what to make of these photos: send the album again with a caption that says how to"
                        + " combine them, or reply to one of the photos with what to change in it.");
        assertThat(telegram.callCount("getFile")).isZero();
        assertThat(gateway.getRequestCount()).isZero();
    }

    @Test
    void aReplyToAPhotoSaysWhatToChangeAndIsAnEdit() throws Exception {
        harness.startPolling();
        gateway.enqueue(image(BLUE));
        var photo = telegram.from(ALICE).photo(RED, null);
        awaitSent(ALICE.id(), textContaining("caption"));

        telegram.from(ALICE).replyTo(photo.messageId()).text("make it night");

        assertThat(nextRequest().toString()).contains("make it night");
        awaitSent(ALICE.id(), photo());
    }
}

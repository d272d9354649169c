package dev.redraw.telegram;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.TestImages;
import dev.redraw.core.tree.TreePage;
import dev.redraw.telegram.fake.FakeChat;
import dev.redraw.telegram.fake.FakeTelegram;
import dev.redraw.telegram.fake.FakeTelegram.Kind;
import dev.redraw.telegram.fake.FakeTelegram.SentMessage;
import dev.redraw.telegram.fake.FakeUser;
import java.awt.Color;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /tree answers with a private link to the tree page; a continue link from the page opens it in a private chat. */
class TelegramTreeTest extends TelegramTestBase {

    private static final Pattern LINK = Pattern.compile("https://redraw\\.test/t/([A-Za-z0-9_-]{43})");
    private static final byte[] BLUE = TestImages.png(64, 64, Color.BLUE);

    @BeforeEach
    void poll() throws Exception {
        harness.startPolling();
    }

    private static String token(String text) {
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as("a tree link in: %s", text).isTrue();
        return link.group(1);
    }

    /** {@code user} opens a private chat with the bot, as Telegram requires before the bot may write there. */
    private void startsPrivateChat(FakeUser user) {
        answerTo(user.id(), telegram.from(user).text("/start"));
    }

    /** Alice's fox in a group, then her /tree there; its answer in the group, and the link sent to her privately. */
    private record FoxInGroup(FakeChat group, SentMessage fox, SentMessage answer, String page) {}

    private FoxInGroup alicesFoxAndTreeIn(long groupId) {
        gateway.enqueue(image(RED));
        FakeChat group = FakeChat.group(groupId, "Club");
        startsPrivateChat(ALICE);
        telegram.from(ALICE).in(group).text("/imagine a fox");
        SentMessage fox = awaitSent(group.id(), photo());
        SentMessage answer = answerTo(group.id(), telegram.from(ALICE).in(group).text("/tree"));
        SentMessage privately = awaitSent(
                ALICE.id(), m -> m.kind() == Kind.TEXT && LINK.matcher(m.text()).find());
        return new FoxInGroup(group, fox, answer, token(privately.text()));
    }

    private SentMessage answerTo(long chat, FakeTelegram.Incoming message) {
        return awaitSent(
                chat,
                m -> m.kind() == Kind.TEXT && Long.valueOf(message.messageId()).equals(m.replyTo()));
    }

    /** The turn a posted message is linked to, once the bot has recorded the link. */
    private long turnOf(long chat, SentMessage posted) {
        var message = new MessageRef("telegram", Long.toString(chat), Long.toString(posted.messageId()));
        return await().atMost(WAIT)
                .until(() -> harness.conversations.resolve(message), OptionalLong::isPresent)
                .getAsLong();
    }

    @Test
    void aReplyToAResultAnswersWithAPrivateLinkToItsTreeWithoutAPreview() throws Exception {
        gateway.enqueue(image(RED));
        gateway.enqueue(image(BLUE));
        telegram.from(ALICE).text("a fox");
        SentMessage fox = awaitSent(ALICE.id(), photo());
        telegram.from(ALICE).replyTo(fox.messageId()).text("make it blue");
        SentMessage blue = awaitSent(ALICE.id(), m -> m.photo() && m.messageId() != fox.messageId());

        var ask = telegram.from(ALICE).replyTo(fox.messageId()).text("/tree");
        SentMessage answer = answerTo(ALICE.id(), ask);

        assertThat(answer.text()).contains("The edit tree of this conversation", "works until");
        var call = telegram.calls("sendMessage").stream()
                .filter(sent -> sent.param("text") != null && sent.param("text").contains("/t/"))
                .findFirst()
                .orElseThrow();
        assertThat(call.json("link_preview_options").path("is_disabled").asBoolean())
                .isTrue();
        TreePage page = harness.core.services.trees().page(token(answer.text())).orElseThrow();
        TreePage.Node root = page.roots().getFirst();
        assertThat(root.turnId()).isEqualTo(turnOf(ALICE.id(), fox));
        assertThat(root.mark()).isEqualTo(TreePage.Mark.MARKED);
        assertThat(root.children()).singleElement().satisfies(child -> {
            assertThat(child.turnId()).isEqualTo(turnOf(ALICE.id(), blue));
            assertThat(child.prompt()).isEqualTo("make it blue");
        });
    }

    @Test
    void inAGroupTheLinkGoesToTheUsersPrivateChat() throws Exception {
        var asked = alicesFoxAndTreeIn(-500);

        assertThat(asked.answer().text()).contains("I have sent it to you in our private chat");
        assertThat(telegram.sent(asked.group().id()))
                .noneMatch(m -> m.text() != null && m.text().contains("/t/"));
        TreePage page = harness.core.services.trees().page(asked.page()).orElseThrow();
        assertThat(page.roots())
                .singleElement()
                .satisfies(node -> assertThat(node.mark()).isEqualTo(TreePage.Mark.MARKED));
    }

    @Test
    void aUserWhoNeverOpenedAPrivateChatIsToldToStartOne() throws Exception {
        gateway.enqueue(image(RED));
        FakeChat group = FakeChat.group(-501, "Club");
        telegram.from(BOB).in(group).text("/imagine a fox");
        awaitSent(group.id(), photo());

        var ask = telegram.from(BOB).in(group).text("/tree");

        assertThat(answerTo(group.id(), ask).text())
                .contains("you have not started one with me yet", "@" + FakeTelegram.BOT_USERNAME);
        assertThat(telegram.sent(group.id()))
                .noneMatch(m -> m.text() != null && m.text().contains("/t/"));
    }

    @Test
    void withNothingMadeOrARepliedMessageThatIsNoResultTheUserIsToldWhyInTheirLanguage() throws Exception {
        FakeUser chinese = FakeUser.of(77, "Li").withLanguage("zh-hans");
        var ask = telegram.from(chinese).text("/tree");
        assertThat(answerTo(chinese.id(), ask).text()).contains("还没有");

        var own = telegram.from(ALICE).text("/usage");
        answerTo(ALICE.id(), own);
        var replied = telegram.from(ALICE).replyTo(own.messageId()).text("/tree");
        assertThat(answerTo(ALICE.id(), replied).text()).contains("no longer in the bot's history");
    }

    @Test
    void aContinueLinkOpensTheImageInAPrivateChatAndAReplyContinuesItsBranch() throws Exception {
        var asked = alicesFoxAndTreeIn(-502);
        FakeChat group = asked.group();
        SentMessage fox = asked.fox();
        String start = harness.core
                .services
                .trees()
                .continueFrom(asked.page(), turnOf(group.id(), fox))
                .orElseThrow();
        assertThat(harness.idle()).isTrue();
        nextRequest();

        telegram.from(BOB).text("/start " + start);
        SentMessage shown = awaitSent(BOB.id(), photo());
        assertThat(shown.text()).contains("Continuing from this image");
        assertThat(shown.file()).containsExactly(RED);

        gateway.enqueue(image(BLUE));
        telegram.from(BOB).replyTo(shown.messageId()).text("make it blue");
        SentMessage remix = awaitSent(BOB.id(), m -> m.photo() && m.messageId() != shown.messageId());
        JsonNode request = nextRequest();
        assertThat(request.path("contents")).hasSize(3);
        assertThat(ContentsGateway.imageAt(request, 1, 1)).isEqualTo(ContentsGateway.dataUri("image/png", RED));
        assertThat(remix.file()).isNotNull();
        assertThat(remix.text()).contains("make it blue", "Remix of Alice's image");
        long remixTurn = turnOf(BOB.id(), remix);
        assertThat(harness.conversations.path(remixTurn))
                .extracting(dev.redraw.core.conversation.Turn::id)
                .contains(turnOf(group.id(), fox));
        assertThat(harness.conversations.find(remixTurn).orElseThrow().origin().userId())
                .isEqualTo(Long.toString(BOB.id()));
    }

    @Test
    void aReplyToSomeoneElsesResultCreditsTheirNameAndOnesOwnContinuationDoesNot() throws Exception {
        FakeUser carol = FakeUser.of(45, "Carol").withUsername("carol_draws");
        FakeChat group = FakeChat.group(-504, "Club");
        gateway.enqueue(image(RED));
        telegram.from(carol).in(group).text("/imagine a fox");
        SentMessage fox = awaitSent(group.id(), photo());
        assertThat(fox.text()).doesNotContain("Remix");

        gateway.enqueue(image(BLUE));
        telegram.from(BOB).in(group).replyTo(fox.messageId()).text("make it blue");
        SentMessage blue = awaitSent(group.id(), m -> m.photo() && m.messageId() > fox.messageId());
        gateway.enqueue(image(RED));
        telegram.from(carol).in(group).replyTo(fox.messageId()).text("at night");
        SentMessage night = awaitSent(group.id(), m -> m.photo() && m.messageId() > blue.messageId());

        assertThat(blue.text()).contains("Remix of @carol_draws's image");
        assertThat(night.text()).doesNotContain("Remix");
    }

    @Test
    void aContinueLinkRespectsTheSourceChatsRemixSwitchAndExpiresToAClearMessage() throws Exception {
        var asked = alicesFoxAndTreeIn(-503);
        String start = harness.core
                .services
                .trees()
                .continueFrom(asked.page(), turnOf(asked.group().id(), asked.fox()))
                .orElseThrow();
        harness.core
                .services
                .settings()
                .setRemixAllowed("telegram", Long.toString(asked.group().id()), false);

        var bobs = telegram.from(BOB).text("/start " + start);
        assertThat(answerTo(BOB.id(), bobs).text()).contains("lets only the person who asked for it continue");
        var alices = telegram.from(ALICE).text("/start " + start);
        SentMessage shown = awaitSent(ALICE.id(), photo());
        assertThat(shown.text()).contains("Continuing from this image");
        assertThat(telegram.sent(ALICE.id()))
                .noneMatch(m -> Long.valueOf(alices.messageId()).equals(m.replyTo()));

        var forged = telegram.from(BOB).text("/start " + "A".repeat(43));
        assertThat(answerTo(BOB.id(), forged).text()).contains("This link has expired");
        var plain = telegram.from(BOB).text("/start");
        assertThat(answerTo(BOB.id(), plain).text()).doesNotContain("This link has expired");
    }
}

package dev.redraw.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.NewTurn;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.settings.RemixRules;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcCommunityStore;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcSettingsStore;
import dev.redraw.core.storage.OnEachDatabase;
import dev.redraw.core.storage.TestDatabase;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ResultActionsTest extends OnEachDatabase {

    ResultActionsTest(TestDatabase.Engine engine) {
        super(engine);
    }

    private static final Origin ALICE = new Origin("telegram", "100", "1");
    private static final Origin BOB_ELSEWHERE = new Origin("telegram", "200", "2");
    private static final Origin BOB_WITH_ALICE = new Origin("telegram", "100", "2");

    private final Database database = engine.open();
    private final JdbcConversationStore conversations =
            new JdbcConversationStore(database.dataSource(), Clock.systemUTC());
    private final JdbcSettingsStore settings = new JdbcSettingsStore(database.dataSource(), Clock.systemUTC());
    private final JdbcCommunityStore community = new JdbcCommunityStore(database.dataSource(), Clock.systemUTC());
    private final ResultActions actions = new ResultActions(conversations, new RemixRules(settings, community));

    @AfterEach
    void close() {
        database.close();
    }

    /** A request of {@code owner}, as a new conversation. */
    private Turn request(Origin owner) {
        return conversations.append(new NewTurn(
                OptionalLong.empty(),
                Role.USER,
                List.of(new Part.Text("a fox")),
                owner,
                Optional.of("m"),
                Optional.empty()));
    }

    /** A result of {@code owner} posted as message {@code messageId} in the owner's chat. */
    private Turn posted(Origin owner, String messageId) {
        Turn request = request(owner);
        Turn answer = conversations.append(new NewTurn(
                OptionalLong.of(request.id()),
                Role.MODEL,
                List.of(new Part.Text("here")),
                owner,
                Optional.of("m"),
                Optional.empty()));
        conversations.link(new MessageRef(owner.platform(), owner.chatId(), messageId), answer.id());
        return answer;
    }

    private static MessageRef message(String chat, String id) {
        return new MessageRef("telegram", chat, id);
    }

    @Test
    void theOwnersPressActsOnTheTurnThePressedMessageShows() {
        Turn answer = posted(ALICE, "10");

        var press = actions.press(ALICE, message("100", "10"), "r:" + answer.id());

        assertThat(press).isEqualTo(new ResultActions.Press.Allowed(answer));
    }

    @Test
    void underAMessageOfSeveralVariationsOnlyDataNamingOneOfTheirAnswersActs() {
        Turn answer = posted(ALICE, "10");
        long request = answer.parentId().getAsLong();
        conversations.linkShared(message("100", "11"), request);

        assertThat(actions.press(ALICE, message("100", "11"), "e:" + answer.id()))
                .isEqualTo(new ResultActions.Press.Allowed(answer));
        assertThat(actions.press(ALICE, message("100", "11"), "r:" + request))
                .as("the request the message is linked to is no answer")
                .isInstanceOf(ResultActions.Press.Forged.class);
    }

    @Test
    void aUsersOwnPromptMessageLinkedToItsRequestStillActsOnThatRequest() {
        // Discord's Edit image menu on one's own prompt message names the request it is linked to.
        Turn request = request(ALICE);
        conversations.link(message("100", "12"), request.id());

        assertThat(actions.press(ALICE, message("100", "12"), "e:" + request.id()))
                .isEqualTo(new ResultActions.Press.Allowed(request));
    }

    @Test
    void aReplyToAMessageOfVariationsOfWhichOneWasMadeContinuesFromThatOne() {
        Turn answer = posted(ALICE, "10");
        long request = answer.parentId().getAsLong();
        conversations.linkShared(message("100", "11"), request);

        assertThat(actions.replyTarget(ALICE, "100", "11")).isEqualTo(new ResultActions.Press.Allowed(answer));

        Turn second = conversations.append(new NewTurn(
                OptionalLong.of(request),
                Role.MODEL,
                List.of(new Part.Text("another")),
                ALICE,
                Optional.of("m"),
                Optional.empty()));
        assertThat(second.id()).isNotEqualTo(answer.id());
        var several = actions.replyTarget(ALICE, "100", "11");
        assertThat(several)
                .as("with several made, the reply names the request, and the core asks which image")
                .isInstanceOfSatisfying(
                        ResultActions.Press.Allowed.class,
                        allowed -> assertThat(allowed.answer().id()).isEqualTo(request));
    }

    @Test
    void dataNamingAnotherChatsTurnUnderOnesOwnMessageIsForged() {
        Turn alices = posted(ALICE, "10");
        posted(BOB_ELSEWHERE, "20");

        var press = actions.press(BOB_ELSEWHERE, message("200", "20"), "o:" + alices.id());

        assertThat(press).isInstanceOf(ResultActions.Press.Forged.class);
    }

    @Test
    void aPressNamingAMessageOfAnotherChatIsForgedAndUnknownMessagesAreGone() {
        Turn alices = posted(ALICE, "10");

        assertThat(actions.press(BOB_ELSEWHERE, message("100", "10"), "o:" + alices.id()))
                .isInstanceOf(ResultActions.Press.Forged.class);
        assertThat(actions.press(BOB_ELSEWHERE, message("200", "10"), "o:" + alices.id()))
                .isInstanceOf(ResultActions.Press.Gone.class);
        assertThat(actions.press(ALICE, message("100", "10"), "o:99999999999999999999999"))
                .isInstanceOf(ResultActions.Press.Forged.class);
        assertThat(actions.press(ALICE, message("100", "10"), "o:")).isInstanceOf(ResultActions.Press.Forged.class);
    }

    @Test
    void othersInTheChatMayPressOnlyWhileRemixingIsAllowed() {
        Turn alices = posted(ALICE, "10");

        assertThat(actions.press(BOB_WITH_ALICE, message("100", "10"), "r:" + alices.id()))
                .isInstanceOf(ResultActions.Press.Allowed.class);
        settings.setRemixAllowed("telegram", "100", false);
        assertThat(actions.press(BOB_WITH_ALICE, message("100", "10"), "r:" + alices.id()))
                .isInstanceOf(ResultActions.Press.NotAllowed.class);
        assertThat(actions.press(ALICE, message("100", "10"), "r:" + alices.id()))
                .isInstanceOf(ResultActions.Press.Allowed.class);
    }

    @Test
    void aReplyResolvesOnlyWithinItsOwnChat() {
        Turn alices = posted(ALICE, "10");

        assertThat(actions.replyTarget(ALICE, "100", "10")).isEqualTo(new ResultActions.Press.Allowed(alices));
        assertThat(actions.replyTarget(BOB_ELSEWHERE, "100", "10")).isInstanceOf(ResultActions.Press.Forged.class);
        assertThat(actions.replyTarget(BOB_ELSEWHERE, "200", "10")).isInstanceOf(ResultActions.Press.Gone.class);
    }

    @Test
    void othersInTheChatMayReplyToContinueAResultOnlyWhileRemixingIsAllowed() {
        Turn alices = posted(ALICE, "10");

        assertThat(actions.replyTarget(BOB_WITH_ALICE, "100", "10")).isEqualTo(new ResultActions.Press.Allowed(alices));
        settings.setRemixAllowed("telegram", "100", false);
        assertThat(actions.replyTarget(BOB_WITH_ALICE, "100", "10")).isInstanceOf(ResultActions.Press.NotAllowed.class);
        assertThat(actions.replyTarget(ALICE, "100", "10")).isEqualTo(new ResultActions.Press.Allowed(alices));
    }

    @Test
    void onDiscordTheServersRemixSwitchAppliesToReplies() {
        var alice = new Origin("discord", "c1", "1", Optional.of("g1"));
        var bob = new Origin("discord", "c1", "2", Optional.of("g1"));
        Turn request = request(alice);
        conversations.link(new MessageRef("discord", "c1", "m1"), request.id());
        settings.setRemixAllowed("discord", "g1", false);

        assertThat(actions.replyTarget(bob, "c1", "m1")).isInstanceOf(ResultActions.Press.NotAllowed.class);
        assertThat(actions.replyTarget(alice, "c1", "m1")).isEqualTo(new ResultActions.Press.Allowed(request));
    }

    /** {@link ResultActions#open}: an action on a result message that carries no data, such as a context menu. */
    @Nested
    class OpenedOnAMessage {

        private static final Origin ALICE = new Origin("discord", "c1", "1", Optional.of("g1"));
        private static final Origin BOB_WITH_ALICE = new Origin("discord", "c1", "2", Optional.of("g1"));
        private static final Origin BOB_ELSEWHERE = new Origin("discord", "c2", "2", Optional.of("g1"));

        @Test
        void theOwnerActsOnTheTurnTheMessageShows() {
            Turn answer = posted(ALICE, "10");

            assertThat(actions.open(ALICE, new MessageRef("discord", "c1", "10")))
                    .isEqualTo(new ResultActions.Press.Allowed(answer));
        }

        @Test
        void othersActOnlyWhileTheServerAllowsRemixing() {
            Turn answer = posted(ALICE, "10");
            var shown = new MessageRef("discord", "c1", "10");

            assertThat(actions.open(BOB_WITH_ALICE, shown)).isEqualTo(new ResultActions.Press.Allowed(answer));
            settings.setRemixAllowed("discord", "g1", false);
            assertThat(actions.open(BOB_WITH_ALICE, shown)).isInstanceOf(ResultActions.Press.NotAllowed.class);
            assertThat(actions.open(ALICE, shown)).isEqualTo(new ResultActions.Press.Allowed(answer));
        }

        @Test
        void aMessageOfAnotherChatIsForgedAndAMessageShowingNoResultIsGone() {
            posted(ALICE, "10");

            assertThat(actions.open(BOB_ELSEWHERE, new MessageRef("discord", "c1", "10")))
                    .isInstanceOf(ResultActions.Press.Forged.class);
            assertThat(actions.open(BOB_ELSEWHERE, new MessageRef("telegram", "c2", "10")))
                    .isInstanceOf(ResultActions.Press.Forged.class);
            assertThat(actions.open(BOB_ELSEWHERE, new MessageRef("discord", "c2", "10")))
                    .isInstanceOf(ResultActions.Press.Gone.class);
            assertThat(actions.open(ALICE, new MessageRef("discord", "c1", "11")))
                    .isInstanceOf(ResultActions.Press.Gone.class);
        }

        @Test
        void aForgottenResultIsGone() {
            posted(ALICE, "10");
            conversations.forget("discord", "1");

            assertThat(actions.open(ALICE, new MessageRef("discord", "c1", "10")))
                    .isInstanceOf(ResultActions.Press.Gone.class);
        }
    }
}

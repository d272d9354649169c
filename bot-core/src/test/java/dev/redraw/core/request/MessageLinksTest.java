package dev.redraw.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Test;

class MessageLinksTest extends OnEachDatabase {

    MessageLinksTest(TestDatabase.Engine engine) {
        super(engine);
    }

    private static final Origin ALICE = new Origin("telegram", "100", "1");

    private final Database database = engine.open();
    private final JdbcConversationStore conversations =
            new JdbcConversationStore(database.dataSource(), Clock.systemUTC());
    private final ResultActions results = new ResultActions(
            conversations,
            new RemixRules(
                    new JdbcSettingsStore(database.dataSource(), Clock.systemUTC()),
                    new JdbcCommunityStore(database.dataSource(), Clock.systemUTC())));
    private final MessageLinks links = new MessageLinks(conversations);

    @AfterEach
    void close() {
        database.close();
    }

    private Turn turn(String text) {
        return conversations.append(new NewTurn(
                OptionalLong.empty(),
                Role.USER,
                List.of(new Part.Text(text)),
                ALICE,
                Optional.of("m"),
                Optional.empty()));
    }

    @Test
    void aLinkedMessageIsWhatARepliesInItsChatContinue() {
        Turn fox = turn("a fox");
        Turn owl = turn("an owl");

        links.link(new MessageRef("telegram", "100", "5"), fox);
        assertThat(results.replyTarget(ALICE, "100", "5"))
                .isInstanceOfSatisfying(
                        ResultActions.Press.Allowed.class,
                        allowed -> assertThat(allowed.answer().id()).isEqualTo(fox.id()));

        links.link(new MessageRef("telegram", "100", "5"), owl);
        assertThat(results.replyTarget(ALICE, "100", "5"))
                .isInstanceOfSatisfying(
                        ResultActions.Press.Allowed.class,
                        allowed -> assertThat(allowed.answer().id()).isEqualTo(owl.id()));
        assertThat(results.replyTarget(new Origin("telegram", "200", "1"), "100", "5"))
                .isInstanceOf(ResultActions.Press.Forged.class);
    }

    @Test
    void aLinkIsWrittenOnAnInterruptedThreadAndTheInterruptIsKept() {
        Turn fox = turn("a fox");

        Thread.currentThread().interrupt();
        try {
            links.link(new MessageRef("telegram", "100", "6"), fox);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(conversations.resolve(new MessageRef("telegram", "100", "6")))
                .hasValue(fox.id());
    }

    @Test
    void aMessageOfAnotherPlatformIsNotLinkedToATurn() {
        Turn fox = turn("a fox");

        assertThatThrownBy(() -> links.link(new MessageRef("discord", "100", "7"), fox))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(conversations.resolve(new MessageRef("discord", "100", "7"))).isEmpty();
    }
}

package dev.redraw.discord;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.testing.TestImages;
import dev.redraw.core.tree.TreePage;
import dev.redraw.discord.fake.FakeDiscord;
import dev.redraw.discord.fake.FakeDiscord.Reply;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /tree and the Show edit tree menu answer the user alone with a private link to the tree page. */
class DiscordTreeTest extends DiscordTestBase {

    private static final byte[] RED = TestImages.png(64, 64, Color.RED);
    private static final byte[] BLUE = TestImages.png(64, 64, Color.BLUE);
    private static final Pattern LINK = Pattern.compile("https://redraw\\.test/t/([A-Za-z0-9_-]{43})");
    private static final int EPHEMERAL = 64;
    private static final int SUPPRESS_EMBEDS = 4;

    private static String token(String text) {
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as("a tree link in: %s", text).isTrue();
        return link.group(1);
    }

    private long foxThenBlue() {
        gateway.enqueue(image(RED));
        gateway.enqueue(image(BLUE));
        Reply fox = result(slash("imagine", Map.of("prompt", "a fox")));
        long message = harness.messageShowing(fox);
        result(pressEdit(message, fox.button("e:"), "make it blue"));
        return message;
    }

    @Test
    void treeAnswersTheUserAloneWithALinkDiscordDoesNotPreviewAndTheMenuMarksTheResult() {
        long fox = foxThenBlue();

        Reply newest = answer(slash("tree", Map.of()));

        assertThat(newest.content()).contains("The edit tree of this conversation");
        assertThat(newest.flags() & EPHEMERAL).isEqualTo(EPHEMERAL);
        assertThat(newest.flags() & SUPPRESS_EMBEDS).isEqualTo(SUPPRESS_EMBEDS);
        TreePage page =
                harness.core.services.trees().page(token(newest.content())).orElseThrow();
        TreePage.Node root = page.roots().getFirst();
        assertThat(root.mark()).isEqualTo(TreePage.Mark.ON_PATH);
        assertThat(root.children()).singleElement().satisfies(child -> {
            assertThat(child.mark()).isEqualTo(TreePage.Mark.MARKED);
            assertThat(child.prompt()).isEqualTo("make it blue");
        });
        assertThat(root.posted()).singleElement().satisfies(posted -> {
            assertThat(posted.messageId()).isEqualTo(Long.toString(fox));
            assertThat(root.author().guildId()).hasValue(Long.toString(FakeDiscord.GUILD_ID));
        });

        Reply menu = answer(harness.discord.messageContextMenu(FakeDiscord.ALICE, CommandDefinitions.TREE_MENU, fox));

        assertThat(menu.flags() & EPHEMERAL).isEqualTo(EPHEMERAL);
        TreePage marked =
                harness.core.services.trees().page(token(menu.content())).orElseThrow();
        assertThat(marked.roots().getFirst().mark()).isEqualTo(TreePage.Mark.MARKED);
        assertThat(marked.roots().getFirst().children().getFirst().mark()).isEqualTo(TreePage.Mark.NONE);
    }

    @Test
    void aMessageThatShowsNoResultAndAUserWithNothingYetAreToldWhyInTheirLanguage() {
        long message = harness.discord.userMessage(FakeDiscord.BOB, FakeDiscord.CHANNEL_ID, "hello", List.of(), null);

        Reply gone = answer(harness.discord.messageContextMenu(FakeDiscord.BOB, CommandDefinitions.TREE_MENU, message));
        Reply none = answer(harness.discord.slashCommand(
                FakeDiscord.BOB, FakeDiscord.CHANNEL_ID, "tree", Map.of(), List.of(), "zh-CN"));

        assertThat(gone.content()).contains("no longer in the bot's history");
        assertThat(none.content()).contains("还没有");
        assertThat(none.content().replaceAll("/[a-z]+", "")).doesNotContainPattern("[A-Za-z]{3,}");
        assertThat(none.flags() & EPHEMERAL).isEqualTo(EPHEMERAL);
    }

    @Test
    void anEditOfSomeoneElsesResultCreditsThemInItsEmbed() {
        gateway.enqueue(image(RED));
        gateway.enqueue(image(BLUE));
        Reply fox = result(slash("imagine", Map.of("prompt", "a fox")));
        long message = harness.messageShowing(fox);
        assertThat(fox.embeds().toString()).doesNotContain("Remix");

        Reply modal = answer(harness.discord.button(FakeDiscord.BOB, message, fox.button("e:"), "en-US"));
        Reply remix = result(harness.discord.modalSubmit(
                FakeDiscord.BOB,
                modal.payload().path("custom_id").asText(),
                Map.of(EditForm.INSTRUCTION, "make it blue"),
                "en-US"));

        assertThat(remix.embeds().get(0).path("description").asText())
                .contains("make it blue")
                .contains("Remix of <@" + FakeDiscord.ALICE + ">'s image");
    }

    @Test
    void treeIsRegisteredAsACommandAndAContextMenuInBothLanguages() {
        var commands = harness.discord.commands("global").toString();
        assertThat(commands).contains("\"name\":\"tree\"", "\"name\":\"Show edit tree\"", "查看编辑树");
    }
}

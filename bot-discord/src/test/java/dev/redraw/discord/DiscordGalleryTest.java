package dev.redraw.discord;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.testing.TestImages;
import dev.redraw.core.text.Messages;
import dev.redraw.discord.fake.FakeDiscord;
import dev.redraw.discord.fake.FakeDiscord.PickedChannel;
import dev.redraw.discord.fake.FakeDiscord.Reply;
import dev.redraw.discord.fake.FakeDiscord.ReplyKind;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server's gallery channel: set by its managers, shared to once with 📢 Share, remixed in place, cleaned by /forget. */
class DiscordGalleryTest extends DiscordTestBase {

    private static final Messages EN = Messages.forLanguage("en");
    private static final byte[] RED = TestImages.png(64, 64, Color.RED);
    private static final byte[] BLUE = TestImages.png(64, 64, Color.BLUE);

    private FakeDiscord.Interaction gallery(long user, String subcommand, Map<String, ?> options, String locale) {
        return harness.discord.slashSubcommand(user, FakeDiscord.CHANNEL_ID, "gallery", subcommand, options, locale);
    }

    private void galleryIsSet() {
        Reply set = answer(gallery(
                FakeDiscord.ALICE, "set", Map.of("channel", new PickedChannel(FakeDiscord.GALLERY_ID)), "en-US"));
        assertThat(set.content()).contains("The gallery is now <#" + FakeDiscord.GALLERY_ID + ">");
    }

    /** What the bot told the presser of 📢 Share: it answers at once, and says how it went by an edit. */
    private String shareAnswer(FakeDiscord.Interaction press) {
        return harness.discord
                .awaitReply(press.token(), ReplyKind.EDIT_ORIGINAL, WAIT)
                .content();
    }

    private List<JsonNode> galleryPosts() {
        return harness.discord.channelMessages(FakeDiscord.GALLERY_ID);
    }

    @Test
    void onlyAServerManagerSetsTheGallery() {
        Reply bobs = answer(
                gallery(FakeDiscord.BOB, "set", Map.of("channel", new PickedChannel(FakeDiscord.GALLERY_ID)), "en-US"));
        assertThat(bobs.content()).contains(EN.notAdmin());
        Reply shown = answer(gallery(FakeDiscord.BOB, "show", Map.of(), "en-US"));
        assertThat(shown.content()).contains("Gallery: none");

        galleryIsSet();
        Reply again = answer(gallery(FakeDiscord.BOB, "show", Map.of(), "zh-CN"));
        assertThat(again.content()).contains("画廊：<#" + FakeDiscord.GALLERY_ID + ">", "所有人");
        Reply off = answer(gallery(FakeDiscord.BOB, "off", Map.of(), "en-US"));
        assertThat(off.content()).contains(EN.notAdmin());
        assertThat(answer(gallery(FakeDiscord.BOB, "show", Map.of(), "en-US")).content())
                .as("still set")
                .contains("Gallery: <#" + FakeDiscord.GALLERY_ID + ">");
    }

    @Test
    void theAuthorSharesOnceAndAnotherMemberRemixesFromTheGalleryWithCredit() {
        galleryIsSet();
        gateway.enqueue(image(RED));
        Reply fox = result(slash("imagine", Map.of("prompt", "a fox in the snow")));
        long message = harness.messageShowing(fox);
        String share = fox.button("g:");

        assertThat(shareAnswer(harness.discord.button(FakeDiscord.BOB, message, share, "en-US")))
                .contains("Only the person who made this image");
        assertThat(shareAnswer(harness.discord.button(FakeDiscord.ALICE, message, share, "en-US")))
                .contains("Shared to the gallery");
        assertThat(shareAnswer(harness.discord.button(FakeDiscord.ALICE, message, share, "en-US")))
                .contains("already");
        assertThat(galleryPosts()).hasSize(1);
        JsonNode post = galleryPosts().getFirst();
        assertThat(post.path("embeds").path(0).path("description").asText())
                .contains("a fox in the snow", "by <@" + FakeDiscord.ALICE + ">", "gemini");
        JsonNode remix = post.path("components").path(0).path("components").path(0);
        assertThat(remix.path("label").asText()).isEqualTo("🎨 Remix");
        assertThat(remix.path("custom_id").asText()).startsWith("e:");

        // Bob remixes it in place: the gallery's Remix button opens an edit of Alice's image.
        long posted = post.path("id").asLong();
        Reply modal = answer(harness.discord.button(
                FakeDiscord.BOB, posted, remix.path("custom_id").asText(), "en-US"));
        gateway.enqueue(image(BLUE));
        Reply blue = result(harness.discord.modalSubmit(
                FakeDiscord.BOB,
                FakeDiscord.GALLERY_ID,
                modal.payload().path("custom_id").asText(),
                Map.of(EditForm.INSTRUCTION, "make it blue"),
                "en-US"));
        assertThat(blue.embeds().get(0).path("description").asText())
                .contains("make it blue", "Remix of <@" + FakeDiscord.ALICE + ">'s image");

        // Alice forgets: her post leaves the gallery.
        Reply confirm = answer(slash("forget", Map.of()));
        harness.discord.button(FakeDiscord.ALICE, message, ForgetButtons.YES, "en-US");
        harness.discord.awaitCall("DELETE", "channels/" + FakeDiscord.GALLERY_ID + "/messages/" + posted, WAIT);
        assertThat(confirm).isNotNull();
    }

    @Test
    void resultsAreSharedByThemselvesWhereTheServerWantsAndPrivateOnesNever() {
        galleryIsSet();
        Reply bobs = answer(slash(FakeDiscord.BOB, "settings", Map.of("auto-share", true)));
        assertThat(bobs.content()).contains(EN.notAdmin());
        Reply alices = answer(slash("settings", Map.of("auto-share", true)));
        assertThat(alices.content()).contains("goes to the gallery by itself");

        gateway.enqueue(image(RED));
        result(slash(FakeDiscord.BOB, "imagine", Map.of("prompt", "a cat")));
        await().atMost(WAIT).until(() -> galleryPosts().size() == 1);
        assertThat(galleryPosts()
                        .getFirst()
                        .path("embeds")
                        .path(0)
                        .path("description")
                        .asText())
                .contains("a cat", "<@" + FakeDiscord.BOB + ">");

        answer(slash(FakeDiscord.BOB, "settings", Map.of("private", true)));
        gateway.enqueue(image(BLUE));
        Reply secret = result(slash(FakeDiscord.BOB, "imagine", Map.of("prompt", "a secret dog")));
        assertThat(secret.components().toString()).doesNotContain("g:");
        gateway.enqueue(image(RED));
        result(slash("imagine", Map.of("prompt", "a public fox")));
        await().atMost(WAIT).until(() -> galleryPosts().size() == 2);
        assertThat(galleryPosts().toString()).contains("a public fox").doesNotContain("a secret dog");
    }

    @Test
    void galleryAndTheNewSettingsAreRegisteredInBothLanguages() {
        var commands = harness.discord.commands("global").toString();
        assertThat(commands)
                .contains(
                        "\"name\":\"gallery\"",
                        "\"name\":\"set\"",
                        "\"name\":\"remix-role\"",
                        "\"name\":\"auto-share\"",
                        "本服务器的分享画廊");
    }
}

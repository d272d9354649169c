package dev.redraw.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.redraw.core.access.AccessPolicy;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.testing.TestImages;
import dev.redraw.discord.fake.FakeDiscord;
import dev.redraw.discord.fake.FakeDiscord.Reply;
import dev.redraw.discord.fake.FakeDiscord.ReplyKind;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Users' attachments on Discord: fetched only for users who may use the bot, stored only when all are usable. */
class DiscordIntakeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final byte[] RED = TestImages.png(64, 64, Color.RED);
    private static final byte[] BLUE = TestImages.png(64, 64, Color.BLUE);
    private static final byte[] NOT_AN_IMAGE = "meeting notes, not a picture".getBytes(StandardCharsets.UTF_8);
    private static final String ATTACHMENTS = ".*/attachments/.*";

    @StartStop
    private final MockWebServer gateway = new MockWebServer();

    private DiscordHarness harness;

    @AfterEach
    void disconnect() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private static AccessPolicy denying(long user) {
        return new AccessPolicy(
                Set.of(),
                AccessPolicy.Lists.EMPTY,
                new AccessPolicy.Lists(Set.of("discord:" + user), Set.of(), Set.of()));
    }

    /** The first edit of the interaction's response whose text contains {@code part}. */
    private Reply awaitEdit(FakeDiscord.Interaction interaction, String part) {
        await().atMost(WAIT).until(() -> edit(interaction, part) != null);
        return edit(interaction, part);
    }

    private Reply edit(FakeDiscord.Interaction interaction, String part) {
        return harness.discord.replies(interaction.token()).stream()
                .filter(r -> r.kind() == ReplyKind.EDIT_ORIGINAL
                        && r.content() != null
                        && r.content().contains(part))
                .findFirst()
                .orElse(null);
    }

    @Test
    void aDeniedUsersImagineAttachmentIsNeverFetched() throws Exception {
        harness = new DiscordHarness(gateway, denying(FakeDiscord.BOB));
        var photo = harness.discord.registerAttachment(RED, "a.png", "image/png", 64, 64);

        var interaction = harness.discord.slashCommand(
                FakeDiscord.BOB,
                FakeDiscord.CHANNEL_ID,
                "imagine",
                Map.of("prompt", "make it night", "image1", photo),
                List.of(),
                "en-US");

        awaitEdit(interaction, "not allowed");
        assertThat(harness.discord.calls("GET", ATTACHMENTS)).isEmpty();
        assertThat(harness.core.services.images().find(ImageRef.sha256Of(RED))).isEmpty();
        assertThat(gateway.getRequestCount()).isZero();
    }

    @Test
    void aDeniedUsersEditImageOnAMessageNeverFetchesItsAttachment() throws Exception {
        harness = new DiscordHarness(gateway, denying(FakeDiscord.BOB));
        var photo = harness.discord.registerAttachment(BLUE, "p.png", "image/png", 64, 64);
        long message =
                harness.discord.userMessage(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "look", List.of(photo), null);

        var menu = harness.discord.messageContextMenu(FakeDiscord.BOB, CommandDefinitions.EDIT_IMAGE, message);
        Reply modal = harness.discord.awaitReply(menu.token(), ReplyKind.CALLBACK, WAIT);
        var submit = harness.discord.modalSubmit(
                FakeDiscord.BOB,
                modal.payload().path("custom_id").asText(),
                Map.of(EditForm.INSTRUCTION, "add a moon"),
                "en-US");

        awaitEdit(submit, "not allowed");
        assertThat(harness.discord.calls("GET", ATTACHMENTS)).isEmpty();
        assertThat(gateway.getRequestCount()).isZero();
    }

    @Test
    void aBlendWithOneFileThatIsNotAnImageStoresNoneAndSaysWhich() throws Exception {
        harness = new DiscordHarness(gateway);
        var first = harness.discord.registerAttachment(RED, "red.png", "image/png", 64, 64);
        var second = harness.discord.registerAttachment(NOT_AN_IMAGE, "notes.txt", "text/plain", 0, 0);
        var third = harness.discord.registerAttachment(BLUE, "blue.png", "image/png", 64, 64);

        var interaction = harness.discord.slashCommand(
                FakeDiscord.ALICE,
                FakeDiscord.CHANNEL_ID,
                "blend",
                Map.of("prompt", "blend them", "image1", first, "image2", second, "image3", third),
                List.of(),
                "en-US");

        Reply answer = awaitEdit(interaction, "Image 2 of 3 (notes.txt)");
        assertThat(answer.content()).contains("This file is not an image").contains("Nothing was saved");
        // The bad file stops the request: the download after it may have been cut off before it began.
        assertThat(harness.discord.calls("GET", ATTACHMENTS)).hasSizeBetween(2, 3);
        assertThat(harness.core.services.images().find(ImageRef.sha256Of(RED))).isEmpty();
        assertThat(harness.core.services.images().find(ImageRef.sha256Of(BLUE))).isEmpty();
        assertThat(gateway.getRequestCount()).isZero();
    }

    @Test
    void aChineseSpeakingUserHearsWhyTheirAttachmentIsNotUsableInChinese() throws Exception {
        harness = new DiscordHarness(gateway);
        var notes = harness.discord.registerAttachment(NOT_AN_IMAGE, "notes.txt", "text/plain", 0, 0);

        var interaction = harness.discord.slashCommand(
                FakeDiscord.ALICE,
                FakeDiscord.CHANNEL_ID,
                "imagine",
                Map.of("prompt", "画成夜景", "image1", notes),
                List.of(),
                "zh-CN");

        Reply answer = awaitEdit(interaction, "这个文件不是图片");
        assertThat(answer.content()).startsWith("⚠️ 请求未被接受：");
        assertThat(gateway.getRequestCount()).isZero();
    }
}

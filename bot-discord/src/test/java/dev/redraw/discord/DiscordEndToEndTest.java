package dev.redraw.discord;

import static dev.redraw.core.testing.ContentsGateway.image;
import static dev.redraw.core.testing.ContentsGateway.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.TestImages;
import dev.redraw.discord.fake.FakeDiscord;
import dev.redraw.discord.fake.FakeDiscord.Reply;
import dev.redraw.discord.fake.FakeDiscord.ReplyKind;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The Discord bot end to end: the real JDA against a fake Discord and a fake gateway. */
class DiscordEndToEndTest extends DiscordTestBase {

    private static final byte[] RED = TestImages.png(64, 64, Color.RED);
    private static final byte[] GREEN = TestImages.png(64, 64, Color.GREEN);
    private static final byte[] BLUE = TestImages.png(64, 64, Color.BLUE);

    @Test
    void registersItsCommandsOnStart() {
        JsonNode commands = harness.discord.commands("global");
        assertThat(commands.toString()).contains("imagine").contains("blend").contains("Edit image");
    }

    @Test
    void registeredCommandsAreEnglishWithDescriptionsInEveryLanguageOfTheBundles() {
        JsonNode commands = harness.discord.commands("global");
        var zh = dev.redraw.core.text.Messages.forLanguage("zh");
        JsonNode imagine = null;
        JsonNode editImage = null;
        for (JsonNode command : commands) {
            switch (command.path("name").asText()) {
                case "imagine" -> imagine = command;
                case "Edit image" -> editImage = command;
                default -> {}
            }
            if (command.path("type").asInt(1) == 1) {
                for (String locale : List.of("zh-CN", "zh-TW")) {
                    String description = command.path("description_localizations")
                            .path(locale)
                            .asText();
                    assertThat(description)
                            .as("%s %s", command.path("name").asText(), locale)
                            .isNotBlank()
                            .isNotEqualTo(command.path("description").asText());
                }
                assertThat(command.path("name_localizations").path("zh-CN").isMissingNode()
                                || command.path("name_localizations")
                                        .path("zh-CN")
                                        .isNull())
                        .as("names stay English: %s", command)
                        .isTrue();
            }
        }
        assertThat(imagine).isNotNull();
        assertThat(imagine.path("description_localizations").path("zh-CN").asText())
                .isEqualTo(zh.commandMenu().get("imagine"));
        JsonNode prompt = imagine.path("options").get(0);
        assertThat(prompt.path("name").asText()).isEqualTo("prompt");
        assertThat(prompt.path("description_localizations").path("zh-CN").asText())
                .isEqualTo(zh.optionDescription("prompt"));
        assertThat(prompt.path("description_localizations").path("zh-TW").asText())
                .isEqualTo(zh.optionDescription("prompt"));
        assertThat(editImage).isNotNull();
        assertThat(editImage.path("name_localizations").path("zh-CN").asText())
                .isEqualTo(zh.extra(dev.redraw.core.text.Messages.Extra.EDIT_IMAGE));
    }

    @Test
    void imagineIsDeferredThenShowsProgressThenTheImageWithAnEmbedAndButtons() throws Exception {
        // The image is held back until the response has shown the job's state.
        var release = new java.util.concurrent.CountDownLatch(1);
        gateway.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public mockwebserver3.MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                release.await(20, TimeUnit.SECONDS);
                return image(RED);
            }
        });

        var interaction = slash("imagine", Map.of("prompt", "a red fox", "ratio", "16:9"));

        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .until(() -> harness.discord.replies(interaction.token()).stream()
                        .anyMatch(r ->
                                r.kind() == ReplyKind.EDIT_ORIGINAL && r.files().isEmpty()));
        release.countDown();
        Reply last = result(interaction);
        List<Reply> replies = harness.discord.replies(interaction.token());
        assertThat(replies.getFirst().isDefer()).isTrue();
        assertThat(last.files().getFirst().bytes()).containsExactly(RED);
        assertThat(last.embeds().toString()).contains("a red fox").contains(DiscordHarness.MODEL);
        assertThat(last.button("r:")).isNotBlank();
        JsonNode sent = nextRequest();
        assertThat(sent.path("prompt").asText()).isEqualTo("a red fox");
        assertThat(sent.path("size").asText()).isEqualTo("16:9");
    }

    @Test
    void blendSendsThreeImagesInOrder() throws Exception {
        gateway.enqueue(image(GREEN));
        var first = harness.discord.registerAttachment(RED, "a.png", "image/png", 64, 64);
        var second = harness.discord.registerAttachment(GREEN, "b.png", "image/png", 64, 64);
        var third = harness.discord.registerAttachment(BLUE, "c.png", "image/png", 64, 64);

        var interaction =
                slash("blend", Map.of("prompt", "blend them", "image1", first, "image2", second, "image3", third));

        result(interaction);
        JsonNode parts = nextRequest().path("contents").get(0).path("parts");
        assertThat(parts.get(1).path("image").asText()).isEqualTo(ContentsGateway.dataUri("image/png", RED));
        assertThat(parts.get(2).path("image").asText()).isEqualTo(ContentsGateway.dataUri("image/png", GREEN));
        assertThat(parts.get(3).path("image").asText()).isEqualTo(ContentsGateway.dataUri("image/png", BLUE));
    }

    @Test
    void rerollAndEditViaModalContinueTheBranch() throws Exception {
        gateway.enqueue(image(RED));
        gateway.enqueue(image(GREEN));
        gateway.enqueue(image(BLUE));
        var interaction = slash("imagine", Map.of("prompt", "a fox"));
        Reply result = result(interaction);
        nextRequest();
        long messageId = harness.messageShowing(result);

        var reroll = harness.discord.button(FakeDiscord.BOB, messageId, result.button("r:"), "en-US");
        result(reroll);
        assertThat(nextRequest().path("prompt").asText()).isEqualTo("a fox");

        var edit = harness.discord.modalSubmit(
                FakeDiscord.ALICE,
                "edit:" + messageId + ":" + result.button("e:").substring(2),
                Map.of("instruction", "add a hat"),
                "en-US");
        result(edit);
        JsonNode continued = nextRequest();
        assertThat(continued.path("contents")).hasSize(3);
        assertThat(ContentsGateway.imageAt(continued, 1, 1)).isEqualTo(ContentsGateway.dataUri("image/png", RED));
    }

    @Test
    void aChineseUserGetsFailuresInChinese() throws Exception {
        gateway.enqueue(ok("{\"code\":400,\"msg\":\"Invalid parameter: Unsupported aspect ratio\",\"data\":null}"));

        var interaction = harness.discord.slashCommand(
                FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "imagine", Map.of("prompt", "一只狐狸"), List.of(), "zh-CN");

        String text = await().atMost(WAIT)
                .until(
                        () -> harness.discord.replies(interaction.token()).stream()
                                .map(Reply::content)
                                .filter(c -> c != null && c.contains("Unsupported"))
                                .findFirst()
                                .orElse(""),
                        found -> !found.isEmpty());
        assertThat(text).contains("Unsupported").containsPattern("\\p{IsHan}");
    }

    /** Runs /imagine "a fox" and returns the id of the message that shows the result. */
    private long firstFox() throws Exception {
        var interaction = slash("imagine", Map.of("prompt", "a fox"));
        Reply result = result(interaction);
        nextRequest();
        return harness.messageShowing(result);
    }

    private JsonNode awaitChannelMessageWithFile(int count) {
        List<JsonNode> withFiles = await("channel message " + count + " with a file")
                .atMost(WAIT)
                .until(
                        () -> harness.discord.channelMessages(FakeDiscord.CHANNEL_ID).stream()
                                .filter(m -> m.path("attachments").size() > 0)
                                .toList(),
                        found -> found.size() >= count);
        return withFiles.get(count - 1);
    }

    @Test
    void aReplyToTheBotsImageContinuesItsBranchAndAnOlderImageBranches() throws Exception {
        gateway.enqueue(image(RED));
        gateway.enqueue(image(GREEN));
        gateway.enqueue(image(BLUE));
        long first = firstFox();

        harness.discord.userMessage(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "at night", List.of(), first);
        JsonNode night = nextRequest();
        assertThat(awaitChannelMessageWithFile(1).path("message_reference").isMissingNode())
                .isFalse();
        harness.discord.userMessage(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "in winter", List.of(), first);
        JsonNode winter = nextRequest();

        assertThat(night.path("contents")).hasSize(3);
        assertThat(ContentsGateway.imageAt(night, 1, 1)).isEqualTo(ContentsGateway.dataUri("image/png", RED));
        assertThat(winter.path("contents")).hasSize(3);
        assertThat(winter.toString()).doesNotContain("at night");
    }

    @Test
    void theEditImageCommandOnAUsersImageEditsThatImage() throws Exception {
        gateway.enqueue(image(GREEN));
        var photo = harness.discord.registerAttachment(BLUE, "p.png", "image/png", 64, 64);
        long message =
                harness.discord.userMessage(FakeDiscord.BOB, FakeDiscord.CHANNEL_ID, "look", List.of(photo), null);

        var submit = editImage(message, "add a moon");

        result(submit);
        assertThat(ContentsGateway.imageAt(nextRequest(), 0, 1)).isEqualTo(ContentsGateway.dataUri("image/png", BLUE));
    }

    @Test
    void aResultOverTheUploadLimitIsReEncodedAndOffersTheOriginal() throws Exception {
        harness.discord.uploadLimit(2000);
        byte[] big = TestImages.png(TestImages.opaqueNoise(200, 200, 5));
        assertThat(big.length).isGreaterThan(2000);
        gateway.enqueue(image(big));

        var interaction = slash("imagine", Map.of("prompt", "noise"));

        Reply last = result(interaction);
        assertThat(last.files().getFirst().bytes().length).isLessThan(big.length);
        assertThat(last.button("o:")).isNotBlank();
    }

    @Test
    void aRateLimitedEditIsRetriedAndTheResultArrives() throws Exception {
        gateway.enqueue(image(RED));
        harness.discord.failNext("PATCH", "webhooks/.*/messages/@original", 1, 429, 1);

        var interaction = slash("imagine", Map.of("prompt", "a fox"));

        assertThat(result(interaction).files().getFirst().bytes()).containsExactly(RED);
    }

    @Test
    void afterAGatewayDisconnectTheBotResumesAndKeepsWorking() throws Exception {
        gateway.enqueue(image(RED));
        harness.discord.disconnect(4000);
        await().atMost(WAIT).until(() -> harness.discord.gatewayStats().resumes() > 0);
        assertThat(harness.discord.gatewayStats().resumes()).isEqualTo(1);
        assertThat(harness.discord.gatewayStats().identifies()).isEqualTo(1);

        var interaction = slash("imagine", Map.of("prompt", "a fox"));
        assertThat(result(interaction).files().getFirst().bytes()).containsExactly(RED);
    }

    @Test
    void everyFailureClassReachesTheUser() throws Exception {
        List<mockwebserver3.MockResponse> failures = ContentsGateway.everyFailure();
        failures.forEach(gateway::enqueue);
        List<String> seen = new java.util.ArrayList<>();
        for (int i = 0; i < failures.size(); i++) {
            var interaction = slash("imagine", Map.of("prompt", "fox " + i));
            harness.core.idle();
            seen.add(await("the failure shown for fox " + i)
                    .atMost(WAIT)
                    .until(
                            () -> {
                                var replies = harness.discord.replies(interaction.token());
                                return replies.isEmpty() || replies.getLast().content() == null
                                        ? ""
                                        : replies.getLast().content();
                            },
                            last -> !last.isEmpty() && !last.contains("#")));
        }

        assertThat(seen.get(0)).contains("IMAGE_SAFETY");
        assertThat(seen.get(1)).contains("Unsupported aspect ratio");
        assertThat(seen.get(2)).contains("credentials");
        assertThat(seen).allSatisfy(text -> assertThat(text).isNotBlank().doesNotContain("sk-gateway"));
    }

    @Test
    void privateResultsAreEphemeralAndAManagerCanSwitchRemixingOff() throws Exception {
        gateway.enqueue(image(RED));
        var settings = slash("settings", Map.of("private", true, "ratio", "9:16", "remix", false));
        Reply shown = answer(settings);
        assertThat(shown.content()).contains("9:16").contains("🔒");
        assertThat(shown.flags() & 64).isEqualTo(64);

        var tall = slash("imagine", Map.of("prompt", "a tall fox"));
        assertThat(answer(tall).flags() & 64).isEqualTo(64);
        Reply result = result(tall);
        assertThat(nextRequest().path("size").asText()).isEqualTo("9:16");

        var bobsReroll =
                harness.discord.button(FakeDiscord.BOB, harness.messageShowing(result), result.button("r:"), "en-US");
        Reply refused = answer(bobsReroll);
        assertThat(refused.flags() & 64).isEqualTo(64);
        assertThat(gateway.getRequestCount()).isEqualTo(1);
    }

    @Test
    void imagineWithAnAttachmentEditsThatImage() throws Exception {
        gateway.enqueue(image(GREEN));
        var photo = harness.discord.registerAttachment(BLUE, "wide.png", "image/png", 64, 64);

        result(slash("imagine", Map.of("prompt", "make it pop", "image1", photo)));

        JsonNode sent = nextRequest();
        assertThat(ContentsGateway.imageAt(sent, 0, 1)).isEqualTo(ContentsGateway.dataUri("image/png", BLUE));
        assertThat(sent.path("contents")
                        .get(0)
                        .path("parts")
                        .get(0)
                        .path("text")
                        .asText())
                .isEqualTo("make it pop");
    }

    @Test
    void forgetAsksFirstThenDeletesTheUsersConversations() throws Exception {
        gateway.enqueue(image(RED));
        result(slash("imagine", Map.of("prompt", "a fox")));
        assertThat(harness.core.idle()).isTrue();

        var forget = slash("forget", Map.of());
        Reply question = answer(forget);
        assertThat(question.components().toString()).contains(ForgetButtons.YES);
        assertThat(harness.core.jobs.find(1))
                .as("nothing is deleted before the answer")
                .isPresent();

        var yes = harness.discord.button(FakeDiscord.ALICE, 1, ForgetButtons.YES, "en-US");
        Reply done = answer(yes);

        assertThat(done.content()).contains("deleted");
        assertThat(harness.core.jobs.find(1)).isEmpty();
    }

    @Test
    void forgettingKeepsWhatUsageCountsAndUsageSpeaksTheUsersLanguage() throws Exception {
        gateway.enqueue(image(RED));
        result(slash("imagine", Map.of("prompt", "a fox")));
        String before = answer(slash("usage", Map.of())).content();
        answer(slash("forget", Map.of()));
        answer(harness.discord.button(FakeDiscord.ALICE, 1, ForgetButtons.YES, "en-US"));
        assertThat(harness.core.jobs.find(1)).isEmpty();

        String after = answer(slash("usage", Map.of())).content();
        String chinese = answer(harness.discord.slashCommand(
                        FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "usage", Map.of(), List.of(), "zh-CN"))
                .content();

        assertThat(before).contains("1");
        assertThat(after).isEqualTo(before);
        assertThat(java.util.regex.Pattern.compile("[A-Za-z]{2,}")
                        .matcher(chinese)
                        .find())
                .as("English words in %s", chinese)
                .isFalse();
        assertThat(chinese).contains("1");
    }

    @Test
    void anotherChannelsTurnNamedInAButtonOrAModalReachesNothingOfIt() throws Exception {
        gateway.enqueue(image(RED));
        gateway.enqueue(image(GREEN));
        Reply alices = result(slash("imagine", Map.of("prompt", "alice's secret fox")));
        long aliceMessage = harness.messageShowing(alices);
        String aliceTurn = alices.button("r:").substring(2);
        Reply bobs = result(harness.discord.slashCommand(
                FakeDiscord.BOB, FakeDiscord.BOB_DM, "imagine", Map.of("prompt", "a cat"), List.of(), "en-US"));
        long bobMessage = harness.messageShowing(bobs);

        for (String forged : List.of("o:" + aliceTurn, "r:" + aliceTurn, "e:" + aliceTurn)) {
            var press = harness.discord.button(FakeDiscord.BOB, bobMessage, forged, "en-US");
            Reply refused = answer(press);
            assertThat(refused.content()).as(forged).contains("no longer");
            assertThat(refused.files()).isEmpty();
        }
        for (String forged :
                List.of("edit:" + bobMessage + ":" + aliceTurn, "msg:" + FakeDiscord.ALICE_DM + ":" + aliceMessage)) {
            var submit = harness.discord.modalSubmit(FakeDiscord.BOB, forged, Map.of("instruction", "x"), "en-US");
            var answers = harness.discord.awaitReplies(submit.token(), 2, WAIT);
            assertThat(answers.getLast().content()).as(forged).contains("no longer");
        }

        assertThat(harness.core.idle()).isTrue();
        assertThat(gateway.getRequestCount()).isEqualTo(2);
    }
}

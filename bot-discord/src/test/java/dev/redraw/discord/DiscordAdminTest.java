package dev.redraw.discord;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.access.AccessPolicy;
import dev.redraw.core.admin.AdminRequests;
import dev.redraw.core.testing.TestImages;
import dev.redraw.discord.fake.FakeDiscord;
import java.awt.Color;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** /admin through the real JDA against the fake Discord: one subcommand per action, answers only the administrator sees. */
class DiscordAdminTest extends DiscordTestBase {

    private static final AccessPolicy ACCESS = new AccessPolicy(
            Set.of("discord:" + FakeDiscord.ALICE), AccessPolicy.Lists.EMPTY, AccessPolicy.Lists.EMPTY);

    @Override
    DiscordHarness start(MockWebServer gateway) throws Exception {
        return new DiscordHarness(gateway, ACCESS);
    }

    /** The answer to /admin: a refusal or a problem at once, a command's outcome as the edit of its deferred reply. */
    private FakeDiscord.Reply admin(long user, String action, Map<String, ?> options) {
        var interaction =
                harness.discord.slashSubcommand(user, FakeDiscord.CHANNEL_ID, "admin", action, options, "en-US");
        var first = answer(interaction);
        if (first.callbackType() == 5) {
            assertThat(first.payload().path("flags").asInt() & 64)
                    .as("deferred as ephemeral")
                    .isEqualTo(64);
            return firstEdit(interaction);
        }
        return first;
    }

    @Test
    void theCommandHasOneLocalisedSubcommandPerActionWithTheirOptions() {
        JsonNode admin = StreamSupport.stream(harness.discord.commands("global").spliterator(), false)
                .filter(command -> command.path("name").asText().equals("admin"))
                .findFirst()
                .orElseThrow();

        assertThat(admin.path("options").findValuesAsText("name"))
                .containsAll(AdminRequests.ACTIONS)
                .contains("user", "id", "images");
        for (JsonNode sub : admin.path("options")) {
            assertThat(sub.path("type").asInt()).isEqualTo(1);
            assertThat(sub.path("description_localizations").path("zh-CN").asText())
                    .containsPattern("\\p{IsHan}");
        }
        JsonNode grant = StreamSupport.stream(admin.path("options").spliterator(), false)
                .filter(sub -> sub.path("name").asText().equals("grant"))
                .findFirst()
                .orElseThrow();
        JsonNode images = grant.path("options").get(0);
        assertThat(images.path("name").asText()).isEqualTo("images");
        assertThat(images.path("required").asBoolean()).isTrue();
        assertThat(images.path("max_value").asInt()).isEqualTo(AdminRequests.MAX_GRANT);
    }

    @Test
    void someoneElseIsToldItIsForAdministratorsPrivately() {
        var refused = admin(FakeDiscord.BOB, "ban", Map.of("user", new FakeDiscord.PickedUser(FakeDiscord.ALICE)));

        assertThat(refused.content()).isEqualTo("Only the bot's administrators can use this command.");
        assertThat(refused.payload().path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
        assertThat(harness.core.admins.bans()).isEmpty();
    }

    @Test
    void aBanByPickedUserKeepsThemOutUntilUnbannedAndGrantsAndPausesApply() throws Exception {
        var banned = admin(FakeDiscord.ALICE, "ban", Map.of("user", new FakeDiscord.PickedUser(FakeDiscord.BOB)));
        assertThat(banned.content()).isEqualTo("🚫 discord:556 is banned on every instance until you unban them.");

        var refused = firstEdit(slash(FakeDiscord.BOB, "imagine", Map.of("prompt", "a fox")));
        assertThat(refused.content()).contains("An administrator has banned you from using this bot.");
        assertThat(gateway.getRequestCount()).isZero();

        assertThat(admin(FakeDiscord.ALICE, "unban", Map.of("id", "discord:556"))
                        .content())
                .isEqualTo("✅ discord:556 is no longer banned.");
        assertThat(admin(FakeDiscord.ALICE, "grant", Map.of("images", 5, "id", "telegram:42"))
                        .content())
                .startsWith("🎁 telegram:42 can make 5 images more");
        assertThat(harness.core.admins.grantedSince("telegram:42", java.time.Instant.EPOCH))
                .isEqualTo(5);

        assertThat(admin(FakeDiscord.ALICE, "pause", Map.of()).content()).startsWith("⏸");
        assertThat(firstEdit(slash(FakeDiscord.BOB, "imagine", Map.of("prompt", "a fox")))
                        .content())
                .contains("paused image making");
        assertThat(admin(FakeDiscord.ALICE, "status", Map.of()).content())
                .contains("Image making has been paused since", "by discord:555", "Nobody is banned.");
        assertThat(admin(FakeDiscord.ALICE, "resume", Map.of()).content()).isEqualTo("▶️ Image making runs again.");

        gateway.enqueue(image(TestImages.png(64, 64, Color.RED)));
        slash(FakeDiscord.BOB, "imagine", Map.of("prompt", "a fox"));
        org.awaitility.Awaitility.await().atMost(patience()).until(() -> gateway.getRequestCount() == 1);
    }

    @Test
    void whatAClientSendsIsCheckedAgain() {
        assertThat(admin(FakeDiscord.ALICE, "ban", Map.of("id", "556")).content())
                .isEqualTo("\"556\" is not a user I can ban: write telegram:ID or discord:ID, with the numeric id.");
        assertThat(admin(FakeDiscord.ALICE, "ban", Map.of()).content()).startsWith("Whom should I ban?");
        // Discord keeps the count in its range; a forged interaction does not.
        assertThat(admin(FakeDiscord.ALICE, "grant", Map.of("images", 100_000L, "id", "discord:556"))
                        .content())
                .contains("\"100000\" is not a number of images");
        assertThat(admin(FakeDiscord.ALICE, "grant", Map.of("images", -3, "id", "discord:556"))
                        .content())
                .contains("\"-3\" is not a number of images");
        assertThat(admin(FakeDiscord.ALICE, "ban", Map.of("id", "discord:555")).content())
                .contains("is an administrator in the configuration");

        assertThat(harness.core.admins.bans()).isEmpty();
        assertThat(harness.core.admins.grantedSince("discord:556", java.time.Instant.EPOCH))
                .isZero();
    }
}

package dev.redraw.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redraw.core.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.utils.TimeUtil;
import org.junit.jupiter.api.Test;

class DiscordPiecesTest {

    @Test
    void routesFindAHandlerByNameOrByTheLongestPrefixOfAnId() {
        var routes = new Routes<>(List.of("e:", "edit:", "help"), key -> key);

        assertThat(routes.named("help")).contains("help");
        assertThat(routes.named("hel")).isEmpty();
        assertThat(routes.prefixOf("edit:12:3")).contains("edit:");
        assertThat(routes.prefixOf("e:3")).contains("e:");
        assertThat(routes.prefixOf("x:3")).isEmpty();
        assertThatThrownBy(() -> new Routes<>(List.of("r:", "r:"), key -> key))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void commandsAreLocalisedAndTakeAsManyImagesAsTheLimit() {
        var commands = CommandDefinitions.all(14);

        assertThat(commands)
                .extracting(CommandData::getName)
                .containsExactly(
                        "imagine",
                        "blend",
                        "settings",
                        "usage",
                        "forget",
                        "tree",
                        "help",
                        "cancel",
                        "admin",
                        "gallery",
                        "Edit image",
                        "Show edit tree");
        var imagine = (SlashCommandData) commands.getFirst();
        assertThat(imagine.getOptions())
                .extracting(o -> o.getName())
                .startsWith("prompt", "ratio", "model", "size", CommandDefinitions.COUNT, "image1", "image2")
                .endsWith("image13", "image14")
                .hasSize(5 + 14);
        // Every ratio and size a model takes is suggested, none fixed.
        assertThat(imagine.getOptions().subList(1, 4))
                .allSatisfy(option -> assertThat(option.isAutoComplete()).isTrue())
                .allSatisfy(option -> assertThat(option.getChoices()).isEmpty());
        // JDA applies the localisation function when it serialises the command.
        var imagineData = imagine.toData();
        assertThat(imagineData.getObject("description_localizations").getString("zh-CN"))
                .containsPattern("\\p{IsHan}");
        assertThat(imagineData.getObject("description_localizations").getString("zh-TW"))
                .containsPattern("\\p{IsHan}");
        assertThat(imagineData
                        .getArray("options")
                        .getObject(0)
                        .getObject("description_localizations")
                        .getString("zh-CN"))
                .containsPattern("\\p{IsHan}");
        var blend = (SlashCommandData) commands.get(1);
        assertThat(blend.getOptions().stream().filter(o -> o.isRequired()))
                .extracting(o -> o.getName())
                .containsExactly("prompt", "image1", "image2");
        assertThat(blend.getOptions())
                .extracting(o -> o.getName())
                .containsSubsequence("image2", "ratio", "model", "size", CommandDefinitions.COUNT, "image3", "image14")
                .hasSize(5 + 14);
        assertThat(commands.get(commands.size() - 2)
                        .toData()
                        .getObject("name_localizations")
                        .getString("zh-CN"))
                .isEqualTo("编辑图片");
        assertThat(commands.getLast().toData().getObject("name_localizations").getString("zh-CN"))
                .isEqualTo("查看编辑树");
    }

    @Test
    void theImageLimitIsWhatModelsTakeAsFarAsDiscordsTwentyFiveOptionsAllow() {
        assertThat(CommandDefinitions.imageLimit(14)).isEqualTo(14);
        assertThat(CommandDefinitions.imageLimit(1)).as("blend needs two").isEqualTo(2);
        assertThat(CommandDefinitions.imageLimit(0)).isEqualTo(2);
        int most = CommandDefinitions.imageLimit(Integer.MAX_VALUE);
        assertThat(most)
                .as("prompt, ratio, model, size and count beside the images")
                .isEqualTo(CommandDefinitions.MAX_OPTIONS - 5);

        for (CommandData command : CommandDefinitions.all(most)) {
            if (command instanceof SlashCommandData slash) {
                assertThat(slash.getOptions()).as(slash.getName()).hasSizeLessThanOrEqualTo(25);
            }
        }
        assertThat(((SlashCommandData) CommandDefinitions.all(most).getFirst()).getOptions())
                .hasSize(25);
    }

    @Test
    void aResultOverTheUploadLimitIsReEncodedUnderIt() throws Exception {
        var random = new Random(3);
        var noise = new BufferedImage(1200, 900, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 900; y++) {
            for (int x = 0; x < 1200; x++) {
                noise.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        byte[] png = TestImages.png(noise);
        long limit = png.length / 4;

        byte[] fitted = DiscordDelivery.underLimit(png, limit);

        assertThat(fitted.length).isLessThanOrEqualTo((int) limit);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(fitted));
        assertThat((double) decoded.getWidth() / decoded.getHeight())
                .isCloseTo(1200.0 / 900, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void aResponseCanBeEditedOnlyWhileItsTokenLives() {
        Instant start = Instant.parse("2026-11-20T10:00:00Z");
        var response = new Responses.Response(
                "222",
                TimeUtil.getDiscordTimestamp(start.toEpochMilli()),
                "secret-token",
                Responses.DEFAULT_UPLOAD_LIMIT);

        assertThat(response.usable(start.plusSeconds(13 * 60))).isTrue();
        assertThat(response.usable(start.plusSeconds(15 * 60))).isFalse();
    }

    @Test
    void aStoredResponseReadsBackAndNeverShowsItsToken() {
        var response = new Responses.Response("222", 1234567890123L, "a:b:c-token", 2000);

        assertThat(Responses.Response.parse(response.stored())).contains(response);
        assertThat(Responses.isStored(response.stored())).isTrue();
        assertThat(Responses.isStored("1234567890123")).isFalse();
        assertThat(Responses.Response.parse("1234567890123")).isEmpty();
        assertThat(response.toString()).doesNotContain("token");
    }
}

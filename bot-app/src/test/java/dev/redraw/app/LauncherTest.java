package dev.redraw.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redraw.app.config.ConfigLoader;
import dev.redraw.core.StartupException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    private static final String KEY = "sk-launcher-secret-42";

    @TempDir
    private Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return new Launcher(
                        env,
                        new ByteArrayInputStream(new byte[0]),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withNoPlatformEnabledItSaysWhichSettingsEnableOneAndExitsWithTwo() {
        int status = run(Map.of("NEBULA_API_KEY", KEY), "--config", "../config/redraw.yml");

        assertThat(status).isEqualTo(2);
        assertThat(stderr())
                .contains("No platform is enabled")
                .contains("telegram.enabled: true")
                .contains("TELEGRAM_BOT_TOKEN")
                .contains("discord.enabled: true")
                .contains("DISCORD_TOKEN")
                .doesNotContain(KEY);
    }

    @Test
    void aMissingKeyFailsWithOneLineNamingTheSetting() {
        int status = run(Map.of(), "--config", "../config/redraw.yml");

        assertThat(status).isEqualTo(2);
        assertThat(stderr().lines().toList())
                .containsExactly("config error: providers[0].api-key: environment variable NEBULA_API_KEY is not set");
    }

    @Test
    void aBackupWithoutTheBotsVariablesSaysWhatItNeeds() {
        int status = run(Map.of(), "backup", "redraw-backup.zip", "--config", "../config/redraw.yml");

        assertThat(status).isEqualTo(2);
        assertThat(stderr().lines().toList())
                .containsExactly("config error: providers[0].api-key: environment variable NEBULA_API_KEY is not set"
                        + " (backup reads the bot's configuration: run it with the bot's environment variables set)");
    }

    @Test
    void unknownArgumentsPrintTheUsage() {
        assertThat(run(Map.of(), "--frobnicate")).isEqualTo(2);
        assertThat(stderr()).contains("unknown argument: --frobnicate").contains("usage:");
    }

    @Test
    void aMissingConfigFileSaysHowToPassOne() {
        assertThat(run(Map.of(), "--config", "/nope.yml")).isEqualTo(2);
        assertThat(stderr().lines().toList())
                .containsExactly("config error: config file not found: /nope.yml (pass --config PATH)");
    }

    @Test
    void aRelativeConfigPathThatIsMissingSaysWhereItWasLookedFor() {
        assertThat(run(Map.of(), "--config", "conf/nope.yml")).isEqualTo(2);
        assertThat(stderr().lines().toList())
                .containsExactly("config error: config file not found: conf/nope.yml ("
                        + Path.of("conf/nope.yml").toAbsolutePath() + ") (pass --config PATH)");
    }

    @Test
    void aFolderOrDeviceGivenAsConfigSaysItIsNotAConfigFile() {
        assertThat(run(Map.of(), "--config", dir.toString())).isEqualTo(2);
        assertThat(run(Map.of(), "--config", "/dev/zero")).isEqualTo(2);
        assertThat(stderr().lines().toList())
                .containsExactly(
                        "config error: " + dir + " is not a config file but a folder or a device (pass --config PATH)",
                        "config error: /dev/zero is not a config file but a folder or a device (pass --config PATH)");
    }

    @Test
    void aConfigFileOverOneMegabyteIsRefusedWithoutBeingReadWhole() throws Exception {
        Path big = dir.resolve("big.yml");
        try (var file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(ConfigLoader.MAX_FILE_BYTES + 1L);
        }

        assertThat(run(Map.of(), "--config", big.toString())).isEqualTo(2);

        assertThat(stderr().lines().toList())
                .containsExactly("config error: config file " + big
                        + " is over 1 MB; a configuration takes a few KB (pass --config PATH)");
    }

    @Test
    void versionPrintsTheProjectVersionAndExitsWithZero() {
        assertThat(run(Map.of(), "--version")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly("redraw " + System.getProperty("redraw.version"));
        assertThat(System.getProperty("redraw.version")).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void platformsConnectAtTheSameTime() throws Exception {
        var telegramWaiting = new CountDownLatch(1);
        var discordWaiting = new CountDownLatch(1);

        // Each step waits for the other to have begun: run one after the other, both would time out.
        Launcher.startTogether(
                () -> {
                    telegramWaiting.countDown();
                    assertThat(discordWaiting.await(10, TimeUnit.SECONDS)).isTrue();
                },
                null,
                () -> {
                    discordWaiting.countDown();
                    assertThat(telegramWaiting.await(10, TimeUnit.SECONDS)).isTrue();
                });
    }

    @Test
    void aPlatformThatFailsToConnectFailsTheStartWithItsOwnException() {
        var refused = new StartupException("telegram.token: Telegram did not accept the token (TELEGRAM_BOT_TOKEN)");

        assertThatThrownBy(() -> Launcher.startTogether(() -> {}, () -> {
                    throw refused;
                }))
                .isSameAs(refused);
    }
}

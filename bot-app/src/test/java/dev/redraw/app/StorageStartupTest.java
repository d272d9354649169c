package dev.redraw.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.storage.Database;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database the bot cannot write stops the start with one line, before anything says "ready". */
class StorageStartupTest {

    private static final String KEY = "sk-storage-startup-5e1b";
    private static final String DB_PASSWORD = "db-pw-9c41d7";
    private static final String TOKEN = "123456:telegram-token-for-storage-test";

    @TempDir
    private Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Path config, String... mode) {
        String[] args = new String[mode.length + 2];
        System.arraycopy(mode, 0, args, 0, mode.length);
        args[mode.length] = "--config";
        args[mode.length + 1] = config.toString();
        return new Launcher(
                        Map.of("NEBULA_TEST_KEY", KEY, "REDRAW_DB_PASSWORD", DB_PASSWORD, "TELEGRAM_BOT_TOKEN", TOKEN),
                        new ByteArrayInputStream(new byte[0]),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    /** A migrated database with a password, then a configuration that opens it read-only. */
    private Path readOnlyDatabaseConfig(String platforms) throws Exception {
        String file = "jdbc:h2:file:" + dir.resolve("db/redraw").toAbsolutePath();
        Database.open(new Database.Settings(file, Optional.of("sa"), Optional.of(DB_PASSWORD), 2))
                .close();
        Path config = dir.resolve("redraw.yml");
        Files.writeString(config, """
                providers:
                  - name: nebula
                    dialect: contents
                    base-url: http://127.0.0.1:9/
                    api-key: ${NEBULA_TEST_KEY}
                    models: [gemini-2.5-flash-image]
                %s
                storage:
                  url: %s;ACCESS_MODE_DATA=r
                  user: sa
                  password: ${REDRAW_DB_PASSWORD}
                console:
                  output-dir: %s
                """.formatted(platforms, file, dir.resolve("out")));
        return config;
    }

    @Test
    void theBotDoesNotStartOnADatabaseItCannotWrite() throws Exception {
        Path config = readOnlyDatabaseConfig("""
                telegram:
                  enabled: true
                  token: ${TELEGRAM_BOT_TOKEN}
                  api-url: http://127.0.0.1:9/
                """);

        int status = run(config);

        assertThat(status).isEqualTo(Launcher.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList())
                .singleElement()
                .asString()
                .startsWith("startup error: storage.url: the database jdbc:h2:file:")
                .contains("ACCESS_MODE_DATA=r")
                .contains("does not accept writes: The database is read only")
                .doesNotContain("SQL statement")
                .doesNotContain(DB_PASSWORD);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(DB_PASSWORD);
    }

    @Test
    void theConsoleDoesNotStartOnADatabaseItCannotWriteEither() throws Exception {
        Path config = readOnlyDatabaseConfig("");

        int status = run(config, "console");

        assertThat(status).isEqualTo(Launcher.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList())
                .singleElement()
                .asString()
                .startsWith("startup error: storage.url: ")
                .doesNotContain(DB_PASSWORD);
    }

    @Test
    void aPasswordWrittenIntoTheUrlIsHidden() {
        assertThat(Application.withoutPassword("jdbc:postgresql://db/redraw?user=bot&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/redraw?user=bot&password=***&ssl=true");
        assertThat(Application.withoutPassword("jdbc:h2:file:./d;USER=sa;PASSWORD=s3cret"))
                .isEqualTo("jdbc:h2:file:./d;USER=sa;PASSWORD=***");
    }
}

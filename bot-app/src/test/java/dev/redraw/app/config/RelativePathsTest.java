package dev.redraw.app.config;

import static dev.redraw.app.config.Fixtures.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Relative paths in a configuration file mean the same whatever folder the bot starts in. */
class RelativePathsTest {

    @TempDir
    private Path dir;

    private RedrawConfig loadFile(String yaml) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("etc/redraw"));
        Path file = folder.resolve("redraw.yml");
        Files.writeString(file, yaml);
        return new ConfigLoader(Fixtures.env()).load(file);
    }

    @Test
    void theDefaultsLandNextToTheConfigurationFile() throws Exception {
        RedrawConfig config = loadFile(MINIMAL);

        Path folder = dir.resolve("etc/redraw").toAbsolutePath();
        assertThat(config.storage().url())
                .isEqualTo("jdbc:h2:file:" + folder.resolve("data/redraw") + ";AUTO_SERVER=FALSE");
        assertThat(config.console().outputDir()).isEqualTo(folder.resolve("out"));
    }

    @Test
    void writtenRelativePathsAreResolvedAgainstTheFileFolderAndAbsoluteOnesKept() throws Exception {
        RedrawConfig config = loadFile(MINIMAL + """
                storage:
                  url: jdbc:h2:file:../state/db;MODE=PostgreSQL
                console:
                  output-dir: images/today
                """);

        Path folder = dir.resolve("etc/redraw").toAbsolutePath();
        assertThat(config.storage().url())
                .isEqualTo("jdbc:h2:file:" + dir.toAbsolutePath().resolve("etc/state/db") + ";MODE=PostgreSQL");
        assertThat(config.console().outputDir()).isEqualTo(folder.resolve("images/today"));

        RedrawConfig absolute = loadFile(MINIMAL + """
                console:
                  output-dir: /var/redraw/out
                """);
        assertThat(absolute.console().outputDir()).isEqualTo(Path.of("/var/redraw/out"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "jdbc:h2:./data/redraw | jdbc:h2:/srv/bot/data/redraw",
                "jdbc:h2:file:data/redraw;CACHE_SIZE=1024 | jdbc:h2:file:/srv/bot/data/redraw;CACHE_SIZE=1024",
                "jdbc:h2:file:/var/lib/redraw/db | jdbc:h2:file:/var/lib/redraw/db",
                "jdbc:h2:file:~/redraw | jdbc:h2:file:~/redraw",
                "jdbc:h2:mem:test | jdbc:h2:mem:test",
                "jdbc:h2:nio:./data/redraw | jdbc:h2:nio:./data/redraw",
                "jdbc:h2:tcp://localhost/./data | jdbc:h2:tcp://localhost/./data",
                "jdbc:postgresql://db:5432/redraw | jdbc:postgresql://db:5432/redraw",
            })
    void onlyRelativeEmbeddedH2PathsChange(String written, String resolved) {
        var paths = RelativePaths.nextTo(Path.of("/srv/bot/redraw.yml"));

        assertThat(paths.jdbcUrl(written)).isEqualTo(resolved);
    }

    @Test
    void configurationTextWithoutAFileKeepsItsPathsAsWritten() {
        RedrawConfig config = Fixtures.load(MINIMAL);

        assertThat(config.storage().url()).isEqualTo(StorageConfig.DEFAULT_URL);
        assertThat(config.console().outputDir()).isEqualTo(ConsoleConfig.DEFAULT_OUTPUT_DIR);
    }
}

package dev.redraw.app.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Console mode, which runs a prompt from the command line without a chat platform.
 *
 * @param outputDir where generated images are written, a relative one is resolved against the configuration
 *     file's folder
 */
public record ConsoleConfig(Path outputDir) {

    public static final Path DEFAULT_OUTPUT_DIR = Path.of("./out");

    public ConsoleConfig {
        Values.require(outputDir, "output-dir");
    }

    public static ConsoleConfig defaults() {
        return new ConsoleConfig(DEFAULT_OUTPUT_DIR);
    }

    @JsonCreator
    static ConsoleConfig read(
            @JsonProperty("output-dir") Path outputDir, @JacksonInject(ConfigBinding.PATHS) RelativePaths paths) {
        return new ConsoleConfig(paths.path(Objects.requireNonNullElse(outputDir, DEFAULT_OUTPUT_DIR)));
    }
}

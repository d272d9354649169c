package dev.redraw.app.config;

import java.nio.file.Path;

/**
 * Console mode, which runs a prompt from the command line without a chat platform.
 *
 * @param outputDir where generated images are written, relative to the working directory
 */
public record ConsoleConfig(Path outputDir) {

    public static final Path DEFAULT_OUTPUT_DIR = Path.of("./out");

    public ConsoleConfig {
        Values.require(outputDir, "output-dir");
    }

    public static ConsoleConfig defaults() {
        return new ConsoleConfig(DEFAULT_OUTPUT_DIR);
    }
}

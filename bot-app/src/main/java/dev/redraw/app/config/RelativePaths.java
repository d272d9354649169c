package dev.redraw.app.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Resolves the relative paths of a configuration file against the folder that file is in, so
 * {@code ./data} and {@code ./out} mean the same whatever folder the bot is started from. A
 * configuration read from text with no file keeps its paths as written.
 */
record RelativePaths(Optional<Path> base) {

    private static final String H2 = "jdbc:h2:";
    private static final String FILE = "file:";

    static RelativePaths nextTo(Path configFile) {
        return new RelativePaths(
                Optional.of(configFile.toAbsolutePath().normalize().getParent()));
    }

    static RelativePaths asWritten() {
        return new RelativePaths(Optional.empty());
    }

    Path path(Path path) {
        return base.filter(dir -> !path.isAbsolute())
                .map(dir -> dir.resolve(path).normalize())
                .orElse(path);
    }

    /**
     * An embedded H2 URL whose file path is relative ({@code jdbc:h2:file:./data/redraw}, or
     * {@code jdbc:h2:./data/redraw}) with that path resolved; other URLs as written. A path naming a
     * file system or server ({@code mem:}, {@code tcp://}, {@code nio:}…) or the home folder
     * ({@code ~}) is left alone.
     */
    String jdbcUrl(String url) {
        if (base.isEmpty() || !url.startsWith(H2)) {
            return url;
        }
        String name = url.substring(H2.length());
        String prefix = name.startsWith(FILE) ? FILE : "";
        String path = name.substring(prefix.length());
        int end = path.indexOf(';');
        String location = end < 0 ? path : path.substring(0, end);
        String settings = end < 0 ? "" : path.substring(end);
        boolean relative = !location.isEmpty()
                && !location.contains(":")
                && !location.startsWith("/")
                && !location.startsWith("\\")
                && !location.startsWith("~");
        return relative ? H2 + prefix + path(Path.of(location)) + settings : url;
    }
}

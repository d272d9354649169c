package dev.redraw.app.http;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Chromium, run headless on a page: what the browser made of it ({@code --dump-dom}, the
 * document once loaded). {@code ./redraw test} installs the browser where it is missing; a machine
 * without it fails the tests that need it, saying so.
 */
final class HeadlessChromium {

    private static final List<String> CANDIDATES =
            List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

    private HeadlessChromium() {}

    /** The browser's executable: {@code CHROMIUM} when set, else the first one installed. */
    static Path executable() {
        String configured = System.getenv("CHROMIUM");
        Stream<String> paths = configured == null || configured.isBlank() ? CANDIDATES.stream() : Stream.of(configured);
        return paths.map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError("these tests need Chromium: install Debian's chromium package"
                        + " (./redraw test does where apt-get can), or set CHROMIUM to a Chromium executable"));
    }

    /** The page at {@code url} as the browser's document after loading it. */
    static String dumpDom(URI url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("redraw-chromium");
        Path errors = profile.resolve("stderr.log");
        Path output = profile.resolve("dom.html");
        try {
            Process browser = new ProcessBuilder(
                            executable().toString(),
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--disable-quic",
                            "--no-first-run",
                            "--user-data-dir=" + profile.resolve("profile"),
                            "--window-size=1600,2400",
                            "--dump-dom",
                            url.toString())
                    .redirectError(errors.toFile())
                    .redirectOutput(output.toFile())
                    .start();
            browser.getOutputStream().close();
            if (!browser.waitFor(90, TimeUnit.SECONDS)) {
                browser.destroyForcibly();
                throw new AssertionError("Chromium did not finish loading " + url);
            }
            if (browser.exitValue() != 0) {
                throw new AssertionError("Chromium failed on " + url + ": " + Files.readString(errors));
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }
}

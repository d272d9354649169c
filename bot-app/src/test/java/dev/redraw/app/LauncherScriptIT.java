package dev.redraw.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code redraw} script of the Quick start, run as someone whose default {@code java} is older
 * than 21 would run it: with only the system's folders on PATH and no JAVA_HOME.
 */
class LauncherScriptIT {

    private static final Path ROOT = Path.of(System.getProperty("redraw.root"));
    private static final String SYSTEM_PATH = "/usr/bin:/bin";

    @TempDir
    private Path dir;

    private record Run(int status, String out, String err) {}

    private Run run(Map<String, String> env, String... args) throws Exception {
        var command = new java.util.ArrayList<String>();
        command.add(ROOT.resolve("redraw").toString());
        command.addAll(java.util.List.of(args));
        var builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("out.log").toFile())
                .redirectError(dir.resolve("err.log").toFile());
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("REDRAW_JAVA_OPTS");
        builder.environment().put("PATH", SYSTEM_PATH);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), read("out.log"), read("err.log"));
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    void versionWorksWhenTheJavaOnPathIsOlderThan21() throws Exception {
        Run run = run(Map.of(), "--version");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly("redraw " + System.getProperty("redraw.version"));
    }

    @Test
    void aJavaHomeOlderThan21IsPassedOver() throws Exception {
        Path oldJava = Path.of("/usr/bin/java").toRealPath().getParent().getParent();

        Run run = run(Map.of("JAVA_HOME", oldJava.toString()), "--version");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly("redraw " + System.getProperty("redraw.version"));
    }

    @Test
    void theJarRunsWithTheJdkTheScriptChoseAndArgumentsReachIt() throws Exception {
        Run run = run(Map.of(), "--config", "nope.yml");

        assertThat(run.status()).isEqualTo(Launcher.USAGE);
        assertThat(run.err())
                .contains("config error: config file not found: nope.yml (" + dir.resolve("nope.yml") + ")")
                .doesNotContain("UnsupportedClassVersionError");
    }

    @Test
    void jvmFlagsComeFromRedrawJavaOpts() throws Exception {
        Run good = run(Map.of("REDRAW_JAVA_OPTS", "-Xms64m  -Xmx64m -XX:+AlwaysPreTouch"), "--version");
        Run bad = run(Map.of("REDRAW_JAVA_OPTS", "-Xms64m -Xmx1x"), "--version");

        assertThat(good.status()).as(good.err()).isZero();
        assertThat(good.out().lines().toList()).containsExactly("redraw " + System.getProperty("redraw.version"));
        assertThat(bad.status()).isNotZero();
        assertThat(bad.err()).contains("Invalid maximum heap size: -Xmx1x");
    }
}

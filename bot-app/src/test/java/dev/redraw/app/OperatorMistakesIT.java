package dev.redraw.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees from the built jar when the configuration is missing, wrong or written with
 * relative paths: one line naming what to change, and relative paths taken from the file's folder.
 */
class OperatorMistakesIT {

    private static final String KEY = "sk-operator-test-5d1e";

    @TempDir
    private Path dir;

    private record Run(int status, List<String> out) {}

    private Run run(String stdin, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(java, "-jar", System.getProperty("redraw.jar")));
        command.addAll(List.of(args));
        Path log = dir.resolve("out.log");
        var builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("REDRAW_JAVA_OPTS");
        builder.environment().put("NEBULA_API_KEY", KEY);
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readAllLines(log));
    }

    private Path config(Path folder, String extra) throws IOException {
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve("redraw.yml"), """
                providers: [{name: nebula, dialect: contents, base-url: 'http://127.0.0.1:9/',
                             api-key: '${NEBULA_API_KEY}', models: [gemini-2.5-flash-image]}]
                storage: {url: 'jdbc:h2:file:./db/redraw'}
                console: {output-dir: ./out}
                """ + extra);
    }

    @Test
    void aMissingConfigFileSaysHowToPassOne() throws Exception {
        Run run = run("", "--config", "/nope.yml");

        assertThat(run.status()).isEqualTo(Launcher.USAGE);
        assertThat(run.out()).containsExactly("config error: config file not found: /nope.yml (pass --config PATH)");
    }

    @Test
    void aLoweredTotalNamesThePerProviderDefaultItLeavesTooHigh() throws Exception {
        Path config = config(dir, "jobs: {max-concurrent: 2}\n");

        Run run = run("", "console", "--config", config.toString());

        assertThat(run.status()).isEqualTo(Launcher.USAGE);
        assertThat(run.out())
                .singleElement()
                .asString()
                .endsWith("jobs.max-per-provider: not set, so its default 16 applies, which is more than"
                        + " max-concurrent (2); set jobs.max-per-provider to 2 or less");
    }

    @Test
    void relativePathsAreTakenFromTheConfigFilesFolderNotTheWorkingOne() throws Exception {
        Path folder = dir.resolve("conf");
        Path config = config(folder, "");

        Run run = run("/quit\n", "console", "--config", "conf/redraw.yml");

        assertThat(run.status()).as(String.join("\n", run.out())).isZero();
        assertThat(folder.resolve("db/redraw.mv.db")).exists();
        assertThat(dir.resolve("db")).doesNotExist();
        assertThat(config).exists();
    }
}

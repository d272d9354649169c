package dev.redraw.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.redraw.app.config.ConfigLoader;
import dev.redraw.app.config.RedrawConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The container files agree with each other and with the configuration: every variable the shipped
 * configurations read is listed in {@code .env.example}, and compose's health check and port, and
 * the Dockerfile's, are those of the container's configuration.
 */
class ContainerFilesIT {

    private static final Path ROOT = Path.of(System.getProperty("redraw.root"));
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::?[-?][^}]*)?}");
    private static final Pattern ENTRY = Pattern.compile("(?m)^(#\\s*)?([A-Z][A-Z0-9_]*)=(.*)$");

    /** The variables {@code .env.example} sets, with their example values. */
    private static Map<String, String> active() throws Exception {
        Map<String, String> keys = new HashMap<>();
        Matcher entry = ENTRY.matcher(Files.readString(ROOT.resolve(".env.example")));
        while (entry.find()) {
            if (entry.group(1) == null) {
                keys.put(entry.group(2), entry.group(3));
            }
        }
        return keys;
    }

    /** Every variable {@code .env.example} names, set or shown commented out. */
    private static Set<String> listed() throws Exception {
        Set<String> keys = new LinkedHashSet<>();
        Matcher entry = ENTRY.matcher(Files.readString(ROOT.resolve(".env.example")));
        while (entry.find()) {
            keys.add(entry.group(2));
        }
        return keys;
    }

    /** The variables {@code text} refers to, in lines that are ({@code comments}) or are not comments. */
    private static Set<String> references(String text, boolean comments) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : text.lines().toList()) {
            if (line.strip().startsWith("#") != comments) {
                continue;
            }
            Matcher reference = REFERENCE.matcher(line);
            while (reference.find()) {
                names.add(reference.group(1));
            }
            // The configuration's own explanation of the syntax, ${VAR}, names no variable.
            names.remove("VAR");
        }
        return names;
    }

    @Test
    void everyVariableTheShippedConfigurationsReadIsInTheEnvExample() throws Exception {
        Map<String, String> active = active();
        for (String file : List.of("config/redraw.yml", "config/container.yml", "compose.yaml")) {
            String text = Files.readString(ROOT.resolve(file));
            assertThat(active.keySet()).as("variables %s reads", file).containsAll(references(text, false));
            assertThat(listed()).as("variables %s shows in comments", file).containsAll(references(text, true));
        }
        assertThat(active.keySet())
                .as("what the launcher and the logs read")
                .contains("REDRAW_JAVA_OPTS", "REDRAW_LOG_LEVEL");
        // Nothing listed that nothing reads.
        String readers = String.join(
                "\n",
                Files.readString(ROOT.resolve("config/redraw.yml")),
                Files.readString(ROOT.resolve("config/container.yml")),
                Files.readString(ROOT.resolve("compose.yaml")),
                Files.readString(ROOT.resolve("Dockerfile")),
                Files.readString(ROOT.resolve("redraw")),
                Files.readString(ROOT.resolve("bot-app/src/main/resources/logback.xml")));
        for (String key : listed()) {
            assertThat(readers).as("something reads %s", key).contains(key);
        }
    }

    @Test
    void composeAndTheDockerfileCheckAndPublishThePortTheContainerConfigurationServes() throws Exception {
        Map<String, String> env = new HashMap<>(active());
        env.put("NEBULA_API_KEY", "sk-example");
        RedrawConfig config = new ConfigLoader(env).load(ROOT.resolve("config/container.yml"));
        int port = config.server().port().orElseThrow();
        String readyz = "http://127.0.0.1:" + port + "/readyz";
        assertThat(config.server().bind())
                .as("reachable from outside the container")
                .isEqualTo("0.0.0.0");

        JsonNode compose =
                new YAMLMapper().readTree(ROOT.resolve("compose.yaml").toFile());
        JsonNode bot = compose.path("services").path("redraw");
        assertThat(bot.path("healthcheck").path("test").toString()).contains(readyz);
        assertThat(bot.path("ports").get(0).asText()).isEqualTo("127.0.0.1:" + port + ":" + port);
        assertThat(bot.path("env_file").asText()).isEqualTo(".env");
        assertThat(bot.path("environment").path("REDRAW_DB_URL").asText())
                .startsWith("jdbc:postgresql://postgres:5432/");
        assertThat(Duration.parse("PT" + bot.path("stop_grace_period").asText().toUpperCase()))
                .as("the container is stopped only after running jobs had their grace")
                .isGreaterThan(config.jobs().shutdownGrace());
        assertThat(compose.path("services").path("postgres").path("healthcheck").isMissingNode())
                .isFalse();

        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile)
                .containsPattern("(?m)^HEALTHCHECK .*\\\\\\n\\s+CMD curl -fsS " + Pattern.quote(readyz))
                .containsPattern("(?m)^EXPOSE " + port + "$")
                .containsPattern("(?m)^USER redraw$")
                .containsPattern("(?m)^VOLUME /data$")
                .contains("COPY config/container.yml /app/config/redraw.yml");
        assertThat(Files.readString(ROOT.resolve(".gitignore"))).containsPattern("(?m)^/?\\.env$");
    }
}

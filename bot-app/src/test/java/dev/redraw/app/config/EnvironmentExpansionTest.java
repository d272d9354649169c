package dev.redraw.app.config;

import static dev.redraw.app.config.Fixtures.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentExpansionTest {

    @Test
    void referenceIsReplacedByTheVariable() {
        // Given a base URL that is entirely a reference
        String yaml = MINIMAL.replace("https://llm.example.com", "${GATEWAY}");

        // When the variable is set
        RedrawConfig config = Fixtures.load(yaml, Fixtures.envWith("GATEWAY", "https://gw.example.org"));

        // Then its value is used
        assertThat(config.providers().getFirst().baseUrl()).isEqualTo(URI.create("https://gw.example.org"));
    }

    @Test
    void referencesAreReplacedInsideLongerText() {
        // Given a value mixing text and two references
        String yaml = MINIMAL.replace("https://llm.example.com", "https://${HOST}:${PORT}/v1");

        // When both are set
        RedrawConfig config = Fixtures.load(yaml, Fixtures.envWith("HOST", "gw", "PORT", "8443"));

        // Then both are substituted in place
        assertThat(config.providers().getFirst().baseUrl()).isEqualTo(URI.create("https://gw:8443/v1"));
    }

    @Test
    void fallbackIsUsedWhenTheVariableIsUnset() {
        String yaml = MINIMAL + "console:\n  output-dir: ${OUT_DIR:-/var/redraw}\n";

        RedrawConfig config = Fixtures.load(yaml);

        assertThat(config.console().outputDir()).isEqualTo(Path.of("/var/redraw"));
    }

    @Test
    void fallbackIsUsedWhenTheVariableIsEmpty() {
        String yaml = MINIMAL + "console:\n  output-dir: ${OUT_DIR:-/var/redraw}\n";

        RedrawConfig config = Fixtures.load(yaml, Fixtures.envWith("OUT_DIR", ""));

        assertThat(config.console().outputDir()).isEqualTo(Path.of("/var/redraw"));
    }

    @Test
    void variableWinsOverTheFallbackWhenSet() {
        String yaml = MINIMAL + "console:\n  output-dir: ${OUT_DIR:-/var/redraw}\n";

        RedrawConfig config = Fixtures.load(yaml, Fixtures.envWith("OUT_DIR", "/srv/images"));

        assertThat(config.console().outputDir()).isEqualTo(Path.of("/srv/images"));
    }

    @Test
    void emptyExpansionLeavesTheDefaultInPlace() {
        // Given a pool size that only an optional variable sets
        String yaml = MINIMAL + "storage:\n  pool-size: ${POOL:-}\n";

        // When the variable is unset
        RedrawConfig config = Fixtures.load(yaml);

        // Then the built-in default applies
        assertThat(config.storage().poolSize()).isEqualTo(StorageConfig.DEFAULT_POOL_SIZE);
    }

    @Test
    void expandedTextIsConvertedToTheKeysType() {
        // Given booleans, numbers and sizes that come from the environment
        String yaml = MINIMAL + """
                telegram:
                  enabled: ${TG_ENABLED:-false}
                storage:
                  pool-size: ${POOL}
                images:
                  max-input-bytes: ${MAX_INPUT}
                """;

        // When they are set
        RedrawConfig config =
                Fixtures.load(yaml, Fixtures.envWith("TG_ENABLED", "true", "POOL", "12", "MAX_INPUT", "2MB"));

        // Then they are read as those types
        assertThat(config.telegram().enabled()).isTrue();
        assertThat(config.storage().poolSize()).isEqualTo(12);
        assertThat(config.images().maxInputBytes()).isEqualTo(2L * 1024 * 1024);
    }

    @Test
    void listItemsAreExpanded() {
        String yaml = MINIMAL.replace("[gemini-2.5-flash-image]", "[\"${MODEL}\", other]");

        RedrawConfig config = Fixtures.load(yaml, Fixtures.envWith("MODEL", "from-env"));

        assertThat(config.providers().getFirst().models()).containsExactly("from-env", "other");
    }

    @Test
    void doubledDollarEscapesAReference() {
        // Given a value that needs a literal ${ in it
        String yaml = MINIMAL + "storage:\n  url: jdbc:h2:mem:$${NOT_A_VAR}-${DB}\n";

        // When it is loaded
        RedrawConfig config = Fixtures.load(yaml, Fixtures.envWith("DB", "x"));

        // Then the escaped part stays literal and the real reference is still expanded
        assertThat(config.storage().url()).isEqualTo("jdbc:h2:mem:${NOT_A_VAR}-x");
    }

    @Test
    void unsetVariableWithoutFallbackNamesTheKeyAndTheVariable() {
        String yaml = MINIMAL.replace("https://llm.example.com", "${GATEWAY}");

        ConfigException error = Fixtures.failure(yaml);

        assertThat(error).hasMessage("providers[0].base-url: environment variable GATEWAY is not set");
        assertThat(error.keyPath()).contains("providers[0].base-url");
    }

    @Test
    void unterminatedReferenceIsReported() {
        String yaml = MINIMAL + "console:\n  output-dir: ${OUT_DIR\n";

        ConfigException error = Fixtures.failure(yaml);

        assertThat(error.getMessage()).startsWith("console.output-dir: unterminated '${'");
    }

    @Test
    void malformedVariableNameIsReported() {
        String yaml = MINIMAL + "console:\n  output-dir: ${1DIR}\n";

        ConfigException error = Fixtures.failure(yaml);

        assertThat(error.getMessage()).startsWith("console.output-dir: '${1DIR}' is not a valid reference");
    }

    @Test
    void keysAreNotExpanded() {
        // Given a reference used as a key rather than a value
        String yaml = MINIMAL + "${SECTION}:\n  output-dir: x\n";

        // When / Then it is an unknown key even if the variable names a real section
        ConfigException error = Fixtures.failure(yaml, Fixtures.envWith("SECTION", "console"));

        assertThat(error.getMessage()).startsWith("${SECTION}: unknown key");
    }

    @Test
    void environmentIsCopiedWhenTheLoaderIsCreated() {
        // Given a loader built from a mutable map that changes afterwards
        Map<String, String> env = new HashMap<>(Fixtures.env());
        ConfigLoader loader = new ConfigLoader(env);
        env.remove("NEBULA_API_KEY");

        // When a file is loaded
        RedrawConfig config = loader.load(MINIMAL, "test");

        // Then the environment seen at construction is used
        assertThat(config.providers().getFirst().apiKey().value()).isEqualTo(Fixtures.NEBULA_KEY);
    }
}

package dev.redraw.app.config;

import static dev.redraw.app.config.Fixtures.MINIMAL;
import static dev.redraw.app.config.Fixtures.NEBULA_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redraw.core.model.ModelOverride;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final Path SHIPPED_FILE = Path.of("../config/redraw.yml");

    @Test
    void shippedConfigFileLoadsWhenTheNebulaKeyIsSet() {
        // Given the config file in the repository and only the Nebula key in the environment
        ConfigLoader loader = new ConfigLoader(Map.of("NEBULA_API_KEY", NEBULA_KEY));

        // When it is loaded
        RedrawConfig config = loader.load(SHIPPED_FILE);

        // Then it describes one Nebula provider and no enabled platform
        assertThat(config.providers()).hasSize(1);
        ProviderConfig nebula = config.providers().getFirst();
        assertThat(nebula.name()).isEqualTo("nebula");
        assertThat(nebula.dialect()).isEqualTo(Dialect.CONTENTS);
        assertThat(nebula.baseUrl()).isEqualTo(URI.create("https://llm.ai-nebula.com"));
        assertThat(nebula.apiKey().value()).isEqualTo(NEBULA_KEY);
        assertThat(nebula.models()).containsExactly("gemini-2.5-flash-image", "gemini-2.5-flash-image-preview");
        assertThat(config.enabledPlatforms()).isEmpty();
        assertThat(config.telegram().token()).isEmpty();
    }

    @Test
    void shippedConfigFileStatesTheBuiltInDefaults() throws Exception {
        // Given the shipped file, which writes every default out, and a minimal file with the same
        // provider name, URL and models, which relies on the defaults
        // (read as text, so its relative paths stay as written, like the defaults)
        RedrawConfig shipped = new ConfigLoader(Map.of("NEBULA_API_KEY", NEBULA_KEY))
                .load(Files.readString(SHIPPED_FILE), SHIPPED_FILE.toString());
        String sameProvider = MINIMAL.replace("https://llm.example.com", "https://llm.ai-nebula.com")
                .replace("[gemini-2.5-flash-image]", "[gemini-2.5-flash-image, gemini-2.5-flash-image-preview]");
        RedrawConfig minimal = Fixtures.load(sameProvider, Map.of("NEBULA_API_KEY", NEBULA_KEY));

        // Then the two are the same configuration
        assertThat(shipped).isEqualTo(minimal);
    }

    @Test
    void shippedProviderExamplesLoadWhenUncommented() throws Exception {
        // Given the shipped file with the commented provider examples switched on
        String text = Files.readString(SHIPPED_FILE);
        int start = text.indexOf("\nproviders:\n");
        int end = text.indexOf("\ngeneration:\n");
        String providers = text.substring(start, end).replaceAll("(?m)^  # (?=[- ])", "  ");
        String yaml = text.substring(0, start) + providers + text.substring(end);
        Map<String, String> env = Fixtures.envWith(
                "OPENAI_API_KEY",
                "o",
                "GEMINI_API_KEY",
                "g",
                "TASK_API_KEY",
                "t",
                "PRIMARY_API_KEY",
                "p",
                "BACKUP_API_KEY",
                "b");

        // When it is loaded
        RedrawConfig config = Fixtures.load(yaml, env);

        // Then every example is a valid provider, including a model mapping and a model served twice
        assertThat(config.providers())
                .extracting(ProviderConfig::name)
                .containsExactly("nebula", "openai", "google", "tasks", "primary", "backup");
        ProviderConfig google = config.provider("google").orElseThrow();
        assertThat(google.auth()).isEqualTo(ProviderAuth.GOOGLE_API_KEY);
        assertThat(google.modelEntries().getFirst().aspectRatios())
                .hasValueSatisfying(ratios -> assertThat(ratios).contains("16:9"));
        assertThat(config.provider("tasks").orElseThrow().async()).isTrue();
        assertThat(config.provider("primary").orElseThrow().models())
                .isEqualTo(config.provider("backup").orElseThrow().models())
                .containsExactly("nano-banana-pro");
    }

    @Test
    void shippedConfigFileReadsOverridesFromTheEnvironment() {
        // Given the shipped file and an environment overriding the base URL and storage settings
        ConfigLoader loader = new ConfigLoader(Map.of(
                "NEBULA_API_KEY", NEBULA_KEY,
                "NEBULA_BASE_URL", "http://localhost:8080",
                "REDRAW_DB_URL", "jdbc:postgresql://db/redraw",
                "REDRAW_DB_USER", "redraw",
                "REDRAW_DB_PASSWORD", Fixtures.DB_PASSWORD));

        // When it is loaded
        RedrawConfig config = loader.load(SHIPPED_FILE);

        // Then the overrides are used
        assertThat(config.providers().getFirst().baseUrl()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(config.storage().url()).isEqualTo("jdbc:postgresql://db/redraw");
        assertThat(config.storage().user()).contains("redraw");
        assertThat(config.storage().password()).contains(new Secret(Fixtures.DB_PASSWORD));
    }

    @Test
    void shippedConfigFileFailsClearlyWhenTheNebulaKeyIsMissing() {
        // Given an empty environment
        ConfigLoader loader = new ConfigLoader(Map.of());

        // When / Then loading names the key and the variable to set
        assertThatThrownBy(() -> loader.load(SHIPPED_FILE))
                .isInstanceOf(ConfigException.class)
                .hasMessage("providers[0].api-key: environment variable NEBULA_API_KEY is not set");
    }

    @Test
    void minimalFileGetsTheDocumentedDefaults() {
        // Given a file that lists one provider and nothing else
        // When it is loaded
        RedrawConfig config = Fixtures.load(MINIMAL);

        // Then every other setting has its documented default
        assertThat(config.telegram().enabled()).isFalse();
        assertThat(config.telegram().apiUrl()).isEqualTo(URI.create("https://api.telegram.org"));
        assertThat(config.discord().enabled()).isFalse();
        assertThat(config.discord().restUrl()).isEqualTo(URI.create("https://discord.com/api/v10/"));
        assertThat(config.discord().gatewayUrl()).isEqualTo(URI.create("wss://gateway.discord.gg/"));
        assertThat(config.providers().getFirst().timeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(config.generation().defaultModel()).isEqualTo("gemini-2.5-flash-image");
        assertThat(config.generation().defaultRatio()).isEqualTo("1:1");
        assertThat(config.generation().historyByteBudget()).isEqualTo(20L * 1024 * 1024);
        assertThat(config.images().maxPixels()).isEqualTo(50_000_000L);
        assertThat(config.images().maxInputBytes()).isEqualTo(7L * 1024 * 1024);
        assertThat(config.storage().url()).isEqualTo("jdbc:h2:file:./data/redraw;AUTO_SERVER=FALSE");
        assertThat(config.storage().user()).isEmpty();
        assertThat(config.storage().password()).isEmpty();
        assertThat(config.storage().poolSize()).isEqualTo(8);
        assertThat(config.console().outputDir()).isEqualTo(Path.of("./out"));
        assertThat(config.jobs()).isEqualTo(new JobsConfig(32, 16, 2, 2, Duration.ofSeconds(30)));
        assertThat(config.quotas())
                .isEqualTo(new QuotasConfig(50, Duration.ofHours(24), OptionalInt.empty(), List.of()));
        assertThat(config.access()).isEqualTo(new AccessConfig(Set.of(), AccessList.empty(), AccessList.empty()));
        assertThat(config.retries())
                .isEqualTo(new RetriesConfig(
                        3,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(5),
                        3,
                        Duration.ofSeconds(60)));
    }

    @Test
    void platformTokensDefaultToTheirConventionalVariables() {
        // Given a file without token keys and an environment holding both tokens
        // When it is loaded
        RedrawConfig config = Fixtures.load(MINIMAL);

        // Then the tokens come from TELEGRAM_BOT_TOKEN and DISCORD_TOKEN
        assertThat(config.telegram().token()).contains(new Secret(Fixtures.TELEGRAM_TOKEN));
        assertThat(config.discord().token()).contains(new Secret(Fixtures.DISCORD_TOKEN));
    }

    @Test
    void everyKeyIsReadFromTheFile() {
        // Given a file that sets every key to a non-default value
        String yaml = """
                telegram:
                  enabled: true
                  token: ${TG}
                  api-url: http://localhost:8081
                discord:
                  enabled: true
                  token: ${DC}
                  rest-url: http://localhost:8082/api/
                  gateway-url: ws://localhost:8083/
                providers:
                  - name: nebula
                    dialect: task
                    base-url: https://llm.example.com
                    api-key: ${NEBULA_API_KEY}
                    models: [m1]
                    auth: google-api-key
                    async: true
                    poll-interval: 100ms
                    poll-max-interval: 1m
                    max-wait: 1h
                  - name: google-2
                    dialect: gemini
                    base-url: https://generativelanguage.googleapis.com
                    api-key: ${GEMINI_API_KEY}
                    models:
                      - m2
                      - id: m3
                        max-input-images: 4
                        aspect-ratios: ["16:9", auto]
                        image-sizes: [2k]
                        max-image-bytes: 1MB
                        max-prompt-chars: 5000
                        native-history: false
                    timeout: 2m
                    auth: bearer
                generation:
                  default-model: m3
                  default-ratio: "16:9"
                  history-byte-budget: 512KB
                images:
                  max-pixels: 1000
                  max-input-bytes: 1GiB
                storage:
                  url: jdbc:postgresql://db/redraw
                  user: bot
                  password: ${REDRAW_DB_PASSWORD}
                  pool-size: 3
                console:
                  output-dir: /tmp/redraw-out
                jobs:
                  max-concurrent: 8
                  max-per-provider: 4
                  max-per-user: 3
                  max-attempts: 5
                  shutdown-grace: 2m
                quotas:
                  images-per-user: 10
                  window: 7d
                  global-daily-images: 1000
                  overrides:
                    - chat: telegram:-1001234567890
                      images-per-user: 200
                    - guild: discord:987654321012345678
                      images-per-user: 0
                access:
                  admins: [telegram:42, discord:4242]
                  allow:
                    users: [telegram:7]
                    chats: [telegram:-100555]
                    guilds: [discord:1111]
                  deny:
                    users: [discord:13]
                    chats: [discord:99:x]
                    guilds: [discord:2222]
                retries:
                  max-attempts: 5
                  first-delay: 250ms
                  max-delay: 2m
                  deadline: 20m
                  failure-threshold: 7
                  cool-down: 5m
                """;
        Map<String, String> env = Fixtures.envWith("TG", "tg-value", "DC", "dc-value", "GEMINI_API_KEY", "g-key");

        // When it is loaded
        RedrawConfig config = Fixtures.load(yaml, env);

        // Then each value lands in its record component
        assertThat(config)
                .isEqualTo(new RedrawConfig(
                        new TelegramConfig(
                                true, Optional.of(new Secret("tg-value")), URI.create("http://localhost:8081")),
                        new DiscordConfig(
                                true,
                                Optional.of(new Secret("dc-value")),
                                URI.create("http://localhost:8082/api/"),
                                URI.create("ws://localhost:8083/"),
                                false,
                                java.util.OptionalLong.empty()),
                        List.of(
                                new ProviderConfig(
                                        "nebula",
                                        Dialect.TASK,
                                        URI.create("https://llm.example.com"),
                                        new Secret(NEBULA_KEY),
                                        List.of(ModelEntries.of("m1")),
                                        Duration.ofSeconds(180),
                                        ProviderAuth.GOOGLE_API_KEY,
                                        true,
                                        Duration.ofMillis(100),
                                        Duration.ofMinutes(1),
                                        Duration.ofHours(1)),
                                new ProviderConfig(
                                        "google-2",
                                        Dialect.GEMINI,
                                        URI.create("https://generativelanguage.googleapis.com"),
                                        new Secret("g-key"),
                                        List.of(
                                                ModelEntries.of("m2"),
                                                new ModelOverride(
                                                        "m3",
                                                        Optional.of(4),
                                                        Optional.of(List.of("16:9", "auto")),
                                                        Optional.of(List.of("2K")),
                                                        Optional.of(1024L * 1024),
                                                        Optional.of(5000),
                                                        Optional.of(false))),
                                        Duration.ofMinutes(2),
                                        ProviderAuth.BEARER,
                                        false,
                                        Duration.ofSeconds(2),
                                        Duration.ofSeconds(15),
                                        Duration.ofMinutes(10))),
                        new GenerationConfig("m3", "16:9", 512L * 1024),
                        new ImagesConfig(1000, 1L << 30),
                        new StorageConfig(
                                "jdbc:postgresql://db/redraw",
                                Optional.of("bot"),
                                Optional.of(new Secret(Fixtures.DB_PASSWORD)),
                                3),
                        new ConsoleConfig(Path.of("/tmp/redraw-out")),
                        new JobsConfig(8, 4, 3, 5, Duration.ofMinutes(2)),
                        new QuotasConfig(
                                10,
                                Duration.ofDays(7),
                                OptionalInt.of(1000),
                                List.of(
                                        new QuotaOverride(
                                                Optional.of(new ScopedId("telegram", "-1001234567890")),
                                                Optional.empty(),
                                                200),
                                        new QuotaOverride(
                                                Optional.empty(),
                                                Optional.of(new ScopedId("discord", "987654321012345678")),
                                                0))),
                        new AccessConfig(
                                Set.of(new ScopedId("telegram", "42"), new ScopedId("discord", "4242")),
                                new AccessList(
                                        Set.of(new ScopedId("telegram", "7")),
                                        Set.of(new ScopedId("telegram", "-100555")),
                                        Set.of(new ScopedId("discord", "1111"))),
                                new AccessList(
                                        Set.of(new ScopedId("discord", "13")),
                                        Set.of(new ScopedId("discord", "99:x")),
                                        Set.of(new ScopedId("discord", "2222")))),
                        new RetriesConfig(
                                5,
                                Duration.ofMillis(250),
                                Duration.ofMinutes(2),
                                Duration.ofMinutes(20),
                                7,
                                Duration.ofMinutes(5)),
                        ServerConfig.defaults(),
                        LoggingConfig.defaults()));
        assertThat(config.enabledPlatforms()).containsExactlyInAnyOrder(Platform.TELEGRAM, Platform.DISCORD);
    }

    @Test
    void eachDialectIsReadFromItsLowerCaseName() {
        for (Dialect dialect : Dialect.values()) {
            // Given a provider using this dialect
            String yaml = MINIMAL.replace("dialect: contents", "dialect: " + dialect.yamlName());

            // When it is loaded
            RedrawConfig config = Fixtures.load(yaml);

            // Then the dialect is bound
            assertThat(config.providers().getFirst().dialect()).isEqualTo(dialect);
        }
    }

    @Test
    void missingFileIsReportedWithItsPathAndTheOption(@TempDir Path dir) {
        // Given a path with no file behind it
        Path missing = dir.resolve("nope.yml");

        // When / Then
        assertThatThrownBy(() -> new ConfigLoader(Fixtures.env()).load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config file not found: " + missing + " (pass --config PATH)");
    }

    @Test
    void fileOnDiskIsLoadedAndNamedInSyntaxErrors(@TempDir Path dir) throws Exception {
        // Given a valid file and a broken one
        Path good = Files.writeString(dir.resolve("good.yml"), MINIMAL);
        Path bad = Files.writeString(dir.resolve("bad.yml"), "providers:\n  - name: [x\n");
        ConfigLoader loader = new ConfigLoader(Fixtures.env());

        // When / Then the valid one loads and the broken one names itself
        assertThat(loader.load(good).providers()).hasSize(1);
        assertThatThrownBy(() -> loader.load(bad)).hasMessageStartingWith(bad + " line ");
    }

    @Test
    void emptyFileAsksForAProvider() {
        assertThatThrownBy(() -> Fixtures.load(""))
                .isInstanceOf(ConfigException.class)
                .hasMessage("providers: at least one provider is required");
    }
}

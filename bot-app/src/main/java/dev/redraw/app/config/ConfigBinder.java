package dev.redraw.app.config;

import static dev.redraw.app.config.Shape.SECRET;
import static dev.redraw.app.config.Shape.VALUE;
import static dev.redraw.app.config.Shape.key;
import static dev.redraw.app.config.Shape.listOf;
import static dev.redraw.app.config.Shape.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a checked, expanded config tree into {@link RedrawConfig}, applying defaults.
 *
 * <p>Binding is written out by hand rather than left to reflection so that every message can name the
 * exact key and so that secrets are resolved in one place that never echoes them.
 */
final class ConfigBinder {

    /** Every key the file may contain; {@link #bind} reads exactly these. */
    static final Shape.Mapping SHAPE = mapping(
            key("telegram", mapping(key("enabled", VALUE), key("token", SECRET), key("api-url", VALUE))),
            key(
                    "discord",
                    mapping(
                            key("enabled", VALUE),
                            key("token", SECRET),
                            key("rest-url", VALUE),
                            key("gateway-url", VALUE))),
            key(
                    "providers",
                    listOf(mapping(
                            key("name", VALUE),
                            key("dialect", VALUE),
                            key("base-url", VALUE),
                            key("api-key", SECRET),
                            key("models", listOf(VALUE)),
                            key("timeout", VALUE)))),
            key(
                    "generation",
                    mapping(
                            key("default-model", VALUE),
                            key("default-ratio", VALUE),
                            key("history-byte-budget", VALUE))),
            key("images", mapping(key("max-pixels", VALUE), key("max-input-bytes", VALUE))),
            key(
                    "storage",
                    mapping(key("url", VALUE), key("user", VALUE), key("password", SECRET), key("pool-size", VALUE))),
            key("console", mapping(key("output-dir", VALUE))));

    private final Map<String, String> env;

    ConfigBinder(Map<String, String> env) {
        this.env = env;
    }

    RedrawConfig bind(JsonNode tree) {
        Section root = Section.root(tree);
        TelegramConfig telegram = telegram(root.section("telegram"));
        DiscordConfig discord = discord(root.section("discord"));
        List<ProviderConfig> providers = RedrawConfig.requireProviders(providers(root));
        GenerationConfig generation = generation(root.section("generation"), providers);
        ImagesConfig images = images(root.section("images"));
        StorageConfig storage = storage(root.section("storage"));
        ConsoleConfig console = console(root.section("console"));
        return root.build(() -> new RedrawConfig(telegram, discord, providers, generation, images, storage, console));
    }

    private TelegramConfig telegram(Section section) {
        boolean enabled = section.value("enabled", Values::bool, false);
        Optional<Secret> token = platformToken(section, enabled, TelegramConfig.DEFAULT_TOKEN_VARIABLE);
        URI apiUrl = section.value("api-url", Values::uri, TelegramConfig.DEFAULT_API_URL);
        return section.build(() -> new TelegramConfig(enabled, token, apiUrl));
    }

    private DiscordConfig discord(Section section) {
        boolean enabled = section.value("enabled", Values::bool, false);
        Optional<Secret> token = platformToken(section, enabled, DiscordConfig.DEFAULT_TOKEN_VARIABLE);
        URI restUrl = section.value("rest-url", Values::uri, DiscordConfig.DEFAULT_REST_URL);
        URI gatewayUrl = section.value("gateway-url", Values::uri, DiscordConfig.DEFAULT_GATEWAY_URL);
        return section.build(() -> new DiscordConfig(enabled, token, restUrl, gatewayUrl));
    }

    /** A platform token: read when given, required only when the platform is switched on. */
    private Optional<Secret> platformToken(Section section, boolean enabled, String defaultVariable) {
        SecretReference reference = secretReference(section, "token", defaultVariable)
                .orElseGet(() -> new SecretReference(defaultVariable));
        Optional<Secret> token = reference.resolve(env);
        if (enabled && token.isEmpty()) {
            throw ConfigException.at(
                    section.pathOf("token"),
                    reference.variable() + " is not set (needed because " + section.pathOf("enabled") + " is true)");
        }
        return token;
    }

    private List<ProviderConfig> providers(Section root) {
        List<ProviderConfig> providers = new ArrayList<>();
        for (Section.Element element : root.list("providers")) {
            providers.add(provider(element.asSection()));
        }
        return providers;
    }

    private ProviderConfig provider(Section section) {
        String name = section.required("name", Values::text);
        Dialect dialect = section.required("dialect", Dialect::fromYaml);
        URI baseUrl = section.required("base-url", Values::uri);
        Secret apiKey = apiKey(section, ProviderConfig.conventionalKeyVariable(name));
        List<String> models = new ArrayList<>();
        for (Section.Element element : section.list("models")) {
            models.add(element.text());
        }
        Duration timeout = section.value("timeout", Durations::parse, ProviderConfig.DEFAULT_TIMEOUT);
        return section.build(() -> new ProviderConfig(name, dialect, baseUrl, apiKey, models, timeout));
    }

    private Secret apiKey(Section section, String suggestedVariable) {
        String keyPath = section.pathOf("api-key");
        SecretReference reference = secretReference(section, "api-key", suggestedVariable)
                .orElseThrow(() -> ConfigException.at(
                        keyPath, "missing required key; write a reference such as ${" + suggestedVariable + "}"));
        return reference
                .resolve(env)
                .orElseThrow(() ->
                        ConfigException.at(keyPath, "environment variable " + reference.variable() + " is not set"));
    }

    private GenerationConfig generation(Section section, List<ProviderConfig> providers) {
        String defaultModel = section.value(
                "default-model", Values::text, providers.getFirst().models().getFirst());
        String defaultRatio = section.value("default-ratio", Values::text, GenerationConfig.DEFAULT_RATIO);
        long budget =
                section.value("history-byte-budget", DataSizes::parse, GenerationConfig.DEFAULT_HISTORY_BYTE_BUDGET);
        return section.build(() -> new GenerationConfig(defaultModel, defaultRatio, budget));
    }

    private ImagesConfig images(Section section) {
        long maxPixels = section.value("max-pixels", Values::count, ImagesConfig.DEFAULT_MAX_PIXELS);
        long maxInputBytes = section.value("max-input-bytes", DataSizes::parse, ImagesConfig.DEFAULT_MAX_INPUT_BYTES);
        return section.build(() -> new ImagesConfig(maxPixels, maxInputBytes));
    }

    private StorageConfig storage(Section section) {
        String url = section.value("url", Values::text, StorageConfig.DEFAULT_URL);
        Optional<String> user = section.optional("user", Values::text);
        Optional<Secret> password =
                secretReference(section, "password", "REDRAW_DB_PASSWORD").flatMap(reference -> reference.resolve(env));
        int poolSize = section.value("pool-size", Values::integer, StorageConfig.DEFAULT_POOL_SIZE);
        return section.build(() -> new StorageConfig(url, user, password, poolSize));
    }

    private ConsoleConfig console(Section section) {
        Path outputDir = section.value("output-dir", Values::path, ConsoleConfig.DEFAULT_OUTPUT_DIR);
        return section.build(() -> new ConsoleConfig(outputDir));
    }

    /** The reference written at {@code key}, or empty when the key is not given. */
    private static Optional<SecretReference> secretReference(Section section, String key, String suggestedVariable) {
        return section.text(key).map(raw -> SecretReference.parse(raw, section.pathOf(key), suggestedVariable));
    }
}

package dev.redraw.app.config;

import static dev.redraw.app.config.Shape.SECRET;
import static dev.redraw.app.config.Shape.VALUE;
import static dev.redraw.app.config.Shape.key;
import static dev.redraw.app.config.Shape.listOf;
import static dev.redraw.app.config.Shape.mapping;
import static dev.redraw.app.config.Shape.valueOr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.model.ModelOverride;
import dev.redraw.core.provider.gemini.ResponseModality;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a checked, expanded config tree into {@link RedrawConfig}, applying defaults.
 *
 * <p>Binding is written out by hand rather than left to reflection so that every message can name the
 * exact key and so that secrets are resolved in one place that never echoes them.
 */
final class ConfigBinder {

    /** The keys of {@code access.allow} and {@code access.deny}. */
    private static final Shape.Mapping ACCESS_LIST =
            mapping(key("users", listOf(VALUE)), key("chats", listOf(VALUE)), key("guilds", listOf(VALUE)));

    /** The keys of a model written as a mapping in {@code providers[i].models}. */
    private static final Shape.Mapping MODEL = mapping(
            key("id", VALUE),
            key("max-input-images", VALUE),
            key("aspect-ratios", listOf(VALUE)),
            key("image-sizes", listOf(VALUE)),
            key("max-image-bytes", VALUE),
            key("max-prompt-chars", VALUE),
            key("native-history", VALUE));

    /** Every key the file may contain; {@link #bind} reads exactly these. */
    static final Shape.Mapping SHAPE = mapping(
            key(
                    "telegram",
                    mapping(
                            key("enabled", VALUE),
                            key("token", SECRET),
                            key("api-url", VALUE),
                            key("mode", VALUE),
                            key("webhook-url", VALUE),
                            key("webhook-secret", SECRET))),
            key(
                    "discord",
                    mapping(
                            key("enabled", VALUE),
                            key("token", SECRET),
                            key("rest-url", VALUE),
                            key("gateway-url", VALUE),
                            key("message-content", VALUE),
                            key("command-guild", VALUE),
                            key("shard-total", VALUE),
                            key("shard-ids", listOf(VALUE)))),
            key(
                    "providers",
                    listOf(mapping(
                            key("name", VALUE),
                            key("dialect", VALUE),
                            key("base-url", VALUE),
                            key("api-key", SECRET),
                            key("models", listOf(valueOr(MODEL))),
                            key("timeout", VALUE),
                            key("auth", VALUE),
                            key("async", VALUE),
                            key("poll-interval", VALUE),
                            key("poll-max-interval", VALUE),
                            key("max-wait", VALUE),
                            key("stream", VALUE),
                            key(ResponseModalities.KEY, listOf(VALUE))))),
            key(
                    "generation",
                    mapping(
                            key("default-model", VALUE),
                            key("default-ratio", VALUE),
                            key("history-byte-budget", VALUE))),
            key("images", mapping(key("max-pixels", VALUE), key("max-input-bytes", VALUE))),
            key(
                    "storage",
                    mapping(
                            key("url", VALUE),
                            key("user", VALUE),
                            key("password", SECRET),
                            key("pool-size", VALUE),
                            key("retention", VALUE))),
            key("console", mapping(key("output-dir", VALUE))),
            key(
                    "jobs",
                    mapping(
                            key("max-concurrent", VALUE),
                            key("max-per-provider", VALUE),
                            key("max-per-user", VALUE),
                            key("max-attempts", VALUE),
                            key("shutdown-grace", VALUE),
                            key("instance", VALUE),
                            key("lease", VALUE))),
            key(
                    "quotas",
                    mapping(
                            key("images-per-user", VALUE),
                            key("window", VALUE),
                            key("global-daily-images", VALUE),
                            key(
                                    "overrides",
                                    listOf(mapping(
                                            key("chat", VALUE), key("guild", VALUE), key("images-per-user", VALUE)))))),
            key("access", mapping(key("admins", listOf(VALUE)), key("allow", ACCESS_LIST), key("deny", ACCESS_LIST))),
            key(
                    "retries",
                    mapping(
                            key("max-attempts", VALUE),
                            key("first-delay", VALUE),
                            key("max-delay", VALUE),
                            key("deadline", VALUE),
                            key("failure-threshold", VALUE),
                            key("cool-down", VALUE))),
            key(
                    "server",
                    mapping(
                            key("port", VALUE),
                            key("bind", VALUE),
                            key("public-url", VALUE),
                            key("link-lifetime", VALUE),
                            key("max-requests", VALUE))),
            key("logging", mapping(key("format", VALUE))));

    private final Map<String, String> env;
    private final RelativePaths paths;

    ConfigBinder(Map<String, String> env, RelativePaths paths) {
        this.env = env;
        this.paths = paths;
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
        JobsConfig jobs = jobs(root.section("jobs"));
        QuotasConfig quotas = quotas(root.section("quotas"));
        AccessConfig access = access(root.section("access"));
        RetriesConfig retries = retries(root.section("retries"));
        ServerConfig server = server(root.section("server"));
        LoggingConfig logging = logging(root.section("logging"));
        return root.build(() -> new RedrawConfig(
                telegram,
                discord,
                providers,
                generation,
                images,
                storage,
                console,
                jobs,
                quotas,
                access,
                retries,
                server,
                logging));
    }

    private LoggingConfig logging(Section section) {
        LogFormat format = section.value("format", LogFormat::fromYaml, LogFormat.TEXT);
        return section.build(() -> new LoggingConfig(format));
    }

    private ServerConfig server(Section section) {
        OptionalInt port =
                section.optional("port", Values::integer).map(OptionalInt::of).orElseGet(OptionalInt::empty);
        String bind = section.value("bind", Values::text, ServerConfig.DEFAULT_BIND);
        Optional<URI> publicUrl = section.optional("public-url", Values::uri);
        Duration linkLifetime = section.value("link-lifetime", Durations::parse, ServerConfig.DEFAULT_LINK_LIFETIME);
        int maxRequests = section.value("max-requests", Values::integer, ServerConfig.DEFAULT_MAX_REQUESTS);
        return section.build(() -> new ServerConfig(port, bind, publicUrl, linkLifetime, maxRequests));
    }

    private TelegramConfig telegram(Section section) {
        boolean enabled = section.value("enabled", Values::bool, false);
        Optional<Secret> token = platformToken(section, enabled, TelegramConfig.DEFAULT_TOKEN_VARIABLE);
        URI apiUrl = section.value("api-url", Values::uri, TelegramConfig.DEFAULT_API_URL);
        TelegramMode mode = section.value("mode", TelegramMode::fromYaml, TelegramMode.POLLING);
        Optional<URI> webhookUrl = section.optional("webhook-url", Values::uri);
        Optional<Secret> webhookSecret = secretReference(
                        section, "webhook-secret", TelegramConfig.DEFAULT_WEBHOOK_SECRET_VARIABLE)
                .orElseGet(() -> new SecretReference(TelegramConfig.DEFAULT_WEBHOOK_SECRET_VARIABLE))
                .resolve(env);
        return section.build(() -> new TelegramConfig(enabled, token, apiUrl, mode, webhookUrl, webhookSecret));
    }

    private DiscordConfig discord(Section section) {
        boolean enabled = section.value("enabled", Values::bool, false);
        Optional<Secret> token = platformToken(section, enabled, DiscordConfig.DEFAULT_TOKEN_VARIABLE);
        URI restUrl = section.value("rest-url", Values::uri, DiscordConfig.DEFAULT_REST_URL);
        URI gatewayUrl = section.value("gateway-url", Values::uri, DiscordConfig.DEFAULT_GATEWAY_URL);
        boolean messageContent = section.value("message-content", Values::bool, false);
        java.util.OptionalLong guild = section.optional("command-guild", Values::text)
                .map(id -> {
                    if (!id.matches("\\d{1,20}")) {
                        throw ConfigException.at(
                                section.pathOf("command-guild"), "'" + id + "' is not a Discord server id");
                    }
                    return java.util.OptionalLong.of(Long.parseLong(id));
                })
                .orElse(java.util.OptionalLong.empty());
        OptionalInt shardTotal = section.optional("shard-total", Values::integer)
                .map(OptionalInt::of)
                .orElseGet(OptionalInt::empty);
        List<Integer> shardIds = section.optionalList("shard-ids")
                .map(elements -> elements.stream()
                        .map(element -> element.value(Values::integer))
                        .toList())
                .orElse(List.of());
        return section.build(() ->
                new DiscordConfig(enabled, token, restUrl, gatewayUrl, messageContent, guild, shardTotal, shardIds));
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
        List<ModelOverride> models = new ArrayList<>();
        for (Section.Element element : section.list("models")) {
            models.add(modelEntry(element));
        }
        Duration timeout = section.value("timeout", Durations::parse, ProviderConfig.DEFAULT_TIMEOUT);
        ProviderAuth auth = section.value("auth", ProviderAuth::fromYaml, ProviderAuth.defaultFor(dialect));
        boolean async = section.value("async", Values::bool, false);
        Duration pollInterval = section.value("poll-interval", Durations::parse, ProviderConfig.DEFAULT_POLL_INTERVAL);
        Duration pollMaxInterval =
                section.value("poll-max-interval", Durations::parse, ProviderConfig.DEFAULT_POLL_MAX_INTERVAL);
        Duration maxWait = section.value("max-wait", Durations::parse, ProviderConfig.DEFAULT_MAX_WAIT);
        boolean stream = section.value("stream", Values::bool, false);
        Optional<List<ResponseModality>> responseModalities = section.optionalList(ResponseModalities.KEY)
                .map(elements -> elements.stream()
                        .map(element -> element.value(ResponseModalities::parse))
                        .toList());
        return section.build(() -> new ProviderConfig(
                name,
                dialect,
                baseUrl,
                apiKey,
                models,
                timeout,
                auth,
                async,
                pollInterval,
                pollMaxInterval,
                maxWait,
                stream,
                responseModalities));
    }

    /** A model given by its id alone, or as a mapping with an id and the capabilities it states. */
    private static ModelOverride modelEntry(Section.Element element) {
        if (!element.isMapping()) {
            return ModelEntries.of(element.text());
        }
        Section section = element.asSection();
        String id = section.required("id", Values::text);
        Optional<Integer> maxInputImages = section.optional("max-input-images", Values::integer);
        Optional<List<String>> aspectRatios = texts(section, "aspect-ratios");
        Optional<List<String>> imageSizes = texts(section, "image-sizes");
        Optional<Long> maxImageBytes = section.optional("max-image-bytes", DataSizes::parse);
        Optional<Integer> maxPromptChars = section.optional("max-prompt-chars", Values::integer);
        Optional<Boolean> nativeHistory = section.optional("native-history", Values::bool);
        return section.build(() -> ModelEntries.checked(new ModelOverride(
                id, maxInputImages, aspectRatios, imageSizes, maxImageBytes, maxPromptChars, nativeHistory)));
    }

    /** The texts of the list at {@code key}; empty when the list is not given. */
    private static Optional<List<String>> texts(Section section, String key) {
        return section.optionalList(key)
                .map(elements -> elements.stream().map(Section.Element::text).toList());
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
        String url = paths.jdbcUrl(section.value("url", Values::text, StorageConfig.DEFAULT_URL));
        Optional<String> user = section.optional("user", Values::text);
        Optional<Secret> password =
                secretReference(section, "password", "REDRAW_DB_PASSWORD").flatMap(reference -> reference.resolve(env));
        int poolSize = section.value("pool-size", Values::integer, StorageConfig.DEFAULT_POOL_SIZE);
        Optional<Duration> retention = section.optional("retention", Durations::parse);
        return section.build(() -> new StorageConfig(url, user, password, poolSize, retention));
    }

    private ConsoleConfig console(Section section) {
        Path outputDir = paths.path(section.value("output-dir", Values::path, ConsoleConfig.DEFAULT_OUTPUT_DIR));
        return section.build(() -> new ConsoleConfig(outputDir));
    }

    private JobsConfig jobs(Section section) {
        int maxConcurrent = section.value("max-concurrent", Values::integer, JobsConfig.DEFAULT_MAX_CONCURRENT);
        int maxPerProvider =
                limitWithinTotal(section, "max-per-provider", JobsConfig.DEFAULT_MAX_PER_PROVIDER, maxConcurrent);
        int maxPerUser = limitWithinTotal(section, "max-per-user", JobsConfig.DEFAULT_MAX_PER_USER, maxConcurrent);
        int maxAttempts = section.value("max-attempts", Values::integer, JobsConfig.DEFAULT_MAX_ATTEMPTS);
        Duration shutdownGrace = section.value("shutdown-grace", Durations::parse, JobsConfig.DEFAULT_SHUTDOWN_GRACE);
        String instance = section.value("instance", Values::text, JobsConfig.defaultInstance());
        Duration lease = section.value("lease", Durations::parse, JobsConfig.DEFAULT_LEASE);
        return section.build(() ->
                new JobsConfig(maxConcurrent, maxPerProvider, maxPerUser, maxAttempts, shutdownGrace, instance, lease));
    }

    /**
     * A per-provider or per-user limit. One the operator wrote is checked against max-concurrent by
     * {@link JobsConfig}; a default the operator never wrote, left above a lowered max-concurrent,
     * is reported as the default it is, with the value to write.
     */
    private static int limitWithinTotal(Section section, String key, int defaultLimit, int maxConcurrent) {
        Optional<Integer> written = section.optional(key, Values::integer);
        if (written.isEmpty() && defaultLimit > maxConcurrent && maxConcurrent >= 1) {
            throw ConfigException.at(
                    section.pathOf(key),
                    "not set, so its default " + defaultLimit + " applies, which is more than max-concurrent ("
                            + maxConcurrent + "); set " + section.pathOf(key) + " to " + maxConcurrent + " or less");
        }
        return written.orElse(defaultLimit);
    }

    private QuotasConfig quotas(Section section) {
        int imagesPerUser = section.value("images-per-user", Values::integer, QuotasConfig.DEFAULT_IMAGES_PER_USER);
        Duration window = section.value("window", Durations::parse, QuotasConfig.DEFAULT_WINDOW);
        OptionalInt globalDailyImages = section.optional("global-daily-images", Values::integer)
                .map(OptionalInt::of)
                .orElseGet(OptionalInt::empty);
        List<QuotaOverride> overrides = new ArrayList<>();
        for (Section.Element element : section.list("overrides")) {
            overrides.add(quotaOverride(element.asSection()));
        }
        return section.build(() -> new QuotasConfig(imagesPerUser, window, globalDailyImages, overrides));
    }

    private static QuotaOverride quotaOverride(Section section) {
        Optional<ScopedId> chat = section.optional("chat", ScopedId::parse);
        Optional<ScopedId> guild = section.optional("guild", ScopedId::parseGuild);
        int imagesPerUser = section.required("images-per-user", Values::integer);
        return section.build(() -> new QuotaOverride(chat, guild, imagesPerUser));
    }

    private static AccessConfig access(Section section) {
        Set<ScopedId> admins = scopedIds(section, "admins", ScopedId::parse);
        AccessList allow = accessList(section.section("allow"));
        AccessList deny = accessList(section.section("deny"));
        return section.build(() -> new AccessConfig(admins, allow, deny));
    }

    private static AccessList accessList(Section section) {
        Set<ScopedId> users = scopedIds(section, "users", ScopedId::parse);
        Set<ScopedId> chats = scopedIds(section, "chats", ScopedId::parse);
        Set<ScopedId> guilds = scopedIds(section, "guilds", ScopedId::parseGuild);
        return section.build(() -> new AccessList(users, chats, guilds));
    }

    /** The ids listed at {@code key}, each read by {@code parser}; an id listed twice counts once. */
    private static Set<ScopedId> scopedIds(Section section, String key, Function<String, ScopedId> parser) {
        Set<ScopedId> ids = new LinkedHashSet<>();
        for (Section.Element element : section.list(key)) {
            ids.add(element.value(parser));
        }
        return ids;
    }

    private static RetriesConfig retries(Section section) {
        int maxAttempts = section.value("max-attempts", Values::integer, RetriesConfig.DEFAULT_MAX_ATTEMPTS);
        Duration firstDelay = section.value("first-delay", Durations::parse, RetriesConfig.DEFAULT_FIRST_DELAY);
        Duration maxDelay = section.value("max-delay", Durations::parse, RetriesConfig.DEFAULT_MAX_DELAY);
        Duration deadline = section.value("deadline", Durations::parse, RetriesConfig.DEFAULT_DEADLINE);
        int failureThreshold =
                section.value("failure-threshold", Values::integer, RetriesConfig.DEFAULT_FAILURE_THRESHOLD);
        Duration coolDown = section.value("cool-down", Durations::parse, RetriesConfig.DEFAULT_COOL_DOWN);
        return section.build(
                () -> new RetriesConfig(maxAttempts, firstDelay, maxDelay, deadline, failureThreshold, coolDown));
    }

    /** The reference written at {@code key}, or empty when the key is not given. */
    private static Optional<SecretReference> secretReference(Section section, String key, String suggestedVariable) {
        return section.text(key).map(raw -> SecretReference.parse(raw, section.pathOf(key), suggestedVariable));
    }
}

package dev.redraw.app.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.redraw.core.model.ModelOverride;
import dev.redraw.core.provider.gemini.ResponseModality;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One image-model gateway.
 *
 * @param name short identifier, unique among providers; appears in logs and stored history
 * @param dialect the request format the gateway speaks
 * @param baseUrl where requests go
 * @param apiKey the gateway credential, read from the environment
 * @param modelEntries the models this gateway serves, in order of preference; another provider may
 *     serve the same model, which lets a job fail over to it
 * @param timeout how long one generation request may take before it is abandoned
 * @param auth how the key is sent
 * @param async whether to use the dialect's asynchronous form (a task id, then polling); only for
 *     dialects that {@linkplain Dialect#hasAsyncForm have one}
 * @param pollInterval the first wait between polls of an asynchronous task
 * @param pollMaxInterval the longest wait between polls; waits grow up to it
 * @param maxWait how long an asynchronous task may take in all before it is given up
 * @param stream whether to ask for a streamed answer that reports progress (task dialect only)
 * @param responseModalities what every answer is asked to hold (gemini dialect only), as written;
 *     empty when not written, which leaves {@link ResponseModality#DEFAULT}
 */
public record ProviderConfig(
        String name,
        Dialect dialect,
        URI baseUrl,
        Secret apiKey,
        List<ModelOverride> modelEntries,
        Duration timeout,
        ProviderAuth auth,
        boolean async,
        Duration pollInterval,
        Duration pollMaxInterval,
        Duration maxWait,
        boolean stream,
        Optional<List<ResponseModality>> responseModalities) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_POLL_MAX_INTERVAL = Duration.ofSeconds(15);
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(10);

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");
    private static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(10);
    private static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(1);
    private static final Duration MAX_POLL_MAX_INTERVAL = Duration.ofMinutes(5);
    private static final Duration MIN_MAX_WAIT = Duration.ofSeconds(1);
    private static final Duration MAX_MAX_WAIT = Duration.ofHours(2);

    public ProviderConfig {
        Values.require(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw ConfigException.at("name", "'" + name + "' may only contain lower-case letters, digits and '-'");
        }
        Values.require(dialect, "dialect");
        Values.requireUrl(baseUrl, "base-url", Set.of("http", "https"), "an http or https URL");
        Values.require(apiKey, "api-key");
        modelEntries = checkedModels(Values.require(modelEntries, "models"));
        Values.require(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw ConfigException.at("timeout", "must be longer than zero");
        }
        Values.require(auth, "auth");
        if (async && !dialect.hasAsyncForm()) {
            throw ConfigException.at(
                    "async",
                    "the " + dialect.yamlName() + " dialect has no asynchronous form; async works only with openai"
                            + " and task");
        }
        Durations.requireRange(pollInterval, "poll-interval", MIN_POLL_INTERVAL, MAX_POLL_INTERVAL);
        Durations.requireRange(pollMaxInterval, "poll-max-interval", MIN_POLL_INTERVAL, MAX_POLL_MAX_INTERVAL);
        Durations.requireAtLeast(pollMaxInterval, "poll-max-interval", pollInterval, "poll-interval");
        Durations.requireRange(maxWait, "max-wait", MIN_MAX_WAIT, MAX_MAX_WAIT);
        if (stream && dialect != Dialect.TASK) {
            throw ConfigException.at(
                    "stream", "only the task dialect has a streamed form; " + dialect.yamlName() + " has none");
        }
        if (stream && async) {
            throw ConfigException.at("stream", "cannot be combined with async; choose one");
        }
        responseModalities =
                ResponseModalities.checked(Values.require(responseModalities, ResponseModalities.KEY), dialect);
    }

    /** A provider whose answers are not streamed, asking for the dialect's default response modalities. */
    public ProviderConfig(
            String name,
            Dialect dialect,
            URI baseUrl,
            Secret apiKey,
            List<ModelOverride> modelEntries,
            Duration timeout,
            ProviderAuth auth,
            boolean async,
            Duration pollInterval,
            Duration pollMaxInterval,
            Duration maxWait) {
        this(
                name,
                dialect,
                baseUrl,
                apiKey,
                modelEntries,
                timeout,
                auth,
                async,
                pollInterval,
                pollMaxInterval,
                maxWait,
                false,
                Optional.empty());
    }

    /** What a gemini provider asks every answer to hold: as written, or {@link ResponseModality#DEFAULT}. */
    public List<ResponseModality> sentResponseModalities() {
        return responseModalities.orElse(ResponseModality.DEFAULT);
    }

    /** The ids of {@link #modelEntries()}, in the same order. */
    public List<String> models() {
        return modelEntries.stream().map(ModelOverride::id).toList();
    }

    /**
     * The environment variable a config file would conventionally use for this provider's key, such as
     * {@code NEBULA_API_KEY}; used in messages that tell people what to write.
     */
    static String conventionalKeyVariable(String providerName) {
        boolean usable = providerName != null && NAME.matcher(providerName).matches();
        return (usable ? providerName.toUpperCase(Locale.ROOT).replace('-', '_') : "PROVIDER") + "_API_KEY";
    }

    private static List<ModelOverride> checkedModels(List<ModelOverride> models) {
        if (models.isEmpty()) {
            throw ConfigException.at("models", "at least one model is required");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < models.size(); i++) {
            String key = KeyPaths.index("models", i);
            String model = Values.require(models.get(i), key).id();
            if (!seen.add(model)) {
                throw ConfigException.at(key, "model '" + model + "' is listed twice");
            }
        }
        return List.copyOf(models);
    }

    @JsonCreator
    static ProviderConfig read(
            @JsonProperty("name") String name,
            @JsonProperty("dialect") Dialect dialect,
            @JsonProperty("base-url") URI baseUrl,
            @JsonProperty("api-key") SecretText apiKey,
            @JsonProperty("models") List<ModelEntry> models,
            @JsonProperty("timeout") Duration timeout,
            @JsonProperty("auth") ProviderAuth auth,
            @JsonProperty("async") Boolean async,
            @JsonProperty("poll-interval") Duration pollInterval,
            @JsonProperty("poll-max-interval") Duration pollMaxInterval,
            @JsonProperty("max-wait") Duration maxWait,
            @JsonProperty("stream") Boolean stream,
            @JsonProperty(ResponseModalities.KEY) List<ResponseModality> responseModalities,
            @JacksonInject(ConfigBinding.ENV) Map<String, String> env) {
        Values.require(name, "name");
        Values.require(dialect, "dialect");
        Values.require(baseUrl, "base-url");
        return new ProviderConfig(
                name,
                dialect,
                baseUrl,
                apiKey(apiKey, conventionalKeyVariable(name), env),
                models == null
                        ? List.of()
                        : models.stream().map(ModelEntry::model).toList(),
                Objects.requireNonNullElse(timeout, DEFAULT_TIMEOUT),
                Objects.requireNonNullElse(auth, ProviderAuth.defaultFor(dialect)),
                Boolean.TRUE.equals(async),
                Objects.requireNonNullElse(pollInterval, DEFAULT_POLL_INTERVAL),
                Objects.requireNonNullElse(pollMaxInterval, DEFAULT_POLL_MAX_INTERVAL),
                Objects.requireNonNullElse(maxWait, DEFAULT_MAX_WAIT),
                Boolean.TRUE.equals(stream),
                Optional.ofNullable(responseModalities));
    }

    private static Secret apiKey(SecretText written, String suggestedVariable, Map<String, String> env) {
        if (written == null) {
            throw ConfigException.at(
                    "api-key", "missing required key; write a reference such as ${" + suggestedVariable + "}");
        }
        SecretReference reference = SecretReference.parse(written.text(), "api-key", suggestedVariable);
        return reference
                .resolve(env)
                .orElseThrow(() ->
                        ConfigException.at("api-key", "environment variable " + reference.variable() + " is not set"));
    }
}

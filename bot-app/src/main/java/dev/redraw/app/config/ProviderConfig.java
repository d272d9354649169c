package dev.redraw.app.config;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One image-model gateway.
 *
 * @param name short identifier, unique among providers; appears in logs and stored history
 * @param dialect the request format the gateway speaks
 * @param baseUrl where requests go
 * @param apiKey the gateway credential, read from the environment
 * @param models the model ids this gateway serves, in order of preference
 * @param timeout how long one generation request may take before it is abandoned
 */
public record ProviderConfig(
        String name, Dialect dialect, URI baseUrl, Secret apiKey, List<String> models, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

    public ProviderConfig {
        Values.require(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw ConfigException.at("name", "'" + name + "' may only contain lower-case letters, digits and '-'");
        }
        Values.require(dialect, "dialect");
        Values.requireUrl(baseUrl, "base-url", Set.of("http", "https"), "an http or https URL");
        Values.require(apiKey, "api-key");
        models = checkedModels(Values.require(models, "models"));
        Values.require(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw ConfigException.at("timeout", "must be longer than zero");
        }
    }

    /**
     * The environment variable a config file would conventionally use for this provider's key, such as
     * {@code NEBULA_API_KEY}; used in messages that tell people what to write.
     */
    static String conventionalKeyVariable(String providerName) {
        boolean usable = providerName != null && NAME.matcher(providerName).matches();
        return (usable ? providerName.toUpperCase(Locale.ROOT).replace('-', '_') : "PROVIDER") + "_API_KEY";
    }

    private static List<String> checkedModels(List<String> models) {
        if (models.isEmpty()) {
            throw ConfigException.at("models", "at least one model is required");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < models.size(); i++) {
            String model = models.get(i);
            String key = KeyPaths.index("models", i);
            if (model == null || model.isBlank()) {
                throw ConfigException.at(key, "a model id cannot be empty");
            }
            if (!seen.add(model)) {
                throw ConfigException.at(key, "model '" + model + "' is listed twice");
            }
        }
        return List.copyOf(models);
    }
}

package dev.redraw.app.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The whole configuration, validated as a unit: each section checks its own keys, and this record
 * checks the rules that span sections (unique provider names, a default model some provider serves).
 */
public record RedrawConfig(
        TelegramConfig telegram,
        DiscordConfig discord,
        List<ProviderConfig> providers,
        GenerationConfig generation,
        ImagesConfig images,
        StorageConfig storage,
        ConsoleConfig console,
        JobsConfig jobs,
        QuotasConfig quotas,
        AccessConfig access,
        RetriesConfig retries,
        ServerConfig server,
        LoggingConfig logging) {

    public RedrawConfig {
        Values.require(telegram, "telegram");
        Values.require(discord, "discord");
        providers = requireProviders(providers);
        Values.require(generation, "generation");
        Values.require(images, "images");
        Values.require(storage, "storage");
        Values.require(console, "console");
        Values.require(jobs, "jobs");
        Values.require(quotas, "quotas");
        Values.require(access, "access");
        Values.require(retries, "retries");
        Values.require(server, "server");
        Values.require(logging, "logging");
        Values.requireUnique(providers, "providers", provider -> "name", ProviderConfig::name, "provider name");
        requireServedModel(generation.defaultModel(), providers);
        if (telegram.webhook() && server.port().isEmpty()) {
            throw ConfigException.at(
                    "server.port", "required because telegram.mode is webhook: the webhook is served by this server");
        }
    }

    /** The chat platforms switched on; empty means only console mode can run. */
    public Set<Platform> enabledPlatforms() {
        Set<Platform> platforms = EnumSet.noneOf(Platform.class);
        if (telegram.enabled()) {
            platforms.add(Platform.TELEGRAM);
        }
        if (discord.enabled()) {
            platforms.add(Platform.DISCORD);
        }
        return Set.copyOf(platforms);
    }

    /** What to change when no platform is enabled, for printing next to that complaint. */
    public static String platformHelp() {
        return "To run on Telegram set telegram.enabled: true in the config file and export TELEGRAM_BOT_TOKEN;"
                + " to run on Discord set discord.enabled: true and export DISCORD_TOKEN.";
    }

    /** The provider called {@code name}, if any. */
    public Optional<ProviderConfig> provider(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    static List<ProviderConfig> requireProviders(List<ProviderConfig> providers) {
        if (providers == null || providers.isEmpty()) {
            throw ConfigException.at("providers", "at least one provider is required");
        }
        for (int i = 0; i < providers.size(); i++) {
            Values.require(providers.get(i), KeyPaths.index("providers", i));
        }
        return List.copyOf(providers);
    }

    private static void requireServedModel(String model, List<ProviderConfig> providers) {
        Set<String> served = new LinkedHashSet<>();
        providers.forEach(p -> served.addAll(p.models()));
        if (!served.contains(model)) {
            throw ConfigException.at(
                    "generation.default-model",
                    "'" + model + "' is not listed by any provider; listed models are " + String.join(", ", served));
        }
    }

    /** The file's top level; every section left out was read as an empty mapping. */
    @JsonCreator
    static RedrawConfig read(
            @JsonProperty("telegram") TelegramConfig telegram,
            @JsonProperty("discord") DiscordConfig discord,
            @JsonProperty("providers") List<ProviderConfig> providers,
            @JsonProperty("generation") GenerationConfig.Written generation,
            @JsonProperty("images") ImagesConfig images,
            @JsonProperty("storage") StorageConfig storage,
            @JsonProperty("console") ConsoleConfig console,
            @JsonProperty("jobs") JobsConfig jobs,
            @JsonProperty("quotas") QuotasConfig quotas,
            @JsonProperty("access") AccessConfig access,
            @JsonProperty("retries") RetriesConfig retries,
            @JsonProperty("server") ServerConfig server,
            @JsonProperty("logging") LoggingConfig logging) {
        List<ProviderConfig> served = requireProviders(providers);
        return new RedrawConfig(
                telegram,
                discord,
                served,
                generation.servedBy(served),
                images,
                storage,
                console,
                jobs,
                quotas,
                access,
                retries,
                server,
                logging);
    }
}

package dev.redraw.app.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How images are generated when the user does not say otherwise.
 *
 * @param defaultModel the model used when a request names none; some provider must list it
 * @param defaultRatio the aspect ratio used when a request names none, as {@code W:H}
 * @param historyByteBudget how many bytes of earlier images and text a follow-up edit may send
 *     upstream; older turns are dropped first
 */
public record GenerationConfig(String defaultModel, String defaultRatio, long historyByteBudget) {

    public static final String DEFAULT_RATIO = "1:1";
    public static final long DEFAULT_HISTORY_BYTE_BUDGET = 20L * 1024 * 1024;

    public GenerationConfig {
        Values.require(defaultModel, "default-model");
        if (defaultModel.isBlank()) {
            throw ConfigException.at("default-model", "cannot be empty");
        }
        Values.require(defaultRatio, "default-ratio");
        if (!Values.isRatio(defaultRatio)) {
            throw ConfigException.at("default-ratio", "'" + defaultRatio + "' is not a ratio like 16:9");
        }
        if (historyByteBudget <= 0) {
            throw ConfigException.at("history-byte-budget", "must be larger than zero");
        }
    }

    /** The section as written; without a default model, the first provider's first model is the default. */
    record Written(Optional<String> defaultModel, String defaultRatio, long historyByteBudget) {

        @JsonCreator
        static Written read(
                @JsonProperty("default-model") String defaultModel,
                @JsonProperty("default-ratio") String defaultRatio,
                @JsonProperty("history-byte-budget") @JsonDeserialize(using = ConfigBinding.DataSize.class)
                        Long historyByteBudget) {
            return new Written(
                    Optional.ofNullable(defaultModel),
                    Objects.requireNonNullElse(defaultRatio, DEFAULT_RATIO),
                    Objects.requireNonNullElse(historyByteBudget, DEFAULT_HISTORY_BYTE_BUDGET));
        }

        GenerationConfig servedBy(List<ProviderConfig> providers) {
            try {
                return new GenerationConfig(
                        defaultModel.orElseGet(
                                () -> providers.getFirst().models().getFirst()),
                        defaultRatio,
                        historyByteBudget);
            } catch (ConfigException e) {
                throw e.under("generation");
            }
        }
    }
}

package dev.redraw.app.config;

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
}

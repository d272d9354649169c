package dev.redraw.app.config;

import dev.redraw.core.provider.gemini.ResponseModality;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The gemini dialect's {@code response-modalities}: what every answer is asked to hold, sent upper case
 * as {@code generationConfig.responseModalities}. Seed 003's gemini-style gateway documents {@code
 * [IMAGE]}; Google's API takes the default, {@code [TEXT, IMAGE]}.
 */
final class ResponseModalities {

    static final String KEY = "response-modalities";

    private ResponseModalities() {}

    /** One value as written, in any case, such as {@code image}. */
    static ResponseModality parse(String text) {
        return YamlNames.parse(ResponseModality.class, text, "response modality", ResponseModality::name);
    }

    /**
     * Checks a written list: only for the gemini dialect, holding IMAGE (the bot asks for images), each
     * value once. Returns it read-only; empty when not written.
     */
    static Optional<List<ResponseModality>> checked(Optional<List<ResponseModality>> written, Dialect dialect) {
        if (written.isEmpty()) {
            return written;
        }
        if (dialect != Dialect.GEMINI) {
            throw ConfigException.at(
                    KEY, "only the gemini dialect has response modalities; " + dialect.yamlName() + " has none");
        }
        List<ResponseModality> modalities = written.get();
        List<ResponseModality> seen = new ArrayList<>();
        for (int i = 0; i < modalities.size(); i++) {
            ResponseModality modality = Values.require(modalities.get(i), KeyPaths.index(KEY, i));
            if (seen.contains(modality)) {
                throw ConfigException.at(KeyPaths.index(KEY, i), modality + " is listed twice");
            }
            seen.add(modality);
        }
        if (!seen.contains(ResponseModality.IMAGE)) {
            throw ConfigException.at(
                    KEY,
                    "must include IMAGE, since the bot asks for images; write [IMAGE] or [TEXT, IMAGE] (the default)");
        }
        return Optional.of(List.copyOf(seen));
    }
}

package dev.redraw.app.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.redraw.core.model.ModelOverride;
import java.util.List;
import java.util.Optional;

/** One of {@code providers[i].models}: a model given by its id alone, or with the capabilities it states. */
record ModelEntry(ModelOverride model) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ModelEntry named(String id) {
        // Jackson hands a text to this factory as it is; blank is refused here, as in any list.
        if (id.isBlank()) {
            throw ConfigException.at("", "cannot be empty");
        }
        return new ModelEntry(ModelEntries.of(id));
    }

    @JsonCreator
    static ModelEntry read(
            @JsonProperty("id") String id,
            @JsonProperty("max-input-images") Integer maxInputImages,
            @JsonProperty("aspect-ratios") List<String> aspectRatios,
            @JsonProperty("image-sizes") List<String> imageSizes,
            @JsonProperty("max-image-bytes") @JsonDeserialize(using = ConfigBinding.DataSize.class) Long maxImageBytes,
            @JsonProperty("max-prompt-chars") Integer maxPromptChars,
            @JsonProperty("native-history") Boolean nativeHistory) {
        return new ModelEntry(ModelEntries.checked(new ModelOverride(
                Values.require(id, "id"),
                Optional.ofNullable(maxInputImages),
                Optional.ofNullable(aspectRatios),
                Optional.ofNullable(imageSizes),
                Optional.ofNullable(maxImageBytes),
                Optional.ofNullable(maxPromptChars),
                Optional.ofNullable(nativeHistory))));
    }
}

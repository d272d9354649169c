package dev.redraw.core.settings;

import java.util.Optional;

/**
 * A user's defaults for new requests; empty fields leave the bot's defaults in place. The language
 * is the one the platform last reported, so results delivered after a restart speak it too.
 */
public record UserSettings(
        Optional<String> model, Optional<String> aspectRatio, Optional<String> imageSize, Optional<String> language) {

    public static final UserSettings NONE =
            new UserSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public UserSettings withModel(Optional<String> value) {
        return new UserSettings(value, aspectRatio, imageSize, language);
    }

    public UserSettings withAspectRatio(Optional<String> value) {
        return new UserSettings(model, value, imageSize, language);
    }

    public UserSettings withImageSize(Optional<String> value) {
        return new UserSettings(model, aspectRatio, value, language);
    }

    public UserSettings withLanguage(Optional<String> value) {
        return new UserSettings(model, aspectRatio, imageSize, value);
    }
}

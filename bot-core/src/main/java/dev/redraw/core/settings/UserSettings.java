package dev.redraw.core.settings;

import java.util.Optional;

/**
 * A user's defaults for new requests; empty fields leave the bot's defaults in place. The language
 * is the one the platform last reported, so results delivered after a restart speak it too.
 * {@code privateResults} asks for results only the user sees.
 */
public record UserSettings(
        Optional<String> model,
        Optional<String> aspectRatio,
        Optional<String> imageSize,
        Optional<String> language,
        boolean privateResults) {

    public static final UserSettings NONE =
            new UserSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);

    public UserSettings withModel(Optional<String> value) {
        return new UserSettings(value, aspectRatio, imageSize, language, privateResults);
    }

    public UserSettings withAspectRatio(Optional<String> value) {
        return new UserSettings(model, value, imageSize, language, privateResults);
    }

    public UserSettings withImageSize(Optional<String> value) {
        return new UserSettings(model, aspectRatio, value, language, privateResults);
    }

    public UserSettings withLanguage(Optional<String> value) {
        return new UserSettings(model, aspectRatio, imageSize, value, privateResults);
    }

    /** Results only the user sees, where the platform can show them so (Discord's ephemeral responses). */
    public UserSettings withPrivateResults(boolean value) {
        return new UserSettings(model, aspectRatio, imageSize, language, value);
    }
}

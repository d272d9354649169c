package dev.redraw.core.settings;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A user's defaults for new requests; empty fields leave the bot's defaults in place. The language
 * is the one the platform last reported, so results delivered after a restart speak it too.
 * {@code privateResults} asks for results only the user sees; {@code variations} is how many images
 * each request makes when it does not say ({@code --n}); empty makes one.
 */
public record UserSettings(
        Optional<String> model,
        Optional<String> aspectRatio,
        Optional<String> imageSize,
        Optional<String> language,
        boolean privateResults,
        OptionalInt variations) {

    public static final UserSettings NONE = new UserSettings(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, OptionalInt.empty());

    /** Settings with no default number of images. */
    public UserSettings(
            Optional<String> model,
            Optional<String> aspectRatio,
            Optional<String> imageSize,
            Optional<String> language,
            boolean privateResults) {
        this(model, aspectRatio, imageSize, language, privateResults, OptionalInt.empty());
    }

    public UserSettings withModel(Optional<String> value) {
        return new UserSettings(value, aspectRatio, imageSize, language, privateResults, variations);
    }

    public UserSettings withAspectRatio(Optional<String> value) {
        return new UserSettings(model, value, imageSize, language, privateResults, variations);
    }

    public UserSettings withImageSize(Optional<String> value) {
        return new UserSettings(model, aspectRatio, value, language, privateResults, variations);
    }

    public UserSettings withLanguage(Optional<String> value) {
        return new UserSettings(model, aspectRatio, imageSize, value, privateResults, variations);
    }

    /** Results only the user sees, where the platform can show them so (Discord's ephemeral responses). */
    public UserSettings withPrivateResults(boolean value) {
        return new UserSettings(model, aspectRatio, imageSize, language, value, variations);
    }

    /** How many images a request makes when it does not say; empty makes one. */
    public UserSettings withVariations(OptionalInt value) {
        return new UserSettings(model, aspectRatio, imageSize, language, privateResults, value);
    }
}

package dev.redraw.core.settings;

import java.util.Optional;

/** A user's defaults for new requests; empty fields leave the bot's defaults in place. */
public record UserSettings(Optional<String> model, Optional<String> aspectRatio, Optional<String> imageSize) {

    public static final UserSettings NONE = new UserSettings(Optional.empty(), Optional.empty(), Optional.empty());

    public UserSettings withModel(Optional<String> value) {
        return new UserSettings(value, aspectRatio, imageSize);
    }

    public UserSettings withAspectRatio(Optional<String> value) {
        return new UserSettings(model, value, imageSize);
    }

    public UserSettings withImageSize(Optional<String> value) {
        return new UserSettings(model, aspectRatio, value);
    }
}

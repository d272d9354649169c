package dev.redraw.telegram;

import dev.redraw.core.request.Preferences;
import dev.redraw.core.text.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;

/**
 * The /settings menu: the user's settings as text, and the buttons that change them, labelled in
 * the user's language; and what a button's data asks to change.
 */
record SettingsMenu(Preferences preferences) {

    /** The data prefix of every settings button. */
    static final String PREFIX = "s:";

    static final String SET_MODEL = PREFIX + "m:";
    static final String SET_RATIO = PREFIX + "r:";
    static final String SET_SIZE = PREFIX + "z:";
    /** The data value that leaves a setting to the model's default. */
    static final String DEFAULT = "auto";

    /** Ratios offered in /settings; any ratio a model takes can still be typed with --ar. */
    static final List<String> SETTINGS_RATIOS = List.of("1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3");

    static final List<String> SETTINGS_SIZES = List.of("1K", "2K", "4K");

    String text(Preferences.Shown current, Messages texts) {
        return texts.settingsTitle(current.model(), current.aspectRatio(), current.imageSize());
    }

    InlineKeyboardMarkup buttons(Messages texts) {
        List<List<InlineKeyboardButton>> rows = new ArrayList<>();
        for (String model : preferences.models()) {
            rows.add(List.of(Replies.button("🎨 " + model, SET_MODEL + model)));
        }
        rows.add(SETTINGS_RATIOS.stream()
                .map(r -> Replies.button(r, SET_RATIO + r))
                .toList());
        rows.add(SETTINGS_SIZES.stream()
                .map(s -> Replies.button(s, SET_SIZE + s))
                .toList());
        rows.add(List.of(
                Replies.button(texts.ratioDefaultButton(), SET_RATIO + DEFAULT),
                Replies.button(texts.sizeDefaultButton(), SET_SIZE + DEFAULT)));
        return Replies.keyboard(rows);
    }

    /** The change a settings button's data asks for; empty when the data names none. */
    static Optional<Preferences.Change> change(String data) {
        if (data.startsWith(SET_MODEL)) {
            return Optional.of(new Preferences.Change.Model(Optional.of(data.substring(SET_MODEL.length()))));
        } else if (data.startsWith(SET_RATIO)) {
            return Optional.of(new Preferences.Change.AspectRatio(orDefault(data.substring(SET_RATIO.length()))));
        } else if (data.startsWith(SET_SIZE)) {
            return Optional.of(new Preferences.Change.ImageSize(orDefault(data.substring(SET_SIZE.length()))));
        }
        return Optional.empty();
    }

    private static Optional<String> orDefault(String value) {
        return value.equals(DEFAULT) ? Optional.empty() : Optional.of(value);
    }
}

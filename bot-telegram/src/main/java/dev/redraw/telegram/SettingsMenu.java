package dev.redraw.telegram;

import dev.redraw.core.request.ChatServices;
import dev.redraw.core.settings.UserSettings;
import dev.redraw.core.text.Messages;
import java.util.ArrayList;
import java.util.List;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;

/** The /settings menu: the user's settings as text, and the buttons that change them. */
record SettingsMenu(ChatServices core) {

    /** The data prefix of every settings button. */
    static final String PREFIX = "s:";

    static final String SET_MODEL = PREFIX + "m:";
    static final String SET_RATIO = PREFIX + "r:";
    static final String SET_SIZE = PREFIX + "z:";

    /** Ratios offered in /settings; any ratio a model takes can still be typed with --ar. */
    static final List<String> SETTINGS_RATIOS = List.of("1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3");

    static final List<String> SETTINGS_SIZES = List.of("1K", "2K", "4K");

    String text(UserSettings current, Messages texts) {
        return texts.settingsTitle(
                current.model().orElse(core.generation().models().getFirst()),
                current.aspectRatio(),
                current.imageSize());
    }

    InlineKeyboardMarkup buttons() {
        List<List<InlineKeyboardButton>> rows = new ArrayList<>();
        for (String model : core.generation().models()) {
            rows.add(List.of(Replies.button("🎨 " + model, SET_MODEL + model)));
        }
        rows.add(SETTINGS_RATIOS.stream()
                .map(r -> Replies.button(r, SET_RATIO + r))
                .toList());
        rows.add(SETTINGS_SIZES.stream()
                .map(s -> Replies.button(s, SET_SIZE + s))
                .toList());
        rows.add(List.of(Replies.button("auto", SET_RATIO + "auto"), Replies.button("size auto", SET_SIZE + "auto")));
        return Replies.keyboard(rows);
    }
}

package dev.redraw.telegram;

import dev.redraw.core.request.ChatServices;
import dev.redraw.core.settings.UserSettings;
import java.util.Optional;

/** The /settings choices: a model, a ratio or a size, saved and shown in the menu. */
record SettingsButtons(ChatServices core, SettingsMenu menu) implements TelegramButton {

    @Override
    public String prefix() {
        return SettingsMenu.PREFIX;
    }

    @Override
    public void press(ButtonPress press) {
        String data = press.data();
        String user = Long.toString(press.query().getFrom().getId());
        UserSettings current = core.settings().user(UpdateHandler.PLATFORM, user);
        UserSettings changed = current;
        if (data.startsWith(SettingsMenu.SET_MODEL)) {
            changed = current.withModel(Optional.of(data.substring(SettingsMenu.SET_MODEL.length())));
        } else if (data.startsWith(SettingsMenu.SET_RATIO)) {
            changed = current.withAspectRatio(auto(data.substring(SettingsMenu.SET_RATIO.length())));
        } else if (data.startsWith(SettingsMenu.SET_SIZE)) {
            changed = current.withImageSize(auto(data.substring(SettingsMenu.SET_SIZE.length())));
        }
        core.settings().saveUser(UpdateHandler.PLATFORM, user, changed);
        press.edit(menu.text(changed, press.texts()));
        press.answer(press.texts().settingsSaved());
    }

    private static Optional<String> auto(String value) {
        return value.equals("auto") ? Optional.empty() : Optional.of(value);
    }
}

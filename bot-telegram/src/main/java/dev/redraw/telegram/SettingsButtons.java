package dev.redraw.telegram;

import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.Preferences;

/** The /settings choices: a model, a ratio or a size, saved and shown in the menu, which stays. */
record SettingsButtons(ChatServices core, SettingsMenu menu) implements TelegramButton {

    @Override
    public String prefix() {
        return SettingsMenu.PREFIX;
    }

    @Override
    public void press(ButtonPress press) {
        String user = Long.toString(press.query().getFrom().getId());
        Preferences.Shown shown = SettingsMenu.change(press.data())
                .map(change -> core.preferences().change(UpdateHandler.PLATFORM, user, change))
                .orElseGet(() -> core.preferences().of(UpdateHandler.PLATFORM, user));
        // The menu stays, so the next choice is one press away.
        press.edit(menu.text(shown, press.texts()), menu.buttons(press.texts()));
        press.answer(press.texts().settingsSaved());
    }
}

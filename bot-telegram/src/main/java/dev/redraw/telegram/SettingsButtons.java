package dev.redraw.telegram;

import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.Preferences;
import dev.redraw.core.settings.SettingProblem;
import dev.redraw.core.text.Messages;
import java.util.Optional;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * The /settings choices: a model, a ratio or a size, checked by the core and saved, and shown in
 * the menu, which stays. Only the user the menu was made for may use it; data of another shape is
 * refused before anything is read or stored.
 */
record SettingsButtons(ChatServices core, SettingsMenu menu) implements TelegramButton {

    @Override
    public String prefix() {
        return SettingsMenu.PREFIX;
    }

    @Override
    public void press(ButtonPress press) {
        Messages texts = press.texts();
        Optional<Preferences.Change> change = SettingsMenu.change(press.data());
        if (change.isEmpty()) {
            press.alert(texts.settingRefused(new SettingProblem.Malformed()));
            return;
        }
        String presser = Long.toString(press.query().getFrom().getId());
        switch (core.preferences().pressMenu(UpdateHandler.PLATFORM, presser, owner(press), change.get())) {
            case Preferences.Changed.Saved saved -> {
                // The menu stays, so the next choice is one press away.
                press.edit(menu.text(saved.shown(), texts), menu.buttons(saved.shown(), texts));
                press.answer(texts.settingsSaved());
            }
            case Preferences.Changed.Refused refused -> {
                // The menu may offer what no longer applies (the operator removed a model): show it anew.
                press.edit(menu.text(refused.shown(), texts), menu.buttons(refused.shown(), texts));
                press.alert(texts.settingRefused(refused.problem()));
            }
            case Preferences.Changed.NotYours ignored ->
                press.alert(texts.menuNotYours(asker(press).map(User::getFirstName)));
        }
    }

    /**
     * Whom the menu was made for: in a private chat its one user; in a group the author of the
     * /settings the menu replies to, as Telegram reports it (never the button's data). Empty when
     * Telegram no longer says.
     */
    private static Optional<String> owner(ButtonPress press) {
        if (press.chat() > 0) {
            // Telegram gives a private chat the id of its user; groups have negative ids.
            return Optional.of(Long.toString(press.chat()));
        }
        return asker(press).map(user -> Long.toString(user.getId()));
    }

    /** The author of the message the menu replies to, when the menu's message is still readable. */
    private static Optional<User> asker(ButtonPress press) {
        if (press.message() instanceof Message menuMessage && menuMessage.getReplyToMessage() != null) {
            return Optional.ofNullable(menuMessage.getReplyToMessage().getFrom());
        }
        return Optional.empty();
    }
}

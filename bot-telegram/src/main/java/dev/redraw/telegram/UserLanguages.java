package dev.redraw.telegram;

import dev.redraw.core.request.ChatServices;
import dev.redraw.core.text.Messages;
import org.telegram.telegrambots.meta.api.objects.User;

/** The language each user speaks, as Telegram reports it, remembered for results delivered later. */
record UserLanguages(ChatServices core) {

    /** The user's language, remembered so results delivered later (even after a restart) speak it. */
    Messages of(User user) {
        String language = user == null ? null : user.getLanguageCode();
        if (user != null && language != null) {
            core.preferences().speaks(UpdateHandler.PLATFORM, Long.toString(user.getId()), language);
        }
        return Messages.forLanguage(language);
    }

    /** The user's language without touching storage (which may be what failed). */
    static Messages spoken(User user) {
        return Messages.forLanguage(user == null ? null : user.getLanguageCode());
    }
}

package dev.redraw.telegram;

import dev.redraw.core.request.ChatServices;
import dev.redraw.core.text.Messages;
import org.telegram.telegrambots.meta.api.objects.User;

/**
 * The language each user speaks, as Telegram reports it, remembered for results delivered later, and
 * the name they go by, for the credit a remix of their image gives them.
 */
record UserLanguages(ChatServices core) {

    /** The user's language, remembered so results delivered later (even after a restart) speak it. */
    Messages of(User user) {
        String language = user == null ? null : user.getLanguageCode();
        if (user != null && language != null) {
            core.preferences().speaks(UpdateHandler.PLATFORM, Long.toString(user.getId()), language);
        }
        if (user != null) {
            core.preferences().named(UpdateHandler.PLATFORM, Long.toString(user.getId()), nameOf(user));
        }
        return Messages.forLanguage(language);
    }

    /** How a remix credits the user: their {@code @username}, else their first name. */
    static String nameOf(User user) {
        return user.getUserName() != null && !user.getUserName().isBlank()
                ? "@" + user.getUserName()
                : user.getFirstName();
    }

    /** The user's language without touching storage (which may be what failed). */
    static Messages spoken(User user) {
        return Messages.forLanguage(user == null ? null : user.getLanguageCode());
    }
}

package dev.redraw.telegram;

import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.Preferences;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * /settings: the user's settings, with buttons to change them. The menu replies to the command, so
 * a press can tell whose menu it is.
 */
record SettingsCommand(ChatServices core, SettingsMenu menu) implements TelegramCommand {

    @Override
    public String name() {
        return "settings";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        String user = Long.toString(context.message().getFrom().getId());
        Preferences.Shown shown = core.preferences().of(UpdateHandler.PLATFORM, user);
        context.replies()
                .replyWith(
                        context.chat(),
                        context.messageId(),
                        menu.text(shown, context.texts()),
                        menu.buttons(shown, context.texts()));
    }
}

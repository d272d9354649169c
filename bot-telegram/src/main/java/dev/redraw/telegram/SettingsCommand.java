package dev.redraw.telegram;

import dev.redraw.core.request.ChatServices;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** /settings: the user's settings, with buttons to change them. */
record SettingsCommand(ChatServices core, SettingsMenu menu) implements TelegramCommand {

    @Override
    public String name() {
        return "settings";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        String user = Long.toString(context.message().getFrom().getId());
        context.replies()
                .replyWith(
                        context.chat(),
                        context.messageId(),
                        menu.text(core.preferences().of(UpdateHandler.PLATFORM, user), context.texts()),
                        menu.buttons(context.texts()));
    }
}

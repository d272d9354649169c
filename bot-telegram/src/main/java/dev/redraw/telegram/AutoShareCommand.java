package dev.redraw.telegram;

import dev.redraw.core.request.ChatServices;
import java.util.Locale;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** /autoshare on|off: whether a group's results go to its gallery without a press of 📢 Share. */
record AutoShareCommand(ChatAdmins admins, ChatServices core) implements TelegramCommand {

    @Override
    public String name() {
        return "autoshare";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        String choice = context.rest().strip().toLowerCase(Locale.ROOT);
        if (!choice.equals("on") && !choice.equals("off")) {
            context.reply(context.texts().galleryUsage());
            return;
        }
        var managed = core.gallery().setAutoShare(context.origin(), admins.roleOf(context), choice.equals("on"));
        context.reply(context.texts().managed(managed, "", ""));
    }
}

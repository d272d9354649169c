package dev.redraw.telegram;

import dev.redraw.core.request.ChatServices;
import dev.redraw.core.settings.CommunityRules;
import java.util.Locale;
import java.util.Optional;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * /remix on|admins|off: who in a group may use the buttons under others' results (and remix them
 * from its gallery): everyone, its administrators, or nobody but each result's author. Telegram
 * says who administers the chat; the core decides who may switch.
 */
record RemixCommand(ChatAdmins admins, ChatServices core) implements TelegramCommand {

    @Override
    public String name() {
        return "remix";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        String choice = context.rest().strip().toLowerCase(Locale.ROOT);
        boolean on;
        Optional<String> role = Optional.empty();
        switch (choice) {
            case "", "on" -> on = true;
            case "admins" -> {
                on = true;
                role = Optional.of(CommunityRules.ADMINS);
            }
            case "off" -> on = false;
            default -> {
                context.reply(context.texts().galleryUsage());
                return;
            }
        }
        var managed = core.gallery().setRemix(context.origin(), admins.roleOf(context), on, role);
        context.reply(context.texts().managed(managed, "", context.texts().remixAdmins()));
    }
}

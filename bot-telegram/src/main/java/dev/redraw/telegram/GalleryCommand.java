package dev.redraw.telegram;

import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.Gallery;
import dev.redraw.core.request.Preferences;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChat;
import org.telegram.telegrambots.meta.api.objects.chat.ChatFullInfo;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * /gallery: shows a group's gallery and rules; /gallery @channel makes a channel its gallery, for
 * the group's administrators, where the bot may post and the asker administers the channel too (so
 * nobody can point a group at a channel that is not theirs); /gallery off removes it.
 */
record GalleryCommand(UpdateHandler.Bot bot, TelegramApi api, ChatAdmins admins, ChatServices core)
        implements TelegramCommand {

    /** A public chat's user name, or a chat's numeric id. */
    private static final Pattern CHAT = Pattern.compile("@[A-Za-z][A-Za-z0-9_]{3,31}|-?[0-9]{1,19}");

    @Override
    public String name() {
        return "gallery";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        var texts = context.texts();
        if (context.message().isUserMessage()) {
            context.reply(texts.galleryPrivateChat());
            return;
        }
        String argument = context.rest().strip();
        if (argument.isEmpty()) {
            Gallery.Overview overview = core.gallery().overview(context.origin());
            context.reply(
                    texts.galleryOverview(overview, overview.galleryChatId().map(this::describe), texts.remixAdmins()));
            return;
        }
        Preferences.ChatRole role = admins.roleOf(context);
        if (argument.toLowerCase(Locale.ROOT).equals("off")) {
            context.reply(texts.managed(core.gallery().clearGallery(context.origin(), role), "", ""));
            return;
        }
        if (!CHAT.matcher(argument).matches()) {
            context.reply(texts.galleryUsage());
            return;
        }
        if (role != Preferences.ChatRole.ADMIN) {
            context.reply(texts.managed(core.gallery().setGallery(context.origin(), role, argument), "", ""));
            return;
        }
        Optional<ChatFullInfo> target = chat(argument);
        if (target.isEmpty()) {
            context.reply(texts.galleryNotFound(argument));
            return;
        }
        String chatId = Long.toString(target.get().getId());
        String shown = describe(target.get());
        boolean channel = target.get().isChannelChat();
        if (!admins.mayPost(chatId, bot.id(), channel)) {
            context.reply(texts.galleryBotCannotPost(shown));
            return;
        }
        if (!admins.isAdmin(chatId, context.message().getFrom().getId())) {
            context.reply(texts.galleryNotChannelAdmin(shown));
            return;
        }
        context.reply(texts.managed(core.gallery().setGallery(context.origin(), role, chatId), shown, ""));
    }

    /** The chat Telegram knows by {@code idOrName}; empty when it knows none (or will not say). */
    private Optional<ChatFullInfo> chat(String idOrName) throws TelegramApiException {
        try {
            return Optional.of(api.execute(GetChat.builder().chatId(idOrName).build()));
        } catch (TelegramApiRequestException e) {
            if (e.getErrorCode() != null && e.getErrorCode() >= 500) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /** A gallery as its group sees it: its @name, else its title, else its id. */
    private String describe(String chatId) {
        try {
            return chat(chatId).map(GalleryCommand::describe).orElse(chatId);
        } catch (TelegramApiException e) {
            return chatId;
        }
    }

    private static String describe(ChatFullInfo chat) {
        if (chat.getUserName() != null) {
            return "@" + chat.getUserName();
        }
        return chat.getTitle() != null ? chat.getTitle() : Long.toString(chat.getId());
    }
}

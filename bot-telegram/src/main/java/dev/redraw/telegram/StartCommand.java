package dev.redraw.telegram;

import dev.redraw.core.conversation.Turn;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.Originals;
import dev.redraw.core.tree.Trees;
import java.util.Optional;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * /start: the welcome; with a continue link's token ({@code t.me/<bot>?start=<token>}, from a tree
 * page), the image it names, posted in this private chat and linked to its turn, so that a reply to
 * it continues from there. Whether the user may continue someone else's image is the core's to say.
 */
record StartCommand(UpdateHandler.Bot bot, TelegramApi api, ChatServices core, ChatAdmins admins)
        implements TelegramCommand {

    @Override
    public String name() {
        return "start";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        String token = context.rest().trim();
        if (token.isEmpty() || !context.message().isUserMessage()) {
            context.reply(context.texts().welcome(bot.username()));
            return;
        }
        var who = admins.of(context.message().getFrom().getId());
        switch (core.trees().start(context.origin(), token, who)) {
            case Trees.Started.Continue start -> show(context, start.turn());
            case Trees.Started.Gone ignored -> context.reply(context.texts().continueGone());
            case Trees.Started.NotAllowed ignored ->
                context.reply(context.texts().continueNotAllowed());
        }
    }

    private void show(CommandContext context, Turn turn) throws TelegramApiException {
        boolean shown = false;
        for (Originals.Original image : core.originals().of(turn)) {
            Optional<byte[]> bytes = image.bytes();
            if (bytes.isEmpty()) {
                continue;
            }
            Message sent =
                    send(context.chat(), image, bytes.get(), context.texts().continueHere());
            core.links().link(UpdateHandler.ref(sent), turn);
            shown = true;
        }
        if (!shown) {
            context.reply(context.texts().continueGone());
        }
    }

    private Message send(long chat, Originals.Original image, byte[] bytes, String caption)
            throws TelegramApiException {
        if (Delivery.fitsAsPhoto(image.image())) {
            return api.sendPhoto(() -> SendPhoto.builder()
                    .chatId(chat)
                    .photo(new InputFile(new UploadBytes(bytes), image.fileName()))
                    .caption(caption)
                    .build());
        }
        return api.sendDocument(() -> SendDocument.builder()
                .chatId(chat)
                .document(new InputFile(new UploadBytes(bytes), image.fileName()))
                .caption(caption)
                .build());
    }
}

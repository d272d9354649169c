package dev.redraw.telegram;

import dev.redraw.core.request.GalleryChannel;
import dev.redraw.core.request.GalleryPost;
import dev.redraw.core.request.ResultPost;
import dev.redraw.core.text.Messages;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageCaption;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * A Telegram gallery: a channel the bot posts shared results to, each photo with its prompt, its
 * author and its model, and a 🎨 Remix link that opens a private chat with the bot continuing from
 * it (a channel's readers cannot be answered in the channel itself).
 */
final class TelegramGallery implements GalleryChannel {

    private final TelegramApi api;
    private final Supplier<Optional<String>> botUsername;

    TelegramGallery(TelegramApi api, Supplier<Optional<String>> botUsername) {
        this.api = api;
        this.botUsername = botUsername;
    }

    @Override
    public String post(GalleryPost post) throws Exception {
        Messages texts = Messages.forLanguage(post.language().orElse("en"));
        ResultPost.Image image = post.images().getFirst();
        byte[] bytes = Delivery.fitsAsPhoto(image.ref()) ? image.bytes() : Delivery.preview(image.bytes());
        String name =
                "redraw-gallery-" + post.turnId() + (Delivery.fitsAsPhoto(image.ref()) ? image.extension() : ".jpg");
        String caption = texts.galleryCaption(post, post.author().name());
        var photo = SendPhoto.builder()
                .chatId(post.chatId())
                .caption(caption)
                .photo(new InputFile(new ByteArrayInputStream(bytes), name));
        Optional<String> bot = botUsername.get();
        if (post.remixToken().isPresent() && bot.isPresent()) {
            photo.replyMarkup(InlineKeyboardMarkup.builder()
                    .keyboardRow(new InlineKeyboardRow(List.of(InlineKeyboardButton.builder()
                            .text(texts.remixButton())
                            .url("https://t.me/" + bot.get() + "?start="
                                    + post.remixToken().get())
                            .build())))
                    .build());
        }
        var built = photo.build();
        return Integer.toString(api.sendPhoto(() -> built).getMessageId());
    }

    @Override
    public boolean remove(String chatId, String messageId) throws Exception {
        int message = Integer.parseInt(messageId);
        try {
            api.execute(
                    DeleteMessage.builder().chatId(chatId).messageId(message).build());
            return true;
        } catch (TelegramApiRequestException e) {
            String why = e.getApiResponse() == null ? "" : e.getApiResponse().toLowerCase(Locale.ROOT);
            if (e.getErrorCode() == null || e.getErrorCode() >= 500 || e.getErrorCode() == 429) {
                throw e;
            }
            if (why.contains("not found")) {
                return true;
            }
            // Too old to delete (Telegram allows 48 hours), or no right to: its photo stays, but its
            // words and its Remix link go.
            Messages texts = Messages.forLanguage("en");
            try {
                api.execute(EditMessageCaption.builder()
                        .chatId(chatId)
                        .messageId(message)
                        .caption(texts.galleryPostRemoved())
                        .replyMarkup(InlineKeyboardMarkup.builder()
                                .keyboard(List.of())
                                .build())
                        .build());
            } catch (TelegramApiRequestException refused) {
                if (refused.getErrorCode() == null || refused.getErrorCode() >= 500) {
                    throw refused;
                }
            }
            return false;
        }
    }
}

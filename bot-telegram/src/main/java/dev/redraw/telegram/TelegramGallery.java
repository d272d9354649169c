package dev.redraw.telegram;

import dev.redraw.core.request.GalleryChannel;
import dev.redraw.core.request.GalleryPost;
import dev.redraw.core.request.ResultPost;
import dev.redraw.core.text.Messages;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageMedia;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.media.InputMediaPhoto;
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
    public boolean remixesByLink() {
        return true;
    }

    @Override
    public String post(GalleryPost post) throws Exception {
        Messages texts = Messages.forLanguage(post.language().orElse("en"));
        ResultPost.Image image = post.images().getFirst();
        boolean asIs = Delivery.fitsAsPhoto(image.ref());
        byte[] bytes = asIs ? image.bytes() : Delivery.preview(image.bytes());
        String name = "redraw-gallery-" + post.turnId() + (asIs ? image.extension() : ".jpg");
        String caption = texts.galleryCaption(post, post.author().name());
        Optional<String> bot = botUsername.get();
        Optional<InlineKeyboardMarkup> remix = post.remixToken()
                .flatMap(token -> bot.map(username -> InlineKeyboardMarkup.builder()
                        .keyboardRow(new InlineKeyboardRow(List.of(InlineKeyboardButton.builder()
                                .text(texts.remixButton())
                                .url("https://t.me/" + username + "?start=" + token)
                                .build())))
                        .build()));
        try {
            // Built anew for every try: an upload's stream is read once.
            return Integer.toString(api.sendPhoto(() -> {
                        var photo = SendPhoto.builder()
                                .chatId(post.chatId())
                                .caption(caption)
                                .photo(new InputFile(new UploadBytes(bytes), name));
                        remix.ifPresent(photo::replyMarkup);
                        return photo.build();
                    })
                    .getMessageId());
        } catch (TelegramApiRequestException e) {
            if (Delivery.refusedForGood(e)) {
                throw new Refused(e.getErrorCode() + " " + e.getApiResponse());
            }
            throw e;
        }
    }

    @Override
    public boolean remove(String chatId, String messageId) throws Exception {
        int message = Integer.parseInt(messageId);
        try {
            api.execute(
                    DeleteMessage.builder().chatId(chatId).messageId(message).build());
            return true;
        } catch (TelegramApiRequestException e) {
            if (!refused(e)) {
                throw e;
            }
            String why = e.getApiResponse() == null ? "" : e.getApiResponse().toLowerCase(Locale.ROOT);
            if (why.contains("not found")) {
                return true;
            }
        }
        // Too old to delete (Telegram lets a bot delete its messages for 48 hours): the photo is
        // replaced by a blank one, and the words and the Remix link go.
        try {
            api.editMedia(() -> {
                var blank = new InputMediaPhoto(new UploadBytes(BLANK), "removed.png");
                blank.setCaption("🗑");
                return EditMessageMedia.builder()
                        .chatId(chatId)
                        .messageId(message)
                        .media(blank)
                        .replyMarkup(InlineKeyboardMarkup.builder()
                                .keyboard(List.of())
                                .build())
                        .build();
            });
            return true;
        } catch (TelegramApiRequestException e) {
            if (!refused(e)) {
                throw e;
            }
            return false;
        }
    }

    /** Telegram answered with a refusal (not a server error, nor flood control): asking again would not help. */
    private static boolean refused(TelegramApiRequestException e) {
        return e.getErrorCode() != null && e.getErrorCode() < 500 && e.getErrorCode() != 429;
    }

    /** A small grey image that takes a taken-down post's place. */
    private static final byte[] BLANK = blank();

    private static byte[] blank() {
        var image = new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(new java.awt.Color(0x9e9e9e));
        graphics.fillRect(0, 0, 64, 64);
        graphics.dispose();
        var out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

package dev.redraw.core.request;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A result as its gallery shows it: the images, the prompt, the author, the model, and how to
 * remix it.
 *
 * @param chatId the gallery's chat
 * @param turnId the result's turn; the posted message is linked to it, so a press of its Remix
 *     button (Discord) or a reply to it continues from it
 * @param images the result's images, read when uploaded
 * @param prompt what the author asked for; empty when it is gone
 * @param model the model that made it
 * @param author who made it, with the name they were last seen with
 * @param language the language the post is written in: its author's, when known
 * @param remixToken where the platform remixes through a link (Telegram's {@code
 *     t.me/<bot>?start=<token>}), the token that continues from this result; it lives as long as the
 *     result
 */
public record GalleryPost(
        String chatId,
        long turnId,
        List<ResultPost.Image> images,
        String prompt,
        String model,
        ResultPost.Author author,
        Optional<String> language,
        Optional<String> remixToken) {

    public GalleryPost {
        Objects.requireNonNull(chatId, "chatId");
        images = List.copyOf(images);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a gallery post shows an image");
        }
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(remixToken, "remixToken");
    }
}

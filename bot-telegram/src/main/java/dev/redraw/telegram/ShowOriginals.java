package dev.redraw.telegram;

import dev.redraw.core.conversation.Turn;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.Originals;
import dev.redraw.core.text.Messages;
import java.util.Optional;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Original: the result's images as files, uncompressed, each read from storage as it is sent. What
 * is sent is linked to the result, so a reply to it continues that branch.
 */
record ShowOriginals(TelegramApi api, ChatServices core) implements ResultAction {

    @Override
    public void act(ButtonPress press, Turn answer) throws TelegramApiException {
        for (Originals.Original original : core.originals().of(answer)) {
            Optional<byte[]> bytes = original.bytes();
            if (bytes.isEmpty()) {
                press.replies()
                        .reply(press.chat(), press.messageId(), press.texts().originalMissing());
                continue;
            }
            Message sent = send(press.chat(), press.messageId(), original, bytes.get(), press.texts());
            core.links().link(UpdateHandler.ref(sent), answer);
        }
        press.answer("");
    }

    private Message send(long chat, int replyTo, Originals.Original original, byte[] bytes, Messages texts)
            throws TelegramApiException {
        if (bytes.length > Delivery.DOCUMENT_BYTES) {
            return new Replies(api)
                    .reply(chat, replyTo, texts.extra(Messages.Extra.ORIGINAL_TOO_LARGE))
                    .getFirst();
        }
        return api.sendDocument(() -> SendDocument.builder()
                .chatId(chat)
                .document(new InputFile(new UploadBytes(bytes), original.fileName()))
                .replyParameters(ReplyParameters.builder()
                        .messageId(replyTo)
                        .allowSendingWithoutReply(true)
                        .build())
                .build());
    }
}

package dev.redraw.discord;

import dev.redraw.core.request.Originals;
import dev.redraw.core.request.ResultButtons;
import dev.redraw.core.text.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.FileUpload;

/**
 * Original under a result: sends the presser the result's images as generated, uncompressed, where
 * they fit the channel's upload limit; else says that limit.
 */
final class OriginalButton implements ButtonHandler {

    private final ResultPress press;
    private final Originals originals;

    OriginalButton(ResultPress press, Originals originals) {
        this.press = press;
        this.originals = originals;
    }

    @Override
    public String prefix() {
        return ResultButtons.ORIGINAL;
    }

    @Override
    public void onButton(ButtonInteractionEvent event, Messages texts) {
        press.answer(event, texts).ifPresent(answer -> {
            InteractionHook hook = event.deferReply(true).complete();
            long limit = Responses.Response.of(event).uploadLimit();
            List<FileUpload> files = new ArrayList<>();
            boolean overLimit = false;
            for (Originals.Original original : originals.of(answer)) {
                Optional<byte[]> bytes = original.bytes();
                if (bytes.isPresent()) {
                    overLimit |= bytes.get().length > limit;
                    files.add(FileUpload.fromData(bytes.get(), original.fileName()));
                }
            }
            if (files.isEmpty()) {
                hook.editOriginal(texts.originalMissing()).queue();
            } else if (overLimit) {
                hook.editOriginal(texts.originalTooLargeForDiscord(limit)).queue();
            } else {
                // The channel's limit may be lower than the bot knows of: Discord then answers 413.
                hook.editOriginalAttachments(files)
                        .queue(
                                ok -> {},
                                failure -> hook.editOriginal(
                                                tooLarge(failure)
                                                        ? texts.originalTooLargeForDiscord(limit)
                                                        : texts.internalError())
                                        .queue());
            }
        });
    }

    private static boolean tooLarge(Throwable failure) {
        return failure instanceof ErrorResponseException error
                && error.getErrorResponse() == ErrorResponse.REQUEST_ENTITY_TOO_LARGE;
    }
}

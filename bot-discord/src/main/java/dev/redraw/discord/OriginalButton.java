package dev.redraw.discord;

import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.request.ResultButtons;
import dev.redraw.core.text.Messages;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.utils.FileUpload;

/** Original under a result: sends the presser the result's images as generated, uncompressed. */
final class OriginalButton implements ButtonHandler {

    private final ResultPress press;
    private final ImageStore images;

    OriginalButton(ResultPress press, ImageStore images) {
        this.press = press;
        this.images = images;
    }

    @Override
    public String prefix() {
        return ResultButtons.ORIGINAL;
    }

    @Override
    public void onButton(ButtonInteractionEvent event, Messages texts) {
        press.answer(event, texts).ifPresent(answer -> {
            InteractionHook hook = event.deferReply(true).complete();
            var files = answer.images().stream()
                    .map(image ->
                            FileUpload.fromData(images.bytes(image.sha256()).orElseThrow(), "redraw-original.png"))
                    .toList();
            hook.editOriginalAttachments(files)
                    .queue(
                            ok -> {},
                            failure -> hook.editOriginal(texts.extra(Messages.Extra.ORIGINAL_TOO_LARGE))
                                    .queue());
        });
    }
}

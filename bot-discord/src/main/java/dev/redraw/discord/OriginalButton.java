package dev.redraw.discord;

import dev.redraw.core.request.Originals;
import dev.redraw.core.request.ResultButtons;
import dev.redraw.core.text.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.utils.FileUpload;

/** Original under a result: sends the presser the result's images as generated, uncompressed. */
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
            List<FileUpload> files = new ArrayList<>();
            for (Originals.Original original : originals.of(answer)) {
                Optional<byte[]> bytes = original.bytes();
                bytes.ifPresent(data -> files.add(FileUpload.fromData(data, original.fileName())));
            }
            if (files.isEmpty()) {
                hook.editOriginal(texts.originalMissing()).queue();
                return;
            }
            hook.editOriginalAttachments(files)
                    .queue(
                            ok -> {},
                            failure -> hook.editOriginal(texts.extra(Messages.Extra.ORIGINAL_TOO_LARGE))
                                    .queue());
        });
    }
}

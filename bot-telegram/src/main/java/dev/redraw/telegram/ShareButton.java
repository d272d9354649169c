package dev.redraw.telegram;

import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.Gallery;
import dev.redraw.core.request.ResultButtons;

/** 📢 Share under a result: its author posts it to the community's gallery, once. */
record ShareButton(ChatServices core, PostingChats posting, TelegramGallery gallery) implements TelegramButton {

    @Override
    public String prefix() {
        return ResultButtons.SHARE;
    }

    @Override
    public void press(ButtonPress press) {
        var pressed = new MessageRef(
                UpdateHandler.PLATFORM, Long.toString(press.chat()), Integer.toString(press.messageId()));
        Gallery.Shared shared = core.gallery().share(press.presser(), pressed, press.data(), false, gallery);
        if (shared instanceof Gallery.Shared.Gone && posting.settle(press.chat())) {
            // The press may have overtaken the link of a result that was just posted.
            shared = core.gallery().share(press.presser(), pressed, press.data(), false, gallery);
        }
        press.answer(press.texts().shared(shared));
    }
}

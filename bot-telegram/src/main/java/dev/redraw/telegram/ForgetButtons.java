package dev.redraw.telegram;

import dev.redraw.core.request.ChatServices;
import dev.redraw.core.text.Messages;

/** /forget's confirmation: forget the user's history, or keep it. */
record ForgetButtons(ChatServices core, Runnable forgotten) implements TelegramButton {

    static final String PREFIX = "f:";
    static final String FORGET_YES = PREFIX + "y";
    static final String FORGET_NO = PREFIX + "n";

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public void press(ButtonPress press) {
        Messages texts = press.texts();
        if (press.data().equals(FORGET_YES)) {
            var busy = core.desk().forget(press.presser());
            press.edit(busy.isPresent() ? texts.forgetBusy() : texts.forgetDone());
            if (busy.isEmpty()) {
                core.preferences()
                        .forgotten(press.presser().platform(), press.presser().userId());
                // Their posts leave the galleries too.
                forgotten.run();
            }
        } else if (press.data().equals(FORGET_NO)) {
            press.edit(texts.extra(Messages.Extra.FORGET_KEPT));
        }
        press.answer("");
    }
}

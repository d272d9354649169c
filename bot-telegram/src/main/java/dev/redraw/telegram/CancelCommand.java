package dev.redraw.telegram;

import dev.redraw.core.request.CancelChoice;
import dev.redraw.core.request.ChatCancel;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.text.Messages;
import dev.redraw.core.text.TypedNumber;
import java.util.List;
import java.util.OptionalLong;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * /cancel N; /cancel in reply to a job's status message; or a bare /cancel, which cancels the
 * user's one request in progress in the chat, or asks which one with a button each ({@link
 * CancelButtons}).
 */
record CancelCommand(ChatServices core, StatusMessages statuses, PostingChats posting) implements TelegramCommand {

    @Override
    public String name() {
        return "cancel";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        Messages texts = context.texts();
        if (!context.rest().isBlank()) {
            context.reply(
                    switch (TypedNumber.parse(context.rest(), TypedNumber.Kind.JOB)) {
                        case TypedNumber.Valid job -> cancel(context, job.value());
                        case TypedNumber.Invalid invalid -> texts.numberProblem(invalid);
                    });
            return;
        }
        OptionalLong replied = repliedJob(context);
        if (replied.isPresent()) {
            context.reply(cancel(context, replied.getAsLong()));
            return;
        }
        switch (core.desk().cancelInChat(context.origin())) {
            case ChatCancel.Nothing nothing -> context.reply(texts.nothingToCancel());
            case ChatCancel.Done done -> context.reply(texts.cancelResult(done.result(), done.jobId()));
            case ChatCancel.Choose choose ->
                context.replies()
                        .replyWith(
                                context.chat(),
                                context.messageId(),
                                texts.cancelWhich(choose.total()),
                                Replies.keyboard(choose.choices().stream()
                                        .map(choice -> List.of(button(texts, choice)))
                                        .toList()));
        }
    }

    private String cancel(CommandContext context, long job) {
        return context.texts().cancelResult(core.desk().cancel(job, context.origin()), job);
    }

    private static InlineKeyboardButton button(Messages texts, CancelChoice choice) {
        return Replies.button(texts.cancelChoice(choice), CancelButtons.PREFIX + choice.jobId());
    }

    /** The job whose status message the command replies to, if it does. */
    private OptionalLong repliedJob(CommandContext context) {
        if (context.message().getReplyToMessage() == null) {
            return OptionalLong.empty();
        }
        int status = context.message().getReplyToMessage().getMessageId();
        OptionalLong job = statuses.jobOf(context.chat(), status);
        if (job.isEmpty() && posting.settle(context.chat())) {
            // The reply may have overtaken the bookkeeping of a status message just posted.
            job = statuses.jobOf(context.chat(), status);
        }
        return job;
    }
}

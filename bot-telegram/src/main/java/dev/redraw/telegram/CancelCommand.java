package dev.redraw.telegram;

import dev.redraw.core.request.ChatServices;
import java.util.OptionalLong;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** /cancel N, or /cancel in reply to a job's status message. */
record CancelCommand(ChatServices core, StatusMessages statuses, PostingChats posting) implements TelegramCommand {

    @Override
    public String name() {
        return "cancel";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        OptionalLong job = job(context);
        context.reply(
                job.isEmpty()
                        ? context.texts().nothingToCancel()
                        : context.texts()
                                .cancelResult(core.desk().cancel(job.getAsLong(), context.origin()), job.getAsLong()));
    }

    private OptionalLong job(CommandContext context) {
        if (context.rest().matches("#?\\d+")) {
            return OptionalLong.of(Long.parseLong(context.rest().replace("#", "")));
        }
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
